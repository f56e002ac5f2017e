"""The site's own pages: home, about, errors, robots.txt, sitemap.xml."""

import datetime

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import timezone, translation

from core.models import SiteSettings
from oia_portal import views
from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import (
    ApplicationCallFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
    MobilityRecordFactory,
)
from tests.helpers import url
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant"]
# Home: key figures (3 counts), the calls' openings and closings, the open calls, the keys of the
# first offers, upcoming events and latest news, the next scheduled article, and those rows read
# whole (their HTML is not kept yet).
HOME_QUERIES = 12
# Again: the figures, the three lists' keys and every row's HTML are kept (until a table they read
# changes, or a call opens or closes, the first event ends, a scheduled article comes out).
HOME_QUERIES_KEPT = 0


def in_chinese(message):
    """The catalogue's Traditional Chinese for a UI string (and proof that there is one)."""
    with translation.override("zh-hant"):
        translated = translation.gettext(message)
    assert translated != message, f"no Traditional Chinese for {message!r}"
    return translated


@pytest.fixture
def site():
    site = SiteSettings.get_solo()
    site.institution_name_en = "Example University of Technology"
    site.institution_name_zh_hant = "範例科技大學"
    site.office_name_en = "Office of International Affairs"
    site.office_name_zh_hant = "國際事務處"
    site.short_name = "EUT"
    site.address_en = "1 University Road, Tainan"
    site.address_zh_hant = "臺南市大學路1號"
    site.email = "oia@example.edu"
    site.phone = "+886 6 000 0000"
    site.office_hours_en = "Weekdays 8:00–17:00"
    site.office_hours_zh_hant = "週一至週五 8:00–17:00"
    site.facebook_url = "https://facebook.example/oia"
    site.save()
    return site


def make_home_rows(count):
    """`count` rows of each kind the home page shows (and some it must not)."""
    call = ApplicationCallFactory()
    for _index in range(count):
        CallProgrammeFactory(call=call)
        AgreementFactory()
        EventFactory()
        NewsArticleFactory()
        MobilityRecordFactory()


# Home


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_office_and_institution_in_the_language(client, site, language):
    response = client.get(url("home", language))
    assert response.status_code == 200
    content = response.content.decode()
    if language == "en":
        assert "Office of International Affairs" in content and "Example University of Technology" in content
        assert '<html lang="en">' in content
    else:
        assert "國際事務處" in content and "範例科技大學" in content
        assert '<html lang="zh-hant">' in content


def test_home_key_figures_are_counted_from_published_data(client, site):
    AgreementFactory(partner__country="JP")
    AgreementFactory(partner__country="KR")
    AgreementFactory(partner__country="FR", partner__is_published=False)
    MobilityRecordFactory.create_batch(4, partner=PartnerUniversityFactory(country="JP"))
    response = client.get(url("home", "en"))
    assert response.context["figures"] == {"partners": 3, "countries": 2, "agreements_in_force": 2, "students_abroad": 4, "students_received": 0}
    assert '<span class="figure-number">3</span>' in response.content.decode()


def test_home_lists_open_programmes_nearest_deadline_first(client, site):
    now = timezone.now()
    late = CallProgrammeFactory(call__closes_at=now + datetime.timedelta(days=30), programme__title_en="Late Kyoto")
    soon = CallProgrammeFactory(call__closes_at=now + datetime.timedelta(days=3), programme__title_en="Soon Lyon")
    response = client.get(url("home", "en"))
    assert list(response.context["open_offers"]) == [soon, late]
    content = response.content.decode()
    assert content.index("Soon Lyon") < content.index("Late Kyoto")


