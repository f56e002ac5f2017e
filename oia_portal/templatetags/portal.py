from django import template
from django.urls import translate_url
from django.utils.http import urlencode

from oia_portal.images import rendition_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """The current page's address in another language (the switcher's links)."""
    request = context["request"]
    url = translate_url(request.path, language_code)
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return url


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{urlencode(sorted(params.lists()), doseq=True)}" if params else "?"


@register.filter
def rendition(fieldfile, size="small"):
    """URL of an image's small rendition, made when the image was saved."""
    return rendition_url(fieldfile, size)
