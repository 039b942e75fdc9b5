import random
import string

from django.core.cache import cache
from django.core.mail import send_mail
from django.http import JsonResponse
from django.utils.crypto import get_random_string


def request_magic_link(request):
    email = request.POST["email"]
    token = get_random_string(32, allowed_chars=string.ascii_letters)
    cache.set(f"magic:{token}", email, timeout=900)
    send_mail("Sign in", f"https://app.example.com/magic/{token}", "no-reply@example.com", [email])
    return JsonResponse({"sent": True})
