import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import QuickSelect

CHOICES = [
    ("", "—"),
    ("Japan", [(1, "Kyoto <Uni> & \"co\""), (2, "Osaka")]),
    ("Korea", [(3, "Seoul")]),
    (4, "Without a group"),
]


@pytest.mark.parametrize("value", [None, "", "2", 2, "4", "not offered"])
def test_quick_select_writes_the_markup_of_djangos_select(value):
    attrs = {"id": "id_choice_1", "required": True, "aria-describedby": "id_choice_1_helptext", "class": "form-select"}
    django_html = forms.Select(choices=CHOICES).render("choice_1", value, attrs)
    quick_html = QuickSelect(choices=CHOICES).render("choice_1", value, attrs)
    assert parse_html(quick_html) == parse_html(django_html)


def test_quick_select_escapes_labels_and_values():
    html = QuickSelect(choices=[('"><script>', "<b>bold</b>")]).render("x", None)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
