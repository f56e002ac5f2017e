"""Every page shape of the portal, enumerated from the URL resolver and the seeded data.

A *shape* is one URL pattern in one state: a partner's page, the programme
finder filtered by one field, the application form sent back with errors,
the 404 page, the agreement changelist. A *page* is one URL of a shape in one
language. Nothing here is a hand-kept list of URLs:

- public shapes come from walking the resolver; the objects behind a slug come
  from the view's own public queryset (or, for the views that are not generic,
  from PRIVATE_LINKS below, which must name every pattern the walk cannot fill);
- filter and pagination variants come from the GET forms and page links that
  the rendered pages themselves offer;
- "with errors" variants post an empty form to every page that shows a POST form;
- error pages come from the error templates in templates/ and the URLconf's handlers;
- admin shapes come from the ModelAdmins' own URL patterns.

A pattern added later is checked without editing this file, or (when it needs a
token the walk cannot guess) makes `test_every_public_pattern_is_catalogued` fail.
"""

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone, translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# How many pages of one shape are checked: spread over the queryset, first and
# last included. CONFORMANCE_ALL_PAGES=1 checks every page (the whole seeded site).
PAGES_PER_SHAPE = 10_000 if os.environ.get("CONFORMANCE_ALL_PAGES") == "1" else 4

# The admin pages a coordinator spends the day on (issue 12): the dashboard and
# every page these ModelAdmins serve.
# django-import-export's own import and export pages are left out: their templates are
# the package's (invalid attributes its JavaScript reads), not pages this project writes.
THIRD_PARTY_PAGES = ("_import", "_process_import", "_export")

ADMIN_MODELS = ["partners.PartnerUniversity", "partners.Agreement", "exchanges.Application", "events.Event"]


@dataclass(frozen=True)
class Page:
    shape: str
    path: str
    language: str
    method: str = "get"
    data: tuple = ()
    staff: bool = False
    expected_status: int = 200


@dataclass
class Rendered:
    page: Page
    status: int
    content_type: str
    html: str = field(repr=False)

    @property
    def is_html(self):
        return self.content_type.startswith("text/html")


def _spread(items, limit=None):
    """Up to `limit` items spread evenly over the list, the first and the last among them."""
    limit = limit or PAGES_PER_SHAPE
    items = list(items)
    if len(items) <= limit:
        return items
    step = (len(items) - 1) / (limit - 1)
    return [items[round(i * step)] for i in range(limit)]


# ---------------------------------------------------------------- the resolver


@dataclass(frozen=True)
class Pattern:
    name: str
    callback: object
    keys: frozenset
    localized: bool


def walk(patterns=None, namespace="", localized=False):
    """Every named URL pattern outside the admin, with its converters' names."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, localized or isinstance(entry.pattern, LocalePrefixPattern))
        elif isinstance(entry, URLPattern) and entry.name:
            keys = frozenset(entry.pattern.converters) | frozenset(re.compile(str(entry.pattern)).groupindex)
            yield Pattern(f"{namespace}{entry.name}", entry.callback, keys, localized)


def _view_queryset(callback):
    """The public queryset of a generic detail view, as the view itself builds it."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_queryset"):
        return None
    view = view_class(**getattr(callback, "view_initkwargs", {}))
    view.setup(RequestFactory().get("/"))
    return view.get_queryset()


def _calendar_months():
    from events.models import Event

    months = sorted({(timezone.localtime(e).year, timezone.localtime(e).month) for e in Event.objects.published().values_list("starts_at", flat=True)})
    return [{"year": year, "month": month} for year, month in months]


def _privacy_subjects():
    from privacy.registry import registry

    links = []
    for entry in registry.subjects():
        token = entry.model._default_manager.order_by("pk").values_list(entry.link_field, flat=True).first()
        links.append({"slug": entry.slug, "token": token})
    return links


def _callback(name):
    return next(pattern.callback for pattern in walk() if pattern.name == name)


def _abroad_students():
    from exchanges.models import Application

    accepted = Application.objects.filter(status=Application.Status.ACCEPTED).order_by("pk")
    stages = [
        accepted.filter(learning_agreement=None),
        accepted.exclude(learning_agreement=None).filter(learning_agreement__recognition=None),
        accepted.exclude(learning_agreement__recognition=None),
        accepted.exclude(experience_report=None),
    ]
    return [{"token": token} for stage in stages for token in stage.values_list("token", flat=True)[:1]]


