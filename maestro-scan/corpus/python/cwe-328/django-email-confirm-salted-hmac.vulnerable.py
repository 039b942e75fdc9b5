from django.core.mail import send_mail
from django.http import JsonResponse
from django.utils.crypto import salted_hmac


def send_confirmation(request):
    user = request.user
    token = salted_hmac("email-confirm", f"{user.pk}:{user.email}", algorithm="sha1").hexdigest()
    send_mail(
        "Confirm your email",
        f"https://app.example.com/confirm/{user.pk}/{token}",
        "no-reply@example.com",
        [user.email],
    )
    return JsonResponse({"sent": True})
