import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from core.content_cache import bump_table, table_versions
from core.models import SiteSettings
from core.page_cache import PublicPageCacheMiddleware
from partners.models import PartnerUniversity
from tests.events.factories import NewsArticleFactory
from tests.partners.factories import PartnerUniversityFactory


class CountingView:
    """Stands in for the view: counts how often the page is really rendered."""

    def __init__(self, respond=None):
        self.calls = 0
        self.respond = respond or (lambda request: HttpResponse(f"page {self.calls}"))

    def __call__(self, request):
        self.calls += 1
        return self.respond(request)


@pytest.fixture
def rf():
    return RequestFactory()


def test_anonymous_public_page_is_served_from_cache_the_second_time(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView()
    middleware = PublicPageCacheMiddleware(view)
    first = middleware(rf.get("/en/partners/"))
    second = middleware(rf.get("/en/partners/"))
    assert view.calls == 1
    assert second.content == first.content
    assert "max-age=60" in first["Cache-Control"]


def test_query_string_is_part_of_the_key(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView()
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/partners/?country=JP"))
    middleware(rf.get("/en/partners/?country=FR"))
    assert view.calls == 2


def partner_count_page(request):
    """A page that reads the partners table, as the partner list does."""
    return HttpResponse(f"{PartnerUniversity.objects.count()} partners")


@pytest.mark.django_db
def test_saving_a_partner_invalidates_a_page_that_read_partners(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView(partner_count_page)
    middleware = PublicPageCacheMiddleware(view)
    first = middleware(rf.get("/en/partners/"))
    PartnerUniversityFactory()
    second = middleware(rf.get("/en/partners/"))
    assert view.calls == 2
    assert first.content == b"0 partners"
    assert second.content == b"1 partners"


@pytest.mark.django_db
def test_saving_a_news_article_leaves_a_partners_page_cached(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView(partner_count_page)
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/partners/"))
    NewsArticleFactory()
    middleware(rf.get("/en/partners/"))
    assert view.calls == 1


@pytest.mark.django_db
def test_saving_site_settings_invalidates_every_page(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView()
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/about/"))
    site = SiteSettings.get_solo()
    site.phone = "+886 6 253 3131"
    site.save()
    middleware(rf.get("/en/about/"))
    assert view.calls == 2


def test_page_with_a_csrf_form_is_never_cached(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60

    def form_page(request):
        get_token(request)
        return HttpResponse("<form>")

    view = CountingView(form_page)
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/events/open-day/"))
    middleware(rf.get("/en/events/open-day/"))
    assert view.calls == 2


def test_response_setting_a_cookie_is_never_cached(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60

    def cookie_page(request):
        response = HttpResponse("hello")
        response.set_cookie("messages", "x")
        return response

    view = CountingView(cookie_page)
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/"))
    middleware(rf.get("/en/"))
    assert view.calls == 2


def test_private_response_is_never_cached(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60

    def private_page(request):
        response = HttpResponse("status of your application")
        response["Cache-Control"] = "private, no-store"
        return response

    view = CountingView(private_page)
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/programmes/applications/token/"))
    middleware(rf.get("/en/programmes/applications/token/"))
    assert view.calls == 2


def test_visitor_with_a_session_bypasses_the_cache(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView()
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/"))
    request = rf.get("/en/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "staff-session"
    middleware(request)
    assert view.calls == 2


def test_admin_and_posts_are_never_cached(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView()
    middleware = PublicPageCacheMiddleware(view)
    for _ in range(2):
        middleware(rf.get("/admin/"))
        middleware(rf.post("/en/events/open-day/register/"))
    assert view.calls == 4


def test_error_pages_are_not_cached(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView(lambda request: HttpResponse("missing", status=404))
    middleware = PublicPageCacheMiddleware(view)
    middleware(rf.get("/en/partners/nowhere/"))
    middleware(rf.get("/en/partners/nowhere/"))
    assert view.calls == 2


def test_bumping_a_table_twice_gives_two_new_versions():
    table = "partners_partneruniversity"
    first = table_versions([table])[table]
    bump_table(table)
    second = table_versions([table])[table]
    bump_table(table)
    assert len({first, second, table_versions([table])[table]}) == 3


@pytest.mark.django_db
def test_wired_in_the_portal_a_cached_home_page_needs_no_query(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.get_solo()  # made on first use, which would itself count as a content change
    first = client.get("/en/")
    with django_assert_num_queries(0):
        second = client.get("/en/")
    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.django_db
def test_wired_in_the_portal_an_unchanged_page_answers_304_to_its_etag(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    etag = client.get("/en/partners/")["ETag"]
    assert client.get("/en/partners/", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db
def test_wired_in_the_portal_a_news_save_renders_news_again_and_keeps_partners_cached(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 60
    SiteSettings.get_solo()
    PartnerUniversityFactory(name_en="Kyoto Institute of Technology")
    client.get("/en/partners/")
    client.get("/en/news/")
    NewsArticleFactory(title_en="Spring exchange fair")
    with django_assert_num_queries(0):
        partners = client.get("/en/partners/")
    news = client.get("/en/news/")
    assert "Kyoto Institute of Technology" in partners.text
    assert "Spring exchange fair" in news.text