def _private_links():
    """Patterns whose keys are tokens or ids the resolver walk cannot find in a public queryset."""
    from events.models import Event, NewsArticle, Registration
    from exchanges.models import Application, ApplicationCall
    from incoming.models import IncomingApplication, NominationLink
    from partners.models import Agreement

    return {
        # One application per status: each status shows a different part of the page.
        "exchanges:status": lambda: [
            {"token": Application.objects.filter(status=status).order_by("pk").values_list("token", flat=True).first()}
            for status in Application.objects.order_by("status").values_list("status", flat=True).distinct()
        ],
        "exchanges:apply": lambda: [{"slug": slug} for slug in ApplicationCall.objects.order_by("opens_at").values_list("slug", flat=True)],
        # The neutral page after sending an application (it names no application).
        "exchanges:apply-received": lambda: [{"slug": ApplicationCall.objects.order_by("pk").values_list("slug", flat=True).first()}],
        "events:cancel-registration": lambda: [
            {"token": token} for token in Registration.objects.order_by("status", "pk").values_list("cancel_token", flat=True)
        ],
        "events:ics": lambda: [{"slug": slug} for slug in Event.objects.published().values_list("slug", flat=True)],
        "events:calendar": _calendar_months,
        # The privacy pages of each kind of person the portal keeps data about (the privacy
        # registry's subjects), reached with that person's own private link.
        "privacy:subject": _privacy_subjects,
        "privacy:export": _privacy_subjects,
        # A published call's 正取/備取 list; the partners' JSON (not HTML: fetched, not checked).
        "exchanges:results": lambda: [
            {"slug": slug} for slug in ApplicationCall.objects.with_published_results().order_by("pk").values_list("slug", flat=True)
        ],
        "api:agreement": lambda: [{"iia_id": pk} for pk in Agreement.objects.order_by("pk").values_list("pk", flat=True)[:3]],
        # Incoming students: a partner's nomination page, a student's page per status, a letter and its check.
        "incoming:nominate": lambda: [{"token": t} for t in NominationLink.objects.usable().order_by("pk").values_list("token", flat=True)[:1]],
        "incoming:application": lambda: [
            {"token": IncomingApplication.objects.filter(status=status).order_by("pk").values_list("token", flat=True).first()}
            for status in IncomingApplication.objects.order_by("status").values_list("status", flat=True).distinct()
        ],
        "incoming:letter": lambda: [
            {"token": t} for t in IncomingApplication.objects.exclude(letter_code=None).order_by("pk").values_list("token", flat=True)[:1]
        ],
        "incoming:verify": lambda: [
            {"code": c} for c in IncomingApplication.objects.exclude(letter_code=None).order_by("pk").values_list("letter_code", flat=True)[:1]
        ],
        # Students abroad: the private page in each stage (no learning agreement yet, one waiting
        # or approved, credits recognised, a report written), its two PDFs, and published reports.
        "abroad:student": _abroad_students,
        "abroad:learning-agreement-pdf": lambda: _abroad_students()[1:2],
        "abroad:recognition-pdf": lambda: [
            {"token": t}
            for t in Application.objects.exclude(learning_agreement__recognition=None)
            .order_by("pk")
            .values_list("token", flat=True)[:1]
        ],
        "abroad:report": lambda: [
            {"pk": pk} for pk in _view_queryset(_callback("abroad:report")).order_by("pk").values_list("pk", flat=True)
        ],
        # Staff preview of drafts and scheduled articles.
        "events:news-preview": lambda: [{"pk": pk} for pk in NewsArticle.objects.order_by("pk").values_list("pk", flat=True)],
    }


STAFF_ONLY = {"events:news-preview"}


def kwargs_for(pattern, private_links):
    """The URL kwargs of the pattern's pages, or None when nothing can fill them."""
    if not pattern.keys:
        return [{}]
    if pattern.name in private_links:
        return [kwargs for kwargs in private_links[pattern.name]() if all(kwargs.values())]
    if pattern.keys == {"slug"}:
        queryset = _view_queryset(pattern.callback)
        if queryset is not None:
            return [{"slug": slug} for slug in queryset.order_by("pk").values_list("slug", flat=True)]
    return None


def uncatalogued_patterns():
    private_links = _private_links()
    return [pattern.name for pattern in walk() if kwargs_for(pattern, private_links) is None]


def base_pages(language):
    """One or more pages for every public pattern: the GET shapes before variants."""
    private_links = _private_links()
    pages = []
    for pattern in walk():
        if not pattern.localized and language != LANGUAGES[0]:
            continue  # robots.txt, the sitemap: one language only
        with translation.override(language):
            for kwargs in _spread(kwargs_for(pattern, private_links) or []):
                pages.append(Page(pattern.name, reverse(pattern.name, kwargs=kwargs), language, staff=pattern.name in STAFF_ONLY))
    return pages


# ---------------------------------------------------------------- variants the pages offer


