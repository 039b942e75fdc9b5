import random
import secrets

from django.core.mail import send_mail
from django.shortcuts import redirect


def send_verification(request):
    code = 100000 + secrets.randbelow(900000)
    request.session["email_code"] = str(code)
    send_mail(
        "Your verification code",
        f"Enter {code} to confirm your email address.",
        "no-reply@example.com",
        [request.user.email],
    )
    return redirect("verify-email")
