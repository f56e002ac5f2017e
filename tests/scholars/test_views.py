import datetime

import pytest
from django.utils import timezone, translation

from core.models import SiteSettings
from scholars.models import Visit
from tests.events.factories import EventFactory
from tests.helpers import url
from tests.partners.factories import PartnerUniversityFactory
from tests.scholars.factories import ScholarFactory, VisitFactory

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def past_visit(**kwargs):
    return VisitFactory(starts_on=days(-60), ends_on=days(-30), **kwargs)


def upcoming_visit(**kwargs):
    return VisitFactory(starts_on=days(30), ends_on=days(60), **kwargs)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_directory_groups_visits_into_now_coming_and_past(client, language):
    now, coming, past = VisitFactory(), upcoming_visit(), past_visit()
    response = client.get(url("scholars:list", language))
    assert response.status_code == 200
    assert list(response.context["current_visits"]) == [now]
    assert list(response.context["upcoming_visits"]) == [coming]
    assert list(response.context["past_visits"]) == [past]


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_now_and_coming_show_the_first_few_and_say_when_there_are_more(client, language):
    from scholars.views import SHOWN_PER_SECTION

    VisitFactory.create_batch(SHOWN_PER_SECTION)
    for _ in range(SHOWN_PER_SECTION + 1):
        upcoming_visit()
    response = client.get(url("scholars:list", language))
    content = response.content.decode()
    assert len(list(response.context["current_visits"])) == len(list(response.context["upcoming_visits"])) == SHOWN_PER_SECTION
    with translation.override(language):
        more_now = translation.gettext("More scholars are visiting now: use the filters to narrow the list.")
        more_coming = translation.gettext("More visits are planned: use the filters to narrow the list.")
    assert more_now not in content and more_coming in content
    now, coming = content.split('id="upcoming-heading"')
    assert now.count('class="list-group-item') == SHOWN_PER_SECTION
    assert coming.split('id="past-heading"')[0].count('class="list-group-item') == SHOWN_PER_SECTION


def test_directory_leaves_out_teacher_exchange_and_unpublished_scholars(client):
    outbound = VisitFactory(direction=Visit.Direction.OUTBOUND)
    hidden = VisitFactory(scholar=ScholarFactory(is_published=False))
    html = client.get(url("scholars:list")).content.decode()
    assert outbound.scholar.name not in html
    assert hidden.scholar.name not in html


def test_directory_filters_by_country(client):
    japan = VisitFactory(scholar=ScholarFactory(country="JP"))
    france = VisitFactory(scholar=ScholarFactory(country="FR"))
    response = client.get(url("scholars:list"), {"country": "FR"})
    assert list(response.context["current_visits"]) == [france]
    assert japan.scholar.name not in response.content.decode()


def test_directory_filters_by_field_in_either_language(client):
    optics = VisitFactory(scholar=ScholarFactory(field_en="Optics", field_zh_hant="光學"))
    VisitFactory(scholar=ScholarFactory(field_en="Tourism", field_zh_hant="觀光"))
    assert list(client.get(url("scholars:list"), {"field": "光學"}).context["current_visits"]) == [optics]


def test_directory_filters_by_purpose(client):
    research = VisitFactory(purpose=Visit.Purpose.RESEARCH)
    VisitFactory(purpose=Visit.Purpose.TEACHING)
    assert list(client.get(url("scholars:list"), {"purpose": "research"}).context["current_visits"]) == [research]


def test_directory_filters_by_partner(client):
    partner = PartnerUniversityFactory()
    from_partner = VisitFactory(scholar=ScholarFactory(home_partner=partner))
    VisitFactory()
    assert list(client.get(url("scholars:list"), {"partner": partner.slug}).context["current_visits"]) == [from_partner]


@pytest.mark.parametrize("params", [{"country": "ZZ"}, {"purpose": "nap"}, {"partner": "nowhere"}, {"page": "x"}])
def test_unknown_directory_filters_never_fail(client, params):
    VisitFactory()
    assert client.get(url("scholars:list"), params).status_code in (200, 404)


