from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render


def staff_login(request):
    if request.method == "GET":
        return render(request, "staff/login.html")
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return render(request, "staff/login.html", {"error": True})
    login(request, user)
    request.session["is_admin"] = user.is_staff and user.is_superuser
    return redirect("staff-home")
