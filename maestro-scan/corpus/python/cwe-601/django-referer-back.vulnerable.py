from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shop.cart import Cart


@require_POST
def add_to_cart(request, product_id):
    Cart(request).add(product_id, quantity=int(request.POST.get("qty", 1)))
    back = request.META.get("HTTP_REFERER", "/shop/")
    return HttpResponseRedirect(back)
