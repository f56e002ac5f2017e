"""A call offering more programmes than the form lists: they are found by a search on the page.

The form's three lists then hold only the programmes the student added, so the page
stays the same size however many programmes the call offers (it was megabytes at
a few thousand). LISTED_AT_MOST is lowered here so that a few rows make a large call.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from exchanges import forms
from exchanges.forms import chosen_programmes
from exchanges.models import Application
from tests.exchanges.factories import ApplicationCallFactory, CallProgrammeFactory, ExchangeProgramFactory
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db

CHOICE_LIST = re.compile(r'<select[^>]* name="choice_\d"[^>]*>(.*?)</select>', re.S)


def choice_options(content):
    return sum(options.count("<option") for options in CHOICE_LIST.findall(content))


@pytest.fixture(autouse=True)
def listed_at_most_three(monkeypatch):
    monkeypatch.setattr(forms, "LISTED_AT_MOST", 3)
    cache.clear()  # the call's choices are cached with the limit they were made under


@pytest.fixture
def large_call(open_call):
    kyoto = PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學")
    lyon = PartnerUniversityFactory(name_en="Université Lyon 2", name_zh_hant="里昂第二大學", country="FR")
    offers = [
        CallProgrammeFactory(call=open_call, programme=ExchangeProgramFactory(partner=kyoto, title_en="Engineering semester")),
        CallProgrammeFactory(call=open_call, programme=ExchangeProgramFactory(partner=kyoto, title_en="Summer school")),
        CallProgrammeFactory(call=open_call, programme=ExchangeProgramFactory(partner=lyon, title_en="Semester in Lyon")),
        CallProgrammeFactory(call=open_call, programme=ExchangeProgramFactory(partner=lyon, title_en="Year in Lyon")),
    ]
    return open_call, [offer.programme for offer in offers]


def apply_url(call, language="en", **query):
    with translation.override(language):
        url = call.get_apply_url()
    pairs = [(key, value) for key, values in query.items() for value in (values if isinstance(values, list) else [values])]
    return url + ("?" + "&".join(f"{key}={value}" for key, value in pairs) if pairs else "")


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_page_of_a_large_call_stays_the_same_size_however_many_it_offers(client, large_call, language):
    call, programmes = large_call
    path = apply_url(call, language, programme=programmes[0].slug)
    few = client.get(path).content.decode()
    for _ in range(30):
        CallProgrammeFactory(call=call)
    many = client.get(path).content.decode()
    # Three lists of the one chosen programme and the empty choice, whatever the call offers.
    assert choice_options(few) == choice_options(many) == 3 * 2
    assert abs(len(many) - len(few)) < 10  # the number of programmes offered is written out
    assert "34" in many and ("programmes" in many if language == "en" else "個計畫" in many)


def test_a_small_call_still_lists_every_programme(client, open_call, offers):
    content = client.get(apply_url(open_call)).content.decode()
    assert all(f'<option value="{offer.programme.pk}">' in content for offer in offers)
    assert choice_options(content) == 3 * (1 + len(offers))
    assert 'id="find-programme"' not in content


@pytest.mark.parametrize("language, text", [("en", "kyoto"), ("zh-hant", "京都")])
def test_the_search_finds_the_calls_programmes_by_university_and_adds_one(client, large_call, language, text):
    call, programmes = large_call
    elsewhere = CallProgrammeFactory(call=ApplicationCallFactory(), programme__partner__name_en="Kyoto Sangyo")
    response = client.get(apply_url(call, language, find=text))
    found = [programme.pk for programme in response.context["found"]]
    assert set(found) == {programmes[0].pk, programmes[1].pk}  # not the other call's Kyoto programme
    titles = [programme.title for programme in response.context["found"]]
    assert titles == sorted(titles)
    assert elsewhere.programme.pk not in found
    added = response.context["found"][0]
    page = client.get(added.add_url)
    assert [programme.pk for programme in page.context["form"].chosen] == [added.pk]
    assert page.context["form"]["choice_1"].value() == added.pk
    assert f'<option value="{added.pk}" selected>' in page.content.decode()


def test_an_application_is_sent_with_the_programmes_chosen_by_search(client, large_call, form_data, form_files):
    call, programmes = large_call
    path = apply_url(call, programme=[programmes[2].slug, programmes[0].slug])
    data = {**form_data, "choice_1": str(programmes[2].pk), "choice_2": str(programmes[0].pk), "choice_3": ""}
    response = client.post(path, {**data, **form_files})
    assert response.status_code == 302, response.context["form"].errors
    application = Application.objects.get()
    assert [choice.programme for choice in application.choices.order_by("rank")] == [programmes[2], programmes[0]]


def test_a_programme_not_added_on_the_page_is_refused_and_nothing_is_saved(client, large_call, form_data, form_files):
    call, programmes = large_call
    path = apply_url(call, programme=programmes[0].slug)
    data = {**form_data, "choice_1": str(programmes[3].pk), "choice_2": "", "choice_3": ""}
    response = client.post(path, {**data, **form_files})
    assert response.status_code == 400
    assert response.context["form"].errors["choice_1"] == ["Choose a programme offered in this call."]
    assert response.context["form"]["name_en"].value() == form_data["name_en"]  # what was typed is kept
    assert not Application.objects.exists()


@pytest.mark.parametrize("language, message", [("en", "Find and add at least one programme above."), ("zh-hant", "請先在上方找到並加入至少一個計畫。")])
def test_without_a_programme_the_form_says_to_find_one_first(client, large_call, form_data, form_files, language, message):
    call, _programmes = large_call
    data = {**form_data, "choice_1": "", "choice_2": "", "choice_3": ""}
    response = client.post(apply_url(call, language), {**data, **form_files})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_at_most_three_programmes_are_chosen_each_once_and_only_the_calls(large_call):
    call, programmes = large_call
    other = CallProgrammeFactory(call=ApplicationCallFactory()).programme
    slugs = ["no-such", programmes[1].slug, other.slug, programmes[1].slug, programmes[0].slug, programmes[3].slug, programmes[2].slug]
    assert chosen_programmes(call, slugs) == [programmes[1], programmes[0], programmes[3]]


def test_with_three_programmes_chosen_the_results_offer_none_to_add(client, large_call):
    call, programmes = large_call
    response = client.get(apply_url(call, programme=[p.slug for p in programmes[:3]], find="Lyon"))
    content = response.content.decode()
    assert [p.pk for p in response.context["found"]] == [programmes[3].pk]  # the chosen ones are not found again
    assert "Remove one to add another" in content
    assert ">Add<" not in content


def test_the_search_says_when_more_match_than_it_shows(client, large_call, monkeypatch):
    call, _programmes = large_call
    monkeypatch.setattr("exchanges.views.ApplyView.FOUND_AT_MOST", 2)
    response = client.get(apply_url(call, find="e"))
    assert len(response.context["found"]) == 2
    assert "More programmes match" in response.content.decode()


def test_the_page_of_a_large_call_runs_the_same_queries_however_many_it_offers(client, large_call):
    call, programmes = large_call
    path = apply_url(call, programme=[p.slug for p in programmes[:2]], find="Lyon")
    client.get(path)  # the site settings' row is made on the first visit

    def cold():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    few = cold()
    for _ in range(30):
        CallProgrammeFactory(call=call, programme__title_en="Lyon summer")
    # The call, whether it lists its programmes, how many it offers, the chosen ones, the
    # search, the site settings, the departments.
    assert cold() == few == 7


def test_choices_cached_by_the_previous_release_do_not_break_the_form(client, open_call, offers):
    from core import content_cache

    # What the release before this one stored for the call (a tuple of groups and slugs), for an hour.
    with translation.override("en"):
        tables = {"exchanges_exchangeprogram", "exchanges_callprogramme", "partners_partneruniversity"}
        content_cache.store(f"apply-choices:{open_call.pk}:en", ([], {}), tables, 3600)
    response = client.get(apply_url(open_call))
    assert response.status_code == 200
    assert choice_options(response.content.decode()) == 3 * (1 + len(offers))


@pytest.mark.parametrize(
    ("find", "expected"),
    [("kyoto", {"Engineering semester", "Summer school"}), ("京都", {"Engineering semester", "Summer school"}),
     ("SEMESTER", {"Engineering semester", "Semester in Lyon"}), ("ly", {"Semester in Lyon", "Year in Lyon"})],
)
def test_the_search_finds_by_title_or_partner_name_in_either_language_whatever_the_case(client, large_call, find, expected):
    call, _programmes = large_call
    found = client.get(apply_url(call, find=find)).context["found"]
    assert {programme.title for programme in found} == expected


def test_the_search_finds_a_partner_by_its_new_name(client, large_call):
    call, programmes = large_call
    partner = programmes[2].partner
    partner.name_en = "Lumière University Lyon 2"
    partner.save()  # the programmes' stored search text follows their partner
    found = client.get(apply_url(call, find="Lumière")).context["found"]
    assert {programme.title for programme in found} == {"Semester in Lyon", "Year in Lyon"}
