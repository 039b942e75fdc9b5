import random
import secrets

from twilio.rest import Client


def send_login_otp(phone, cache):
    otp = "".join(str(random.randint(0, 9)) for _ in range(6))
    cache.set(f"otp:{phone}", otp, timeout=300)
    Client().messages.create(to=phone, from_="+15550001111", body=f"Your login code is {otp}")
    return True
