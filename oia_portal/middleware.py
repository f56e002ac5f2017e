"""Response headers Django has no setting for."""

from django.conf import settings
from django.shortcuts import render


def permissions_policy_header(policy):
    """{"camera": [], "geolocation": ["self"]} -> 'camera=(), geolocation=(self)'."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Tell browsers which powerful features (camera, location...) pages may use: none by default."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string carrying a NUL character.

    PostgreSQL cannot store or compare text with NUL in it: a filter built from
    such a value would raise deep in a view (a 500). No real visitor sends one,
    so the request is refused up front with a plain message instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return render(request, "400.html", status=400)
        return self.get_response(request)
