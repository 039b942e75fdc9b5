from django.shortcuts import redirect

WIZARD_STEPS = ("account", "profile", "billing", "done")


def wizard_next(request):
    step = request.POST.get("step", "account")
    request.session["wizard_step"] = step
    return redirect("wizard", step=request.session["wizard_step"])
