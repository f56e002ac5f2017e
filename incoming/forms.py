from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.forms import HoneypotMixin
from core.models import Department
from core.private_files import pdf_limits_text, with_size_limit
from exchanges.forms import DocumentField
from incoming.models import IncomingApplication, IncomingDocument

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def academic_year_choices(today=None):
    """This academic year and the next two, as partners nominate a term or a year ahead."""
    year = (today or timezone.localdate()).year
    return [(y, f"{y}/{y + 1}") for y in range(year - 1, year + 3)]


class NominationForm(HoneypotMixin, forms.ModelForm):
    academic_year = forms.TypedChoiceField(label=_("Academic year"), coerce=int, choices=())

    class Meta:
        model = IncomingApplication
        fields = ("coordinator_name", "coordinator_email", "name", "email", "study_level", "field_of_study", "academic_year", "term")
        labels = {
            "coordinator_name": _("Your name (coordinator)"),
            "coordinator_email": _("Your e-mail"),
            "name": _("Student's name, as in the passport"),
            "email": _("Student's e-mail"),
        }
        help_texts = {"email": _("The student receives a private link to complete the application at this address.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = academic_year_choices()
        self.fields["academic_year"].choices = choices
        self.fields["academic_year"].initial = choices[1][0]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def nomination_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class IncomingApplicationForm(forms.ModelForm):
    """What the nominee completes: personal details, documents, department, housing and visa."""

    passport = DocumentField(label=_("Passport copy"), accept_images=True, help_text=with_size_limit(gettext_noop("PDF or image, at most %(mb)s MB.")))
    transcript = DocumentField(label=_("Transcript of records"), help_text=pdf_limits_text())
    language_certificate = DocumentField(
        label=_("Language certificate"), required=False, help_text=with_size_limit(gettext_noop("PDF or image, at most %(mb)s MB; if you have one.")),
        accept_images=True,
    )

    DOCUMENT_FIELDS = {
        "passport": IncomingDocument.Kind.PASSPORT,
        "transcript": IncomingDocument.Kind.TRANSCRIPT,
        "language_certificate": IncomingDocument.Kind.LANGUAGE_CERTIFICATE,
    }

    class Meta:
        model = IncomingApplication
        fields = (
            "date_of_birth", "nationality", "passport_number", "phone", "wanted_department", "housing", "needs_visa",
            "needs_notes",
        )
        widgets = {"date_of_birth": DATE_INPUT, "needs_notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"needs_notes": _("Anything we should prepare for: accessibility, diet, family.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_of_birth", "nationality", "passport_number", "wanted_department", "housing"):
            self.fields[name].required = True
        # Departments that are closed stay on old applications but are offered no more.
        self.fields["wanted_department"].queryset = Department.objects.active()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born and not (today.replace(year=today.year - 80) < born < today.replace(year=today.year - 15)):
            raise forms.ValidationError(_("Please check the date of birth."), code="date_of_birth")
        return born

    def application_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def documents(self):
        return {kind: self.cleaned_data.get(name) for name, kind in self.DOCUMENT_FIELDS.items()}


class ArrivalChecklistForm(forms.ModelForm):
    class Meta:
        model = IncomingApplication
        fields = ("housing", "insurance_provider", "insurance_policy_number", "visa_letter_requested", "arrival_date")
        widgets = {"arrival_date": DATE_INPUT}

    def clean_arrival_date(self):
        arrival = self.cleaned_data["arrival_date"]
        if arrival and arrival < timezone.localdate():
            raise forms.ValidationError(_("The arrival date cannot be in the past."), code="arrival_past")
        return arrival

    def checklist_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