def test_teacher_exchange_page_lists_outbound_visits_only(client):
    partner = PartnerUniversityFactory()
    outbound = VisitFactory(direction=Visit.Direction.OUTBOUND, partner=partner)
    inbound = VisitFactory()
    response = client.get(url("scholars:teacher-exchange", "zh-hant"))
    html = response.content.decode()
    with translation.override("zh-hant"):
        assert outbound.scholar.name in html
        assert partner.get_absolute_url() in html
        assert inbound.scholar.name not in html
    assert "<caption>" in html


def test_scholar_page_links_home_partner_and_lists_visits_and_published_events(client):
    partner = PartnerUniversityFactory()
    scholar = ScholarFactory(home_partner=partner, bio_en="Studies lasers.")
    visit = VisitFactory(scholar=scholar, host_department_en="Dept of Optics")
    talk = EventFactory()
    hidden_talk = EventFactory(is_published=False)
    talk.speakers.add(scholar)
    hidden_talk.speakers.add(scholar)
    html = client.get(scholar.get_absolute_url()).content.decode()
    assert url("partners:detail", slug=partner.slug) in html
    assert "Studies lasers." in html
    assert visit.host_department in html
    assert talk.get_absolute_url() in html
    assert hidden_talk.title not in html


def test_unpublished_scholar_page_is_404(client):
    assert client.get(ScholarFactory(is_published=False).get_absolute_url()).status_code == 404


def test_scholar_email_is_shown_with_opt_in(client):
    scholar = ScholarFactory(email="visible@uni.example", email_is_public=True)
    assert "visible@uni.example" in client.get(scholar.get_absolute_url()).content.decode()


def test_scholar_email_never_appears_without_opt_in(client):
    scholar = ScholarFactory(email="secret@uni.example", email_is_public=False)
    VisitFactory(scholar=scholar)
    event = EventFactory()
    event.speakers.add(scholar)
    for path in (scholar.get_absolute_url(), url("scholars:list"), event.get_absolute_url(), url("events:list"), url("scholars:list", "zh-hant")):
        source = client.get(path).content.decode()
        assert "secret@uni.example" not in source, path
        assert "secret" not in source.lower().split("<body", 1)[1], path


def make_visits(count):
    partner = PartnerUniversityFactory()
    for _ in range(count):
        scholar = ScholarFactory(home_partner=partner)
        VisitFactory(scholar=scholar)
        upcoming_visit(scholar=scholar)
        past_visit(scholar=scholar)
        VisitFactory(scholar=scholar, direction=Visit.Direction.OUTBOUND, partner=partner)
        event = EventFactory()
        event.speakers.add(scholar)


# Cold: the directory's filter choices are counted too, and its three lists' rows not kept
# are read whole; warm, the choices come from the cache and each list reads its rows' keys.
@pytest.mark.parametrize(
    ("name", "cold", "warm"), [("scholars:list", 9, 4), ("scholars:teacher-exchange", 2, 2)]
)
def test_scholar_lists_run_constant_queries(client, django_assert_num_queries, name, cold, warm):
    SiteSettings.get_solo()  # made on first use, which would itself count as a content change
    make_visits(3)
    path = url(name)
    client.get(path)  # site settings and the like, made on first use
    with django_assert_num_queries(warm):
        client.get(path)
    make_visits(27)
    with django_assert_num_queries(cold):  # new visits: the choices are counted again
        client.get(path)
    with django_assert_num_queries(warm):
        client.get(path)


def test_scholar_page_runs_constant_queries(client, django_assert_num_queries):
    scholar = ScholarFactory(home_partner=PartnerUniversityFactory())

    def add(count):
        for _ in range(count):
            VisitFactory(scholar=scholar, partner=PartnerUniversityFactory())
            EventFactory().speakers.add(scholar)

    add(3)
    client.get(scholar.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(scholar.get_absolute_url())
    add(27)
    with django_assert_num_queries(3):
        client.get(scholar.get_absolute_url())


def test_country_filter_lists_each_country_once(client):
    scholar = ScholarFactory(country="FR")
    VisitFactory(scholar=scholar)
    past_visit(scholar=scholar)
    VisitFactory(scholar=ScholarFactory(country="FR"))
    choices = [value for value, _label in client.get(url("scholars:list")).context["filter_form"].fields["country"].choices]
    assert choices == ["", "FR"]
