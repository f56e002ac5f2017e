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
