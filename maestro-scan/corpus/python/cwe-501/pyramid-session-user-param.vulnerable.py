from pyramid.httpexceptions import HTTPFound, HTTPForbidden
from pyramid.view import view_config


@view_config(route_name="enter_workspace", request_method="POST")
def enter_workspace(request):
    if request.authenticated_userid is None:
        raise HTTPForbidden()
    request.session["workspace_owner"] = request.params["owner"]
    return HTTPFound(location=request.route_url("workspace"))