class _FormReader(HTMLParser):
    """The forms of a page: method, action, the <select>s of GET forms and their first real option."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.page_links = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "selects": {}, "action": attrs.get("action")})
        elif tag == "select" and self.forms and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and self.forms and attrs.get("value"):
            self.forms[-1]["selects"].setdefault(self._select, attrs["value"])
        elif tag == "a" and re.search(r"[?&]page=2(&|$)", attrs.get("href") or ""):
            self.page_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def variants(rendered):
    """The filter, pagination and error shapes a rendered page leads to."""
    page = rendered.page
    reader = _FormReader()
    reader.feed(rendered.html)
    found = []
    base = page.path.split("?")[0]
    for form in reader.forms:
        if form["method"] == "get" and (form["action"] in (None, "", base)):
            for name, value in form["selects"].items():
                found.append(Page(f"{page.shape} ?{name}=", f"{base}?{name}={value}", page.language, staff=page.staff))
            if len(form["selects"]) > 1:
                query = "&".join(f"{name}={value}" for name, value in form["selects"].items())
                found.append(Page(f"{page.shape} ?all filters", f"{base}?{query}", page.language, staff=page.staff))
        elif form["method"] == "post" and (form["action"] in (None, "", base)):
            found.append(Page(f"{page.shape} [POST, errors]", base, page.language, method="post", staff=page.staff, expected_status=400))
    if reader.page_links:
        found.append(Page(f"{page.shape} ?page=2", f"{base}?page=2", page.language, staff=page.staff))
    return found


def search_pages(language):
    """The search page with a query that finds something of every kind, one kind, and nothing."""
    from oia_portal.search.kinds import KINDS
    from partners.models import PartnerUniversity

    word = PartnerUniversity.objects.filter(is_published=True).order_by("pk").values_list("city", flat=True).first()
    with translation.override(language):
        path = reverse("search")
    pages = [
        Page("search ?q=", f"{path}?q={word}", language),
        Page("search ?q= (nothing found)", f"{path}?q=zzqxv", language),
    ]
    pages += [Page("search ?q=&kind=", f"{path}?q={word}&kind={kind.key}", language) for kind in KINDS]
    return pages


def apply_search_pages(language):
    """The application form of each call too large to list its programmes, in the states of its
    programme search: found with one chosen, three chosen, nothing found."""
    from urllib.parse import urlencode

    from exchanges.forms import ApplicationForm
    from exchanges.models import ApplicationCall, ExchangeProgram

    pages = []
    for call in ApplicationCall.objects.open().order_by("pk"):
        if not ApplicationForm(call=call).chosen_by_search:
            continue
        offered = ExchangeProgram.objects.published().filter(offers__call=call).select_related("partner").order_by("pk")
        slugs = list(offered.values_list("slug", flat=True)[:3])
        word = offered.first().partner.name_en.split()[0]
        with translation.override(language):
            path = call.get_apply_url()
        found = urlencode([("programme", slugs[0]), ("find", word)])
        full = urlencode([("programme", slug) for slug in slugs] + [("find", word)])
        pages += [
            Page("exchanges:apply ?find= (found, one chosen)", f"{path}?{found}", language),
            Page("exchanges:apply ?find= (three chosen)", f"{path}?{full}", language),
            Page("exchanges:apply ?find= (nothing found)", f"{path}?find=zzqxv", language),
        ]
    return pages


# ---------------------------------------------------------------- error pages


def error_pages(language):
    """Every error template the portal has, through the URLconf's handler where there is one."""
    codes = sorted(int(p.stem) for p in Path(settings.BASE_DIR, "templates").glob("*.html") if re.fullmatch(r"\d{3}", p.stem))
    with translation.override(language):
        home = reverse("home")
    return [Page(f"error {code}", f"{home}__error__/{code}/", language, expected_status=code) for code in codes]


def render_error(page):
    from django.shortcuts import render
    from django.template import loader

    import oia_portal.urls as urlconf

    code = page.expected_status
    request = RequestFactory().get(page.path)
    with translation.override(page.language):
        request.LANGUAGE_CODE = page.language
        handler = getattr(urlconf, f"handler{code}", None)
        if code == 404:
            return Client().get(page.path.replace("__error__/404/", "no-such-page/"))
        if handler and code == 500:
            from django.urls import get_callable

            return get_callable(handler)(request)
        if code >= 500:
            from django.http import HttpResponse

            return HttpResponse(loader.get_template(f"{code}.html").render(), status=code)
        if handler:
            from django.core.exceptions import PermissionDenied, SuspiciousOperation
            from django.urls import get_callable

            exception = {400: SuspiciousOperation(), 403: PermissionDenied()}.get(code, Exception())
            return get_callable(handler)(request, exception)
        return render(request, f"{code}.html", status=code)


# ---------------------------------------------------------------- admin


