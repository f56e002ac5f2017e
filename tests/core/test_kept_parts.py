"""Parts of a page kept drawn ({% kept_part %}) until a table they read changes, per language and
the values they name: the partner and programme pages' courses, reports, agreements and scholars."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone

from privacy import services as privacy
from privacy.models import ErasedRecord
from tests.abroad.factories import accepted_application, library_row, published_report
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    MobilityRecordFactory,
)
from tests.helpers import url
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory
from tests.privacy import leaks
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db


def partner_page(client, partner, language="en"):
    with_language = url("partners:detail", language, slug=partner.slug)
    return client.get(with_language).content.decode()


def test_a_course_recognised_and_a_report_published_show_at_once_on_both_pages(client):
    application = accepted_application()
    programme = application.nominated_programme
    partner = programme.partner
    assert "Thermodynamics" not in partner_page(client, partner)
    assert "Thermodynamics" not in client.get(programme.get_absolute_url()).content.decode()

    library_row(partner, programme=programme)
    published_report(application, title="Winter in Aachen")

    for page in (partner_page(client, partner), client.get(programme.get_absolute_url()).content.decode()):
        assert "Thermodynamics" in page and "Winter in Aachen" in page


def test_an_agreement_signed_and_a_scholar_unpublished_reach_the_partner_page(client):
    partner = PartnerUniversityFactory()
    visit = VisitFactory(scholar=ScholarFactory(home_partner=partner, name_en="Ada Wobbleton"))
    assert "Ada Wobbleton" in partner_page(client, partner)
    assert "Dual degree" not in partner_page(client, partner)

    AgreementFactory(partner=partner, kind="dual-degree")
    visit.scholar.is_published = False
    visit.scholar.save()

    page = partner_page(client, partner)
    assert "Dual degree" in page and "Ada Wobbleton" not in page


def test_the_parts_are_kept_in_each_language(client):
    partner = PartnerUniversityFactory()
    AgreementFactory(partner=partner, kind="dual-degree")
    assert "Dual degree" in partner_page(client, partner, "en")
    assert "雙聯學位" in partner_page(client, partner, "zh-hant")
    assert "Dual degree" in partner_page(client, partner, "en")


def test_an_agreement_that_ends_today_leaves_the_kept_part_tomorrow(client, monkeypatch):
    partner = PartnerUniversityFactory()
    today = timezone.localdate()
    AgreementFactory(partner=partner, kind="dual-degree", starts_on=today - datetime.timedelta(days=400), ends_on=today)
    assert "Dual degree" in partner_page(client, partner)

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + datetime.timedelta(days=1))
    assert "Dual degree" not in partner_page(client, partner)


def test_a_call_opening_and_closing_reach_the_kept_fact_sheet(client, monkeypatch):
    now = timezone.now()
    offer = CallProgrammeFactory(
        call=ApplicationCallFactory(
            opens_at=now + datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(hours=2)
        )
    )
    partner = offer.programme.partner
    assert offer.programme.title in partner_page(client, partner)
    assert "Applications open" not in partner_page(client, partner)

    for later, shown in ((90, True), (150, False)):
        monkeypatch.setattr(timezone, "now", lambda later=later: now + datetime.timedelta(minutes=later))
        assert ("Applications open" in partner_page(client, partner)) is shown


def test_a_partners_own_change_reaches_its_kept_fact_sheet(client):
    partner = PartnerUniversityFactory(academic_calendar="Winter term from October")
    assert "Winter term from October" in partner_page(client, partner)
    partner.academic_calendar = "Winter term from September"
    partner.save()
    assert "Winter term from September" in partner_page(client, partner)


def test_an_erased_author_leaves_the_kept_parts_at_once(client, django_capture_on_commit_callbacks):
    application = accepted_application(name_en="Wobbleton Fizzgig")
    published_report(application, title="Winter in Aachen")
    partner = application.nominated_programme.partner
    assert "Wobbleton Fizzgig" in partner_page(client, partner)

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(application, ErasedRecord.Cause.REQUEST)

    assert "Wobbleton Fizzgig" not in partner_page(client, partner)
    assert leaks.cache_hits("Wobbleton Fizzgig") == []


def test_a_part_that_reads_no_table_is_not_kept(client):
    # Its rows were read before it: nothing would tell it that they changed.
    template = engines["django"].from_string('{% load portal %}{% kept_part "plain" 1 %}{{ value }}{% end_kept_part %}')
    assert template.render({"value": "first"}) == "first"
    assert template.render({"value": "second"}) == "second"


def test_a_request_reads_each_tables_version_once(client, monkeypatch):
    from core import content_cache

    application = accepted_application()
    library_row(application.nominated_programme.partner)
    partner = application.nominated_programme.partner
    partner_page(client, partner)
    real = content_cache._read_versions
    calls = []
    monkeypatch.setattr(content_cache, "_read_versions", lambda tables: calls.append(set(tables)) or real(tables))
    for address in ("/en/", "/en/partners/", "/en/programmes/", "/en/events/", "/en/news/", partner.get_absolute_url()):
        calls.clear()
        assert client.get(address).status_code == 200
        # One round trip: every content table's version, at the first need (the site settings').
        assert len(calls) == 1, address
        assert calls[0] >= content_cache.content_tables()
    # Outside a request every call reads afresh, and only what it asks for (a worker, a command).
    calls.clear()
    content_cache.table_versions(["partners_partneruniversity"])
    content_cache.table_versions(["partners_partneruniversity"])
    assert calls == [{"partners_partneruniversity"}] * 2


def test_a_save_during_a_request_is_seen_by_the_rest_of_it(client):
    from core import content_cache

    content_cache._remember_versions()  # as at the start of a request
    try:
        before = content_cache.table_versions(["partners_partneruniversity"])
        partner = PartnerUniversityFactory()
        partner.save()
        assert content_cache.table_versions(["partners_partneruniversity"]) != before
    finally:
        content_cache._forget_versions()


def programme_page(client, programme):
    return client.get(programme.get_absolute_url()).content.decode()


def test_the_programme_page_follows_records_nominations_and_its_own_changes(client):
    offer = CallProgrammeFactory(seats=3)
    programme = offer.programme
    assert "0 students of ours went" in programme_page(client, programme)
    assert "3 not yet taken by nominations" in programme_page(client, programme)

    MobilityRecordFactory(partner=programme.partner, programme=programme)
    ApplicationFactory(call=offer.call, status="nominated", nominated_programme=programme)
    programme.costs = "About 900 euros a month"
    programme.save()

    page = programme_page(client, programme)
    assert "1 student of ours went" in page and "2 not yet taken by nominations" in page
    assert "About 900 euros a month" in page


def test_the_programme_pages_apply_card_follows_the_clock(client, monkeypatch):
    now = timezone.now()
    call = ApplicationCallFactory(opens_at=now + datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=8))
    programme = CallProgrammeFactory(call=call).programme
    assert "Apply now" not in programme_page(client, programme)

    for later, left in ((datetime.timedelta(days=2), "6\xa0days left"), (datetime.timedelta(days=5), "3\xa0days left")):
        monkeypatch.setattr(timezone, "now", lambda later=later: now + later)
        page = programme_page(client, programme)
        assert "Apply now" in page and left in page
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(days=9))
    assert "Apply now" not in programme_page(client, programme)


def test_the_event_page_follows_its_speakers_partners_and_own_changes(client):
    from tests.events.factories import EventFactory

    event = EventFactory()
    speaker = ScholarFactory(name_en="Ada Wobbleton")
    event.speakers.add(speaker)
    assert "Ada Wobbleton" in client.get(event.get_absolute_url()).content.decode()

    speaker.is_published = False
    speaker.save()
    event.partners.add(PartnerUniversityFactory(name_en="Fizzgig University"))
    event.summary_en = "Now with a new summary"
    event.save()

    page = client.get(event.get_absolute_url()).content.decode()
    assert "Ada Wobbleton" not in page and "Fizzgig University" in page and "Now with a new summary" in page


def home(client):
    return client.get(url("home", "en")).content.decode()


def test_the_home_pages_kept_lists_follow_the_clock_and_saves(client, monkeypatch):
    from tests.events.factories import EventFactory, NewsArticleFactory

    now = timezone.now()
    hours = datetime.timedelta(hours=1)
    EventFactory(title_en="Ends first", starts_at=now - hours, ends_at=now + hours)
    for number in range(3):
        EventFactory(
            title_en=f"Later event {number}", starts_at=now + (number + 2) * hours, ends_at=now + (number + 3) * hours
        )
    NewsArticleFactory(title_en="Out already", published_at=now - hours)
    NewsArticleFactory(title_en="Scheduled article", published_at=now + 2 * hours)
    offer = CallProgrammeFactory(call=ApplicationCallFactory(opens_at=now - hours, closes_at=now + 5 * hours))
    page = home(client)
    assert "Ends first" in page and "Later event 2" not in page and "Scheduled article" not in page
    assert offer.programme.title in page

    NewsArticleFactory(title_en="Saved just now", published_at=now - hours)
    assert "Saved just now" in home(client)

    monkeypatch.setattr(timezone, "now", lambda: now + 3 * hours)
    page = home(client)
    assert "Ends first" not in page and "Later event 2" in page and "Scheduled article" in page
    monkeypatch.setattr(timezone, "now", lambda: now + 6 * hours)
    assert offer.programme.title not in home(client)


def test_a_kept_value_is_read_from_the_process_and_is_never_shared_for_changing(monkeypatch):
    from django.core.cache import cache

    from core import content_cache
    from partners.models import PartnerUniversity

    PartnerUniversityFactory(country="JP")
    computed = []

    def countries():
        computed.append(1)
        return list(PartnerUniversity.objects.values_list("country", flat=True))

    first = content_cache.cached("countries", countries)
    first.append("XX")  # a caller changing what it was given
    shared_reads = []
    real_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *args, **kwargs: shared_reads.append(key) or real_get(key, *args, **kwargs)
    )
    assert content_cache.cached("countries", countries) == ["JP"]
    assert computed == [1] and "countries" not in shared_reads

    PartnerUniversityFactory(country="DE")  # a save: the copies here and in the shared cache are stale
    assert sorted(content_cache.cached("countries", countries)) == ["DE", "JP"]
    assert computed == [1, 1]


def test_the_news_page_follows_its_article_related_news_and_the_clock(client, monkeypatch, django_assert_num_queries):
    from core.models import SiteSettings
    from tests.events.factories import NewsArticleFactory

    SiteSettings.get_solo()  # made by the first page otherwise: a save, which redraws every part once

    now = timezone.now()
    hours = datetime.timedelta(hours=1)
    article = NewsArticleFactory(
        category="exchange", title_en="The article", title_zh_hant="中文的文章", published_at=now - 2 * hours
    )
    NewsArticleFactory(category="exchange", title_en="Older news", published_at=now - 3 * hours)
    NewsArticleFactory(category="exchange", title_en="Scheduled news", published_at=now + hours)
    NewsArticleFactory(category="partnership", title_en="Other category", published_at=now - hours)
    address = article.get_absolute_url()

    def page():
        return client.get(address).content.decode()

    first = page()
    assert "Older news" in first and "Scheduled news" not in first and "Other category" not in first
    with django_assert_num_queries(1):  # the article itself; its part and the related news are kept
        assert page() == first

    # A scheduled article comes out: the related news show it (failed without the moment in the key).
    monkeypatch.setattr(timezone, "now", lambda: now + 2 * hours)
    assert "Scheduled news" in page()

    # Another article saved, and the article's own change, show at once.
    NewsArticleFactory(category="exchange", title_en="Just saved", published_at=now)
    assert "Just saved" in page()
    article.body_en = "A corrected paragraph."
    article.save()
    assert "A corrected paragraph." in page()
    # Each language has its own part.
    chinese = client.get(url("events:news-detail", "zh-hant", slug=article.slug)).content.decode()
    assert "<h1>中文的文章</h1>" in chinese and "<h1>The article</h1>" in page()
