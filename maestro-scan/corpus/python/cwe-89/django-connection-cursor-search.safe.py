from django.db import connection
from django.shortcuts import render


def customer_search(request):
    term = request.POST.get("q", "").strip()
    results = []
    if term:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, full_name FROM crm_customer WHERE full_name LIKE %s",
                ["%" + term + "%"],
            )
            results = cursor.fetchall()
    return render(request, "crm/search.html", {"results": results, "term": term})
