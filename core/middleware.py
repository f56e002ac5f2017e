"""Requests cleaned before the views see them."""

from django.http import QueryDict


class StripNullCharactersMiddleware:
    """Drop NUL characters from the query string's names and values.

    PostgreSQL cannot store or compare text with NUL in it: a filter built from
    such a value would raise deep in a view (a 500). No real visitor types one,
    so every view gets the query without them and answers as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in "".join(f"{key}{''.join(values)}" for key, values in request.GET.lists()):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
