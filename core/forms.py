from django import forms
from django.utils.translation import gettext_lazy as _


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
