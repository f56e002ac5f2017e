"""Applications as a spreadsheet for the coordinators (CSV or Excel, through core.spreadsheets)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import dataset
from exchanges.models import Application

# Headers in the coordinator's language, like the values (status, department) below them.
COLUMNS = [
    _("Reference number"),
    _("Call"),
    _("Submitted at"),
    _("Status"),
    _("Name in English"),
    _("Name in Chinese"),
    _("Student ID"),
    _("University e-mail"),
    _("Department"),
    _("Year of study"),
    _("GPA"),
    _("Language test"),
    _("Score or level"),
    _("Choice 1"),
    _("Choice 2"),
    _("Choice 3"),
    _("Nominated to"),
    _("Language applied in"),
]


def applications_dataset(applications):
    """`applications` as rows for a spreadsheet, in the coordinator's language."""
    rows = (
        applications.select_related("call", "nominated_programme__partner")
        .prefetch_related("choices__programme__partner")
        .order_by("call__opens_at", "reference")
    )
    return dataset(COLUMNS, (_row(application) for application in rows), title="applications")


def _row(application):
    choices = [f"{c.programme.title} ({c.programme.partner.name})" for c in application.choices.all()]
    choices += [""] * (3 - len(choices))
    nominated = application.nominated_programme
    return [
        application.reference,
        application.call.title,
        timezone.localtime(application.created_at).strftime("%Y-%m-%d %H:%M"),
        application.get_status_display(),
        application.name_en,
        application.name_zh,
        application.student_id,
        application.email,
        application.get_department_display(),
        application.get_year_of_study_display(),
        application.gpa,
        application.get_language_test_display(),
        application.language_score,
        *choices,
        f"{nominated.title} ({nominated.partner.name})" if nominated else "",
        application.get_language_display(),
    ]


def export_filename(call=None):
    """The file name without its extension (the format adds it)."""
    stamp = timezone.localdate().isoformat()
    return f"applications-{call.slug}-{stamp}" if call else f"applications-{stamp}"


def calls_applications(calls):
    return Application.objects.filter(call__in=calls)
