from django.shortcuts import redirect

from shop.cart import Cart


def claim_cart(request):
    cart = Cart.objects.create(owner=request.user if request.user.is_authenticated else None)
    response = redirect("cart-detail")
    response.set_signed_cookie("cart_id", str(cart.pk), salt="cart", max_age=14 * 86400)
    return response
