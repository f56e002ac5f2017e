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