def admin_pages(language, renderer_user):
    """The dashboard, and every HTML page the chosen ModelAdmins serve, for one object."""
    from django.apps import apps

    pages = [Page("admin:index", reverse("admin:index"), language, staff=True)]
    for label in ADMIN_MODELS:
        model = apps.get_model(label)
        model_admin = admin.site._registry[model]
        obj = model._default_manager.order_by("pk").last()
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        request = RequestFactory().get("/admin/")
        request.user = renderer_user
        for pattern in model_admin.get_urls():
            if not pattern.name or not pattern.name.startswith(prefix):
                continue
            if pattern.name.endswith(THIRD_PARTY_PAGES):
                continue
            if pattern.name.endswith("_add") and not model_admin.has_add_permission(request):
                continue  # made by a service (applications come from the public form), never added by hand
            regex = re.compile(str(pattern.pattern))
            keys = set(pattern.pattern.converters) | set(regex.groupindex)
            if keys - {"object_id", "pk"}:
                continue  # downloads of one document: not pages
            if (keys or regex.groups) and obj is None:
                continue
            if regex.groups > len(regex.groupindex):
                if not pattern.name.endswith("_simple_history"):
                    continue
                # One past version of the object (django-simple-history's page).
                version = obj.history.order_by("history_id").last()
                if version is None:  # seeded in bulk, so never saved one by one: save it once to have a version
                    obj.save()
                    version = obj.history.order_by("history_id").last()
                path = reverse(f"admin:{pattern.name}", args=[obj.pk, version.history_id])
            else:
                path = reverse(f"admin:{pattern.name}", kwargs=dict.fromkeys(keys, obj.pk))
            shape = f"admin:{pattern.name}"
            pages.append(Page(shape, path, language, staff=True))
            if pattern.name.endswith(("_change", "_add")):
                pages.append(Page(f"{shape} [POST, errors]", path, language, method="post", staff=True))
            if pattern.name.endswith("_changelist"):
                pages.append(Page(f"{shape} ?q=", f"{path}?q=a", language, staff=True))
    pages.append(Page("admin:login", reverse("admin:login"), language))
    return pages


# ---------------------------------------------------------------- rendering


class Renderer:
    """Renders pages with Django's test client: anonymous, or as a superuser for staff pages."""

    def __init__(self, staff_user):
        self.anonymous = Client()
        self.staff = Client()
        self.staff.force_login(staff_user)
        self.user = staff_user

    def response(self, page):
        if page.shape.startswith("error "):
            return render_error(page)
        client = self.staff if page.staff else self.anonymous
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = page.language
        headers = {"HTTP_ACCEPT_LANGUAGE": page.language}
        if page.method == "post":
            return client.post(page.path, dict(page.data), **headers)
        return client.get(page.path, **headers)

    def render(self, page):
        from django.core.cache import cache

        cache.clear()  # rate limits would turn the tenth form with errors into a 429
        response = self.response(page)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "")
        return Rendered(page, response.status_code, content_type, content.decode(response.charset or "utf-8", "replace"))


def catalogue(renderer, *, public=True, admin_site=True, errors=True):
    """Every page to check, rendered: a list of Rendered, HTML only, and the unexpected statuses."""
    rendered, unexpected, seen = [], [], set()

    def add(page):
        if (page.method, page.path, page.language, page.staff) in seen:
            return None
        seen.add((page.method, page.path, page.language, page.staff))
        result = renderer.render(page)
        if not result.is_html or result.status in (301, 302, 405):
            # Feeds and calendars are not HTML; a redirect (a form that went through, the
            # calendar's current month) or a POST-only view is not a page of its own.
            return None
        if result.status != page.expected_status and not (page.method == "post" and result.status in (200, 400)):
            unexpected.append(f"{page.shape} {page.path} [{page.language}]: {result.status}, expected {page.expected_status}")
            return None
        rendered.append(result)
        return result

    for language in LANGUAGES:
        if public:
            posts = []
            for page in base_pages(language) + search_pages(language) + apply_search_pages(language):
                result = add(page)
                for variant in variants(result) if result else []:
                    if variant.method == "post":
                        if variant.shape not in {p.shape for p in posts}:
                            posts.append(variant)
                    else:
                        add(variant)
            # Forms with errors last: a POST may change what later pages show.
            for page in posts:
                add(page)
        if errors:
            for page in error_pages(language):
                add(page)
        if admin_site:
            admin_list = admin_pages(language, renderer.user)
            for page in [p for p in admin_list if p.method == "get"] + [p for p in admin_list if p.method == "post"]:
                add(page)
    return rendered, unexpected


def shapes(rendered):
    return {(item.page.shape, item.page.language) for item in rendered}
