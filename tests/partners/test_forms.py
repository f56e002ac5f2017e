import pytest
from django.http import QueryDict

from partners.forms import FilterForm
from partners.models import Agreement, PartnerUniversity
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db


def filtered(query, codes=("JP", "FR", "US")):
    form = FilterForm(QueryDict(query), country_codes=codes)
    return set(form.filter(PartnerUniversity.objects.published())), form


def test_region_filter_keeps_partners_of_that_region():
    kyoto = PartnerUniversityFactory(country="JP")
    PartnerUniversityFactory(country="FR")
    assert filtered("region=east-asia")[0] == {kyoto}


def test_country_filter_keeps_that_country():
    lyon = PartnerUniversityFactory(country="FR")
    PartnerUniversityFactory(country="JP")
    assert filtered("country=FR")[0] == {lyon}


def test_kind_filter_needs_an_agreement_of_that_kind_in_force():
    dual = AgreementFactory(kind=Agreement.Kind.DUAL_DEGREE).partner
    AgreementFactory(kind=Agreement.Kind.STUDENT_EXCHANGE)
    AgreementFactory(kind=Agreement.Kind.DUAL_DEGREE, signed_on=None)  # a draft is not in force
    assert filtered("kind=dual-degree")[0] == {dual}


def test_search_finds_a_partner_by_its_chinese_name():
    osaka = PartnerUniversityFactory(name_en="Osaka University", name_zh_hant="大阪大學")
    PartnerUniversityFactory(name_en="Lyon University", name_zh_hant="里昂大學")
    assert filtered("q=大阪")[0] == {osaka}


def test_search_finds_a_partner_by_its_english_name_in_any_case():
    osaka = PartnerUniversityFactory(name_en="Osaka University")
    PartnerUniversityFactory(name_en="Lyon University")
    assert filtered("q=osaka")[0] == {osaka}


def test_unknown_country_is_ignored_with_an_error_and_other_filters_still_apply():
    kyoto = PartnerUniversityFactory(country="JP", name_en="Kyoto University")
    PartnerUniversityFactory(country="JP", name_en="Nagoya University", city_en="Nagoya")
    results, form = filtered("country=XX&q=kyoto")
    assert results == {kyoto}
    assert "country" in form.errors


def test_country_choices_are_named_and_sorted_in_the_language_asked_each_time():
    from django.utils import translation

    from exchanges.forms import FinderForm
    from scholars.forms import VisitFilterForm

    codes = ("JP", "FR", "DE")
    for form_class in (FilterForm, FinderForm, VisitFilterForm):
        with translation.override("en"):
            english = form_class(country_codes=codes).fields["country"].choices[1:]
        with translation.override("zh-hant"):
            chinese = form_class(country_codes=codes).fields["country"].choices[1:]
        with translation.override("en"):
            assert form_class(country_codes=codes).fields["country"].choices[1:] == english
        assert english == [("FR", "France"), ("DE", "Germany"), ("JP", "Japan")], form_class
        assert dict(chinese) == {"JP": "日本", "FR": "法國", "DE": "德國"}, form_class
        assert [name for _code, name in chinese] == sorted(name for _code, name in chinese)


def test_a_country_is_named_in_the_language_asked_each_time():
    from django.utils import translation

    from core.forms import country_name

    for _ in range(2):
        with translation.override("en"):
            assert country_name("JP") == "Japan"
        with translation.override("zh-hant"):
            assert country_name("JP") == "日本"
    assert country_name("XX") == "XX"
