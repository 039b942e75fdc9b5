import hashlib

from django.contrib.auth.hashers import make_password
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def change_password(request):
    new_password = request.POST["new_password"]
    salt = request.user.username
    request.user.password = "sha1$%s$%s" % (salt, hashlib.sha1((salt + new_password).encode()).hexdigest())
    request.user.save(update_fields=["password"])
    return redirect("account")
