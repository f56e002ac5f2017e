import functools

from django import forms
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
def _country_names(language):
    return {code: str(name) for code, name in countries}  # in the active language, which is `language`


def country_name(code):
    """A country's name in the active language (the code itself for an unknown one), named once a
    process per language: a changelist of a hundred partners named each through the catalogue."""
    return _country_names(get_language()).get(code, code)


@functools.lru_cache(maxsize=64)
def _country_choices(codes, language):
    names = _country_names(language)
    return tuple(sorted(((code, names.get(code, code)) for code in codes), key=lambda pair: pair[1]))


def country_choices(codes):
    """(code, name) of these countries in the active language, sorted by name: a filter's choices.

    Naming and sorting every country through the translation catalogue was a tenth of the
    partner list's time on every request; the same countries are named the same way until
    the codes change (a partner in a new country), so each list is named once a process."""
    return list(_country_choices(tuple(codes), get_language()))
