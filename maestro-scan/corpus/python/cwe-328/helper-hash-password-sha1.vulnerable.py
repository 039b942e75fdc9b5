import hashlib
import os

from django.http import JsonResponse

from accounts.models import Member


def hash_password(password, salt):
    return hashlib.sha1(salt + password.encode()).hexdigest()


def register_member(request):
    salt = os.urandom(16)
    member = Member.objects.create(
        email=request.POST["email"],
        salt=salt.hex(),
        pw_hash=hash_password(request.POST["password"], salt),
    )
    return JsonResponse({"id": member.pk}, status=201)
