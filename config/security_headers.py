"""The admin's own Content Security Policy.

The policies themselves are in config/settings/base.py: SECURE_CSP for the public site,
SECURE_CSP_ADMIN for the admin; PERMISSIONS_POLICY for the Permissions-Policy header, which
django-permissions-policy adds.
"""

from contextlib import suppress
from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.csp import CSP, build_policy


@cache
def admin_prefixes():
    """Where the Wagtail admin (with its previews) and the Django admin are mounted."""
    prefixes = []
    for name in ["wagtailadmin_home", "admin:index"]:
        with suppress(NoReverseMatch):  # an admin that is not mounted
            prefixes.append(reverse(name))
    return tuple(prefixes)


class AdminContentSecurityPolicyMiddleware:
    """Gives the admins SECURE_CSP_ADMIN instead of the public SECURE_CSP.

    The admins need inline scripts and styles, which the public policy forbids. Comes after
    django.middleware.csp.ContentSecurityPolicyMiddleware in MIDDLEWARE, which leaves a
    Content-Security-Policy header already on a response alone. Replaces any policy already
    there: a page preview renders the page through the middleware again, at its public
    address, so that its response comes back with the public policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(admin_prefixes()):
            response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(settings.SECURE_CSP_ADMIN)
        return response
