"""Applications as a spreadsheet for the coordinators (CSV that Excel reads in Chinese)."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def applications_csv(applications, filename):
    """A CSV download of `applications`; UTF-8 with a BOM so that Excel shows Chinese names."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in COLUMNS])
    rows = (
        applications.select_related("call", "nominated_programme__partner")
        .prefetch_related("choices__programme__partner")
        .order_by("call__opens_at", "reference")
    )
    for application in rows:
        writer.writerow(_row(application))
    return response


def _row(application):
    choices = [f"{c.programme.title} ({c.programme.partner.name})" for c in application.choices.all()]
    choices += [""] * (3 - len(choices))
    nominated = application.nominated_programme
    return [
        application.reference,
        application.call.title,
        timezone.localtime(application.created_at).strftime("%Y-%m-%d %H:%M"),
        application.get_status_display(),
        _safe(application.name_en),
        _safe(application.name_zh),
        application.student_id,
        _safe(application.email),
        application.get_department_display(),
        application.get_year_of_study_display(),
        application.gpa,
        application.get_language_test_display(),
        _safe(application.language_score),
        *(_safe(choice) for choice in choices),
        f"{nominated.title} ({nominated.partner.name})" if nominated else "",
        application.get_language_display(),
    ]


def _safe(value):
    """Text typed by applicants must not run as a spreadsheet formula."""
    text = str(value or "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_filename(call=None):
    stamp = timezone.localdate().isoformat()
    return f"applications-{call.slug}-{stamp}.csv" if call else f"applications-{stamp}.csv"


def calls_applications(calls):
    return Application.objects.filter(call__in=calls)
