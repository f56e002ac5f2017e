import functools

from django import forms
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class HoneypotMixin(forms.Form):
    """A field people never see or fill; bots that fill every field trip it.

    Templates render it inside an element with the `hidden` attribute: not
    displayed, so neither people, screen readers nor browsers' autofill reach it
    (autofill skips fields that are not displayed). A form that comes back with it
    filled is answered as if it had worked and nothing is done (`caught_a_bot`):
    no error message tells a bot what gave it away, and no field a person cannot
    see is ever pointed at.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "honeypot"}),
    )

    @property
    def caught_a_bot(self):
        return self.is_bound and bool(self.data.get(self.add_prefix("website"), "").strip())

    def clean_website(self):
        return ""


@functools.lru_cache(maxsize=8)
def country_names(language):
    """{code: name} of every country in `language`, named once a process (not to be changed):
    going through the catalogue for each country was a tenth of a list page's time."""
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def country_name(code):
    """A country's name in the active language (the code itself for an unknown one)."""
    return country_names(get_language()).get(code, code)


@functools.lru_cache(maxsize=64)
def _country_choices(codes, language):
    names = country_names(language)
    return tuple(sorted(((code, names.get(code, code)) for code in codes), key=lambda pair: pair[1]))


def country_choices(codes):
    """(code, name) of these countries in the active language, sorted by name: a filter's choices,
    sorted once a process for each set of codes (they change when a partner in a new country is)."""
    return list(_country_choices(tuple(codes), get_language()))
