import hashlib

from django.contrib.auth.hashers import make_password
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def change_password(request):
    new_password = request.POST["new_password"]
    request.user.password = make_password(new_password)
    request.user.save(update_fields=["password"])
    return redirect("account")
