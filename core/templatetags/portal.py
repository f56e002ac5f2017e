import datetime
import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.images import rendition_url
from core.kept_here import KeptHere

register = template.Library()


def _swap_language_prefix(path, language_code):
    """/en/x/ -> /zh-hant/x/ for paths that resolve to nothing (a 404 page)."""
    current = get_language()
    prefix = f"/{current}/"
    if current and path.startswith(prefix) and language_code in dict(settings.LANGUAGES):
        return f"/{language_code}/{path[len(prefix) :]}"
    return path


# A path's address in another language follows from the URLconf alone: resolved once a process
# (resolving and reversing it on every page was a tenth of a short page's time).
_paths_in_language = KeptHere(at_most=4096)


def _path_in_language(request, language_code):
    key = (request.path, get_language(), language_code)
    path = _paths_in_language.get(key)
    if path is None:
        path = translate_url(request.path, language_code)
        path = _swap_language_prefix(path, language_code) if path == request.path else path
        _paths_in_language.set(key, path)
    return path


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code, absolute=False):
    """The current page's address in another language (the switcher's links).

    absolute=True gives the full URL, as search engines want in hreflang links.
    """
    request = context.get("request")
    if request is None:
        return f"/{language_code}/"
    url = _path_in_language(request, language_code)
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return request.build_absolute_uri(url) if absolute else url


# The main menu: (URL name, label). A name that does not resolve (an app left out) is skipped.
MAIN_MENU = (
    ("exchanges:list", _("Exchange programmes")),
    ("partners:list", _("Partners")),
    ("scholars:list", _("Visiting scholars")),
    ("events:list", _("Events")),
    ("events:news-list", _("News")),
    ("statistics:index", _("Statistics")),
    ("about", _("Contact")),
)


@functools.cache
def _menu_urls_in(language):
    urls = []
    for url_name, label in MAIN_MENU:
        try:
            urls.append((reverse(url_name), label))
        except NoReverseMatch:
            continue
    return urls


def _menu_urls():
    return _menu_urls_in(get_language())


@receiver(setting_changed)
def _forget_menu_urls(**kwargs):
    _menu_urls_in.cache_clear()  # URLs come from settings (tests change them)
    _paths_in_language.clear()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's links, each marked current on its page and active within its section."""
    request = context.get("request")
    path = request.path if request else ""
    # The home page ("/en/") is a prefix of every page: only an exact match counts.
    return [
        {"url": url, "label": label, "is_current": path == url, "in_section": path.startswith(url)}
        for url, label in _menu_urls()
    ]


@register.filter
def menu_position(path):
    """Where a path sits in the main menu: the longest menu URL it starts with, and whether it is
    that URL. The menu's look depends on nothing else (menu URLs that prefix one path prefix
    each other), so the menu is kept rendered under this."""
    matches = [url for url, _label in _menu_urls() if path.startswith(url)]
    longest = max(matches, key=len, default="")
    return (longest, path == longest)


class FramePartNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        from core.fragment_cache import render_frame_part

        vary = [value.resolve(context) for value in self.vary]
        return render_frame_part(context, self.name.resolve(context), vary, self.nodelist.render)


class KeptPartNode(FramePartNode):
    def render(self, context):
        from core.fragment_cache import render_kept_part

        vary = [value.resolve(context) for value in self.vary]
        return render_kept_part(self.name.resolve(context), vary, lambda: self.nodelist.render(context))


def _named_block(node_class, parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse((f"end_{bits[0]}",))
    parser.delete_first_token()
    return node_class(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


@register.tag
def frame_part(parser, token):
    """`{% frame_part "name" value… %}…{% end_frame_part %}`: a part of every page's frame, kept
    rendered for the language, the site's settings and the values named (see fragment_cache).
    Whatever else the part shows must not change while the process runs."""
    return _named_block(FramePartNode, parser, token)


@register.tag
def kept_part(parser, token):
    """`{% kept_part "name" value… %}…{% end_kept_part %}`: a part of a page kept rendered for the
    language and the values named, until a table it read changes (see fragment_cache).

    Only for parts that look the same to every visitor (no form, no session, no "now"): what
    changes by time alone must be among the values named, e.g. the date for "in force today"."""
    return _named_block(KeptPartNode, parser, token)


@register.simple_tag
def page_numbers(page_obj):
    """The page links of a list: the first and last, three either side of this one, None for a gap.
    A loop over every page number in the template grew with the rows behind the list."""
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=3, on_ends=1)
    return [None if number == paginator.ELLIPSIS else number for number in numbers]


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


@register.simple_tag(takes_context=True)
def rendered_rows(context, rows, template_name, name, key_paths):
    """`{% for row in rows %}{% include template_name %}` with each row kept rendered until one
    of `key_paths` (space-separated dotted paths: everything the row shows) changes."""
    from core.fragment_cache import render_rows

    return render_rows(context, rows, template_name, name, key_paths.split())


@register.filter
def crispy_filter_form(form):
    """`form|crispy` for GET filter forms, from a cache keyed on everything the HTML depends on."""
    from core.form_cache import render_filter_form

    return render_filter_form(form)


@register.filter
def crispy_filter_field(bound_field):
    """`field|as_crispy_field` for a field of a GET filter form, from the same kind of cache."""
    from core.form_cache import render_filter_field

    return render_filter_field(bound_field)


@register.filter
def crispy_blank_field(bound_field):
    """`field|as_crispy_field` for a field of a POST form, from the cache while the form is blank."""
    from core.form_cache import render_blank_field

    return render_blank_field(bound_field)


@register.simple_tag(takes_context=True)
def crispy_blank_form(context, form):
    """`{% crispy form %}`, from the cache while the form is blank (see form_cache)."""
    from core.form_cache import render_blank_form

    return render_blank_form(form, context["request"])


@register.filter
def iso(value):
    """A date or aware datetime for <time datetime>: local time to the second.

    The "c" date format keeps microseconds, and HTML allows at most three digits
    of fractions of a second; no reader of the page needs them.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
