"""Applications as a spreadsheet for the coordinators (CSV that Excel reads in Chinese)."""

import csv

from django.http import HttpResponse
from django.utils import timezone, translation

from exchanges.models import Application

COLUMNS = [
    ("Reference", "reference"),
    ("Call", "call"),
    ("Submitted at", "created_at"),
    ("Status", "status"),
    ("Name (English)", "name_en"),
    ("Name (Chinese)", "name_zh"),
    ("Student ID", "student_id"),
    ("E-mail", "email"),
    ("Department", "department"),
    ("Year of study", "year_of_study"),
    ("GPA", "gpa"),
    ("Language test", "language_test"),
    ("Score", "language_score"),
    ("Choice 1", None),
    ("Choice 2", None),
    ("Choice 3", None),
    ("Nominated to", "nominated_programme"),
    ("Applied in", "language"),
]


def applications_csv(applications, filename):
    """A CSV download of `applications`; UTF-8 with a BOM so that Excel shows Chinese names."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([header for header, _field in COLUMNS])
    rows = (
        applications.select_related("call", "nominated_programme__partner")
        .prefetch_related("choices__programme__partner")
        .order_by("call__opens_at", "reference")
    )
    with translation.override("en"):
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
