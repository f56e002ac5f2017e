"""Small helpers the test folders share."""

from django.urls import reverse
from django.utils import translation


def url(name, language="en", **kwargs):
    """The path of a named URL in a language (English unless told)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
