import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from events.models import Event, NewsArticle, Registration
from partners.models import PartnerUniversity


class RegistrationForm(HoneypotMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the Office of International Affairs keeps my name, e-mail and affiliation to manage "
            "this event and deletes them within six months after it."
        ),
        required=True,
        error_messages={"required": _("Please agree to the use of your details to register.")},
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "affiliation", "consent"]
        labels = {"affiliation": _("Affiliation (university, company or department)")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "affiliation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }


class EventFilterForm(forms.Form):
    """Filters of the event lists, read from the query string; bad values are dropped, not errors."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    month = forms.CharField(
        label=_("Month"),
        required=False,
        # No placeholder: HTML does not allow one on a month input; the help text gives the format.
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Year and month, e.g. 2026-11."),
    )
    partner = forms.ChoiceField(label=_("Partner university"), required=False)

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Event.Kind.choices]
        self.fields["partner"].choices = [("", _("All partners")), *[(p.slug, p.name) for p in partners]]

    def clean_month(self):
        value = self.cleaned_data.get("month")
        if not value:
            return None
        try:
            return datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Enter a month as YYYY-MM.")) from None

    def filter(self, queryset):
        if not self.is_valid():
            # Apply only the fields that are valid.
            data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        else:
            data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("month"):
            queryset = queryset.in_month(data["month"].year, data["month"].month)
        if data.get("partner"):
            queryset = queryset.filter(partners__slug=data["partner"])
        return queryset

    @staticmethod
    def partner_choices():
        """Partners that appear on published events (one query)."""
        return PartnerUniversity.objects.published().filter(Event.published_q("events__")).distinct().order_by(
            "name"
        )


class NewsFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *NewsArticle.Category.choices]

    def filter(self, queryset):
        if self.is_valid() and self.cleaned_data["category"]:
            queryset = queryset.filter(category=self.cleaned_data["category"])
        return queryset


class EmailRegistrantsForm(forms.Form):
    """The admin action's intermediate page."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))
    include_waitlisted = forms.BooleanField(label=_("Also send to people on the waiting list"), required=False)


class RegistrationAdminForm(forms.ModelForm):
    """Staff's registration form. The status is not on it (seats decide it), so
    Django would skip the one-active-registration-per-e-mail constraint, whose
    condition names the status; it is checked here instead."""

    class Meta:
        model = Registration
        fields = ["event", "name", "email", "affiliation", "consent", "language"]

    def clean(self):
        cleaned_data = super().clean()
        event, email = cleaned_data.get("event"), cleaned_data.get("email")
        if event and email and self.instance.status != Registration.Status.CANCELLED:
            others = event.registrations.holding(email).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("email", _("This e-mail address is already registered for this event."))
        return cleaned_data
