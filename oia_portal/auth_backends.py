"""Login throttling for the admin (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, for logins that come with a web request.

    Axes refuses to run without a request. A login without one (the test
    client's login(), a management command) is not an attempt from the web, so
    there is nothing to count or lock: this backend then steps aside and the
    next backend authenticates as usual. Every web login (the admin's form)
    passes the request and is counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
