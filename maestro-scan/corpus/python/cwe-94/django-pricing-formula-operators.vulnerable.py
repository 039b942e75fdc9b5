import operator

from django.http import JsonResponse

OPERATORS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}


def apply_adjustment(request):
    base = float(request.GET.get("base", "0"))
    op = request.GET.get("op", "mul")
    factor = float(request.GET.get("factor", "1"))
    namespace = {}
    exec(f"result = {base} {op} {factor}", {}, namespace)
    return JsonResponse({"price": round(namespace["result"], 2)})
