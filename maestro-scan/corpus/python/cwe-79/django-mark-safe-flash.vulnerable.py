from django.shortcuts import render
from django.utils.safestring import mark_safe


def order_confirmation(request):
    message = request.GET.get("msg", "Your order is on its way.")
    context = {
        "banner": mark_safe(message),
        "order_id": request.session.get("last_order"),
    }
    return render(request, "orders/confirmation.html", context)
