from django.http import JsonResponse

from shop.models import Coupon


def apply_coupon(request):
    code = request.GET.get("code", "").strip()
    request.session["coupon_code"] = code
    request.session["discount_percent"] = request.GET.get("percent", "10")
    return JsonResponse({"applied": code})
