import operator

from django.http import JsonResponse

OPERATORS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}


def apply_adjustment(request):
    base = float(request.GET.get("base", "0"))
    op = request.GET.get("op", "mul")
    factor = float(request.GET.get("factor", "1"))
    if op not in OPERATORS:
        return JsonResponse({"error": "unknown operation"}, status=400)
    result = OPERATORS[op](base, factor)
    return JsonResponse({"price": round(result, 2)})
