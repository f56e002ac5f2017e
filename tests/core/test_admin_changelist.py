"""The changelist pieces written without templates draw exactly what Django's templates draw."""

import pytest
from django import forms
from django.forms.utils import ErrorList
from django.utils import translation

from core.admin_changelist import RowErrorList, RowHiddenInput, RowNumberInput


@pytest.mark.parametrize(
    ("quick", "django_widget", "value", "attrs"),
    [
        (RowNumberInput, forms.NumberInput, "87.50", {"aria-label": "Interview score", "step": "0.01"}),
        (RowNumberInput, forms.NumberInput, None, {"aria-label": 'Score "<&>"', "required": True, "disabled": False}),
        (RowHiddenInput, forms.HiddenInput, 42, {}),
        (RowHiddenInput, forms.HiddenInput, '<"x">', {"id": "id_form-0-id"}),
    ],
)
def test_row_input_is_the_markup_of_djangos_template(quick, django_widget, value, attrs):
    expected = django_widget(attrs=attrs).render("form-0-field", value, attrs={"id": "id_form-0-field"})
    assert quick(attrs=attrs).render("form-0-field", value, attrs={"id": "id_form-0-field"}) == expected


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_row_error_list_draws_nothing_when_empty_and_djangos_list_otherwise(language):
    with translation.override(language):
        assert str(RowErrorList()) == ""
        errors = ["Ensure this value is less than or equal to 100.", "<b>not bold</b>"]
        assert str(RowErrorList(errors)) == str(ErrorList(errors)) != ""


def test_every_editable_changelist_hands_its_rows_the_quiet_error_list(rf, django_user_model):
    """The formset, not the form, chooses the rows' error class: without RowFormSet each row drew
    an empty error list through a template (found by a profile, after RowForm alone had no effect)."""
    from django.contrib import admin

    from core.admin_changelist import QuickRowsMixin

    user = django_user_model.objects.create_superuser("rows", "rows@example.edu", "x-long-password")
    request = rf.get("/admin/")
    request.user = user
    editable = [
        model_admin
        for model_admin in admin.site._registry.values()
        if model_admin.list_editable and isinstance(model_admin, QuickRowsMixin)
    ]
    assert editable
    for model_admin in editable:
        formset = model_admin.get_changelist_formset(request)(queryset=model_admin.model._default_manager.none())
        assert formset.error_class is RowErrorList, type(model_admin).__name__
        assert formset.empty_form.error_class is RowErrorList, type(model_admin).__name__


def test_the_country_filter_offers_the_countries_in_use_and_the_one_chosen(admin_client):
    from django_countries import countries

    from tests.partners.factories import PartnerUniversityFactory

    PartnerUniversityFactory(country="JP")
    PartnerUniversityFactory(country="DE")
    PartnerUniversityFactory(country="JP")
    url = "/admin/partners/partneruniversity/"

    def offered(response):
        specs = response.context["cl"].filter_specs
        spec = next(spec for spec in specs if getattr(spec, "lookup_kwarg", None) == "country__exact")
        return [choice["display"] for choice in spec.choices(response.context["cl"])][1:]  # after "All"

    with translation.override("en"):
        assert offered(admin_client.get(url)) == [countries.name("DE"), countries.name("JP")]
        # A country chosen from an old link stays on the list, chosen, with nothing under it.
        response = admin_client.get(url, {"country__exact": "FR"})
        assert offered(response) == ["France", "Germany", "Japan"]
        assert response.context["cl"].result_count == 0
        assert offered(admin_client.get(url, {"_facets": "True"})) == ["Germany (1)", "Japan (2)"]
        # A new partner's country is offered at once (the list is kept until partners change).
        PartnerUniversityFactory(country="KR")
        assert "South Korea" in offered(admin_client.get(url))


def test_the_country_filter_offers_only_countries_of_rows_the_admin_shows_this_user(admin_client, monkeypatch):
    """Countries are read from the changelist's own rows (an admin may show each user some rows only)."""
    from django.contrib import admin

    from partners.models import PartnerUniversity
    from tests.partners.factories import PartnerUniversityFactory

    PartnerUniversityFactory(country="JP")
    PartnerUniversityFactory(country="DE")
    model_admin = admin.site._registry[PartnerUniversity]
    shown = model_admin.get_queryset
    monkeypatch.setattr(model_admin, "get_queryset", lambda request: shown(request).filter(country="DE"))
    with translation.override("en"):
        response = admin_client.get("/admin/partners/partneruniversity/")
    specs = response.context["cl"].filter_specs
    spec = next(spec for spec in specs if getattr(spec, "lookup_kwarg", None) == "country__exact")
    assert [choice["display"] for choice in spec.choices(response.context["cl"])][1:] == ["Germany"]