def test_home_hides_unpublished_programmes_events_and_scheduled_news(client, site):
    CallProgrammeFactory(programme__title_en="Hidden programme", programme__is_published=False)
    CallProgrammeFactory(programme__title_en="Programme of a hidden partner", programme__partner__is_published=False)
    CallProgrammeFactory(
        programme__title_en="Closed call programme",
        call__opens_at=timezone.now() - datetime.timedelta(days=30),
        call__closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    EventFactory(title_en="Hidden event", is_published=False)
    NewsArticleFactory(title_en="Draft article", is_published=False)
    NewsArticleFactory(title_en="Scheduled article", published_at=timezone.now() + datetime.timedelta(days=1))
    content = client.get(url("home", "en")).content.decode()
    for hidden in ["Hidden programme", "hidden partner", "Closed call programme", "Hidden event", "Draft article", "Scheduled article"]:
        assert hidden not in content


def test_home_shows_upcoming_events_and_latest_news(client, site):
    EventFactory(title_en="Info session on Japan", title_zh_hant="日本交換說明會")
    NewsArticleFactory(title_en="New partner in Vienna", title_zh_hant="維也納新姊妹校")
    assert "Info session on Japan" in client.get(url("home", "en")).content.decode()
    content = client.get(url("home", "zh-hant")).content.decode()
    assert "日本交換說明會" in content and "維也納新姊妹校" in content


def test_home_says_so_when_nothing_is_open(client, site):
    content = client.get(url("home", "en")).content.decode()
    assert "No application call is open right now." in content
    assert "No upcoming events." in content


@pytest.mark.parametrize("rows", [3, 30])
def test_home_query_count_is_constant(client, site, django_assert_num_queries, rows):
    make_home_rows(rows)
    SiteSettings.get_solo()  # cached, as on every request after the first
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(url("home", "en"))
    assert response.status_code == 200
    assert len(response.context["upcoming_events"]) == 3
    with django_assert_num_queries(HOME_QUERIES_KEPT):
        assert client.get(url("home", "en")).content == response.content


# About


@pytest.mark.parametrize("language", LANGUAGES)
def test_about_shows_the_office_details_from_site_settings(client, site, language):
    response = client.get(url("about", language))
    assert response.status_code == 200
    content = response.content.decode()
    assert "oia@example.edu" in content and "+886 6 000 0000" in content and 'href="tel:+886060000000"' not in content
    assert 'href="tel:+88660000000"' in content
    assert "https://facebook.example/oia" in content
    if language == "en":
        assert "1 University Road, Tainan" in content and "Weekdays 8:00–17:00" in content
    else:
        assert "臺南市大學路1號" in content and "週一至週五" in content
        assert f"<h1 class=\"page-title\">{in_chinese('About and contact')}</h1>" in content


def test_about_runs_no_query_once_site_settings_are_cached(client, site, django_assert_num_queries):
    SiteSettings.get_solo()
    with django_assert_num_queries(0):
        assert client.get(url("about", "en")).status_code == 200


# Base template: every page


@pytest.mark.parametrize("name", ["home", "about", "partners:list", "exchanges:list", "scholars:list", "events:list", "events:news-list"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_list_page_answers_in_both_languages(client, site, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_language_switcher_keeps_the_page_and_its_query_string(client, site):
    content = client.get(url("partners:list", "en") + "?q=kyoto&page=1").content.decode()
    assert 'href="/zh-hant/partners/?q=kyoto&amp;page=1"' in content


def test_every_page_names_its_other_language_versions(client, site):
    content = client.get(url("about", "zh-hant")).content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in content
    assert '<link rel="alternate" hreflang="zh-hant" href="http://testserver/zh-hant/about/">' in content
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/about/">' in content


def test_language_switcher_marks_the_current_language(client, site):
    content = client.get(url("about", "zh-hant")).content.decode()
    assert '<span class="language-current" aria-current="true" lang="zh-hant">繁體中文</span>' in content
    assert 'href="/en/about/" hreflang="en" lang="en">English</a>' in content


def test_language_switcher_works_on_a_page_that_does_not_exist(client, site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'href="/zh-hant/no-such-page/"' in response.content.decode()


def test_a_pages_other_language_addresses_are_resolved_once_a_process(client, site, monkeypatch):
    from core.templatetags import portal

    resolved = []
    real = portal.translate_url
    monkeypatch.setattr(portal, "translate_url", lambda path, code: resolved.append((path, code)) or real(path, code))
    portal._paths_in_language.clear()
    for _ in range(3):
        english = client.get(url("about", "en") + "?x=1").content.decode()
        chinese = client.get(url("about", "zh-hant")).content.decode()
    assert 'href="/zh-hant/about/?x=1" hreflang="zh-hant"' in english
    assert 'href="/en/about/" hreflang="en" lang="en">English</a>' in chinese
    # Each page asks for each of its languages once, however often it is drawn.
    asked = {("/en/about/", "en"), ("/en/about/", "zh-hant"), ("/zh-hant/about/", "en"), ("/zh-hant/about/", "zh-hant")}
    assert sorted(resolved) == sorted(asked)


def test_pages_have_landmarks_and_a_skip_link(client, site):
    content = client.get(url("home", "en")).content.decode()
    assert '<a class="visually-hidden-focusable skip-link" href="#main">' in content
    assert '<main id="main"' in content and "<header" in content and "<footer" in content
    assert content.count("<h1") == 1


def test_main_menu_marks_the_current_page(client, site):
    content = client.get(url("events:list", "en")).content.decode()
    assert 'href="/en/events/" aria-current="page"' in content


def test_footer_shows_the_institution_details(client, site):
    content = client.get(url("home", "en")).content.decode()
    footer = content[content.index("<footer") :]
    assert "Example University of Technology" in footer and "oia@example.edu" in footer and "1 University Road" in footer


# Error pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_is_styled_and_translated(client, site, language):
    response = client.get(f"/{language}/nowhere/")
    assert response.status_code == 404
    content = response.content.decode()
    with translation.override(language):
        assert f"<h1>{translation.gettext('Page not found')}</h1>" in content
    if language == "zh-hant":
        assert "Page not found" not in content
    assert '<main id="main"' in content


def test_unpublished_partner_page_is_not_found(client, site):
    partner = PartnerUniversityFactory(is_published=False)
    assert client.get(url("partners:detail", "en", slug=partner.slug)).status_code == 404


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/en/")
    with django_assert_num_queries(0):
        try:
            raise ValueError("a bug")
        except ValueError:
            response = views.server_error(request)
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong on our side" in content and "系統發生錯誤" in content


def test_server_error_caused_by_the_database_answers_503(django_assert_num_queries):
    request = RequestFactory().get("/en/")
    with django_assert_num_queries(0):
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError:
            response = views.server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "入口網站暫時無法使用" in response.content.decode()


@pytest.mark.urls("tests.oia_portal.failing_urls")
def test_database_outage_during_a_request_answers_503(client):
    client.raise_request_exception = False
    response = client.get("/database-down/")
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content


@pytest.mark.urls("tests.oia_portal.failing_urls")
def test_a_bug_during_a_request_answers_500_without_traceback(client):
    client.raise_request_exception = False
    response = client.get("/bug/")
    assert response.status_code == 500
    assert b"Traceback" not in response.content and b"Something went wrong" in response.content


# robots.txt and sitemap.xml


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_published_pages_in_both_languages_with_alternates(client, site):
    partner = PartnerUniversityFactory(slug="kyoto-tech")
    article = NewsArticleFactory(slug="new-partner")
    event = EventFactory(slug="info-session")
    programme = ExchangeProgramFactory(slug="kyoto-semester")
    scholar = ScholarFactory(slug="prof-tanaka")
    xml = client.get("/sitemap.xml").content.decode()
    for language in LANGUAGES:
        assert f"<loc>http://testserver/{language}/</loc>" in xml
        assert f"<loc>http://testserver/{language}/about/</loc>" in xml
        for obj, name in [
            (partner, "partners:detail"),
            (article, "events:news-detail"),
            (event, "events:detail"),
            (programme, "exchanges:detail"),
            (scholar, "scholars:detail"),
        ]:
            assert f"<loc>http://testserver{url(name, language, slug=obj.slug)}</loc>" in xml
    assert 'hreflang="zh-hant" href="http://testserver/zh-hant/partners/kyoto-tech/"' in xml
    assert 'hreflang="x-default"' in xml


def test_sitemap_leaves_out_unpublished_and_scheduled_pages(client, site):
    PartnerUniversityFactory(slug="hidden-partner", is_published=False)
    NewsArticleFactory(slug="scheduled-news", published_at=timezone.now() + datetime.timedelta(days=2))
    NewsArticleFactory(slug="draft-news", is_published=False)
    EventFactory(slug="hidden-event", is_published=False)
    ExchangeProgramFactory(slug="hidden-programme", is_published=False)
    ScholarFactory(slug="hidden-scholar", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    for slug in ["hidden-partner", "scheduled-news", "draft-news", "hidden-event", "hidden-programme", "hidden-scholar"]:
        assert slug not in xml


def test_home_says_how_long_each_open_call_has_left(client, site):
    CallProgrammeFactory(call__closes_at=timezone.now() + datetime.timedelta(days=3, hours=1))
    assert "(3\xa0days left)" in client.get(url("home", "en")).content.decode()
    assert "(剩餘 3\xa0日)" in client.get(url("home", "zh-hant")).content.decode()


def test_homes_kept_rows_and_hero_follow_every_change_they_show(client, site):
    offer = CallProgrammeFactory(call__closes_at=timezone.now() + datetime.timedelta(days=3, hours=1))
    article = NewsArticleFactory(title_en="First title")
    event = EventFactory(title_en="First event", venue="Room A")
    client.get(url("home", "en"))  # every row and the hero kept rendered

    # The call's deadline moves (the programme is unchanged), the partner is renamed,
    # the article and the event are edited, the office is renamed.
    type(offer.call).objects.filter(pk=offer.call.pk).update(closes_at=timezone.now() + datetime.timedelta(days=5, hours=1))
    offer.programme.partner.name_en = "Renamed Partner University"
    offer.programme.partner.save()
    article.title_en = "Second title"
    article.save()
    event.venue = "Room B"
    event.save()
    site.office_name_en = "Global Engagement Office"
    site.save()

    content = client.get(url("home", "en")).content.decode()
    for shown in ["(5\xa0days left)", "Renamed Partner University", "Second title", "Room B", "Global Engagement Office"]:
        assert shown in content
    for gone in ["(3\xa0days left)", "First title", "Room A"]:
        assert gone not in content


# --- The portal's own error pages (issue 11) -----------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_over_large_request_body_gets_the_portals_413_page_in_the_visitors_language(client, site, language, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(url("exchanges:resend-link", language), {"student_id": "x" * 2000, "email": "a@b.c"})
    assert response.status_code == 413
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    with translation.override(language):
        assert f"<h1>{translation.gettext('What you sent is too large')}</h1>" in content
    if language == "zh-hant":
        in_chinese("What you sent is too large")
        assert "too large" not in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_refused_form_gets_the_portals_403_page_in_the_visitors_language(site, language):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url("exchanges:resend-link", language), {"student_id": "x"})
    assert response.status_code == 403
    content = response.content.decode()
    with translation.override(language):
        assert f"<h1>{translation.gettext('Access denied')}</h1>" in content
    assert '<main id="main"' in content


def test_permission_denied_and_bad_request_use_the_portals_page(rf, site):
    from django.core.exceptions import PermissionDenied, SuspiciousOperation

    request = rf.get("/zh-hant/")
    with translation.override("zh-hant"):
        denied = views.permission_denied(request, PermissionDenied())
        bad = views.bad_request(request, SuspiciousOperation())
    assert (denied.status_code, bad.status_code) == (403, 400)
    assert in_chinese("Access denied") in denied.content.decode()
    assert in_chinese("Bad request") in bad.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_rate_limited_form_answers_429_on_the_portals_page_in_the_visitors_language(client, site, language):
    from exchanges.views import RESEND_LIMIT

    for _attempt in range(RESEND_LIMIT.limit):
        client.post(url("exchanges:resend-link", language), {"student_id": "4A7777777", "email": "x@example.com"})
    response = client.post(url("exchanges:resend-link", language), {"student_id": "4A7777777", "email": "x@example.com"})
    assert response.status_code == 429
    content = response.content.decode()
    assert f'<html lang="{language}"' in content and '<main id="main"' in content


def test_sitemap_drops_an_unpublished_article_at_once(client, site, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sitemap"}}
    article = NewsArticleFactory(slug="soon-withdrawn")
    assert "soon-withdrawn" in client.get("/sitemap.xml").content.decode()
    article.is_published = False
    article.save()
    assert "soon-withdrawn" not in client.get("/sitemap.xml").content.decode()
