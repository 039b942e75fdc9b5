from django.shortcuts import render

from catalog.models import Product


def product_list(request):
    key_expr = request.GET.get("sort_key", "item.price")
    products = list(Product.objects.filter(active=True))
    sort_key = eval("lambda item: " + key_expr)
    products.sort(key=sort_key)
    return render(request, "catalog/list.html", {"products": products})
