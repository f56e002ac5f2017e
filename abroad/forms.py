from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from abroad.models import NOTE_MAX, REPORT_MAX, ExperienceReport
from abroad.services import MAX_COURSES, Course
from core.images import PortalImageFormField
from core.private_files import MAX_DOCUMENT_BYTES, validate_pdf

CREDITS = {"min_value": Decimal("0"), "max_value": Decimal("99"), "decimal_places": 1, "max_digits": 5}
COURSE_ROWS = 8


class CourseForm(forms.Form):
    host_code = forms.CharField(label=_("Host course code"), max_length=40, required=False)
    host_title = forms.CharField(label=_("Host course title"), max_length=200, required=False)
    host_credits = forms.DecimalField(label=_("Host credits"), required=False, **CREDITS)
    home_code = forms.CharField(label=_("Home course code"), max_length=40, required=False)
    home_title = forms.CharField(
        label=_("Home course it replaces"), max_length=200, required=False, help_text=_("Empty: elective credits.")
    )
    home_credits = forms.DecimalField(label=_("Home credits"), required=False, **CREDITS)

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) not in (None, "") for name in self.fields)
        if filled:
            for name in ("host_code", "host_title", "host_credits", "home_credits"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Needed for each course."))
        data["is_filled"] = filled
        return data

    def course(self):
        data = self.cleaned_data
        return Course(
            host_code=data["host_code"].strip(),
            host_title=data["host_title"].strip(),
            host_credits=data["host_credits"],
            home_code=data["home_code"].strip(),
            home_title=data["home_title"].strip(),
            home_credits=data["home_credits"],
        )


class BaseCourseFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("is_filled") for form in self.forms):
            raise forms.ValidationError(_("Add at least one course."))

    def courses(self):
        return [form.course() for form in self.forms if form.cleaned_data.get("is_filled")]


CourseFormSet = forms.formset_factory(CourseForm, formset=BaseCourseFormSet, extra=COURSE_ROWS, max_num=MAX_COURSES)


class ProposalNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the department"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a change during the stay: what changed and why."),
    )


class TranscriptForm(forms.Form):
    transcript = forms.FileField(
        label=_("Host transcript (PDF)"),
        validators=[validate_pdf],
        help_text=_("PDF, at most %(mb)s MB. Only the office and your department can open it.")
        % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
    )


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the report"), choices=ExperienceReport.Language.choices)
    body = forms.CharField(
        label=_("Your report"),
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text. Courses, housing, costs, daily life: what you wish you had known."),
    )
    photo = PortalImageFormField(label=_("A photo (optional)"), required=False)
    caption = forms.CharField(label=_("Caption of the photo"), max_length=200, required=False)
    show_name = forms.BooleanField(label=_("Show my name with the report"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that the office publishes this report on the portal."),
        required=False,
        help_text=_("Without it, the office reads your report but does not publish it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = settings.LANGUAGE_CODE


class DepartmentFilterForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"), required=False)
    partner = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All departments")), *departments]
