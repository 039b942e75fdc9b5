from django.http import JsonResponse

from shop.models import Coupon


def apply_coupon(request):
    code = request.GET.get("code", "").strip()
    coupon = Coupon.objects.filter(code=code, active=True).first()
    if coupon is None:
        return JsonResponse({"error": "unknown coupon"}, status=404)
    request.session["coupon_code"] = coupon.code
    request.session["discount_percent"] = coupon.percent
    return JsonResponse({"applied": code})
