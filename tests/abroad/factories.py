"""A student the partner accepted, abroad now, with an approved learning agreement and more."""

import datetime
from decimal import Decimal

from django.utils import timezone

from abroad import services
from abroad.models import CourseEquivalence, ExperienceReport
from tests.exchanges.factories import ApplicationFactory, ExchangeProgramFactory, MobilityRecordFactory
from tests.partners.factories import PartnerUniversityFactory

COURSES = [
    services.Course("CS501", "Machine Learning", Decimal("6"), "CSIE3012", "Artificial Intelligence", Decimal("3")),
    services.Course("JP101", "Japanese I", Decimal("4"), "", "", Decimal("2")),
]


def accepted_application(partner=None, department="EE", **kwargs):
    partner = partner or PartnerUniversityFactory()
    programme = ExchangeProgramFactory(partner=partner)
    application = ApplicationFactory(status="accepted", nominated_programme=programme, department_id=department, **kwargs)
    return application


def abroad_now(application, days_before=30, days_after=60):
    today = timezone.localdate()
    return MobilityRecordFactory(
        application=application,
        partner=application.nominated_programme.partner,
        programme=application.nominated_programme,
        department=application.get_department_display_en(),
        academic_year=today.year,
        starts_on=today - datetime.timedelta(days=days_before),
        ends_on=today + datetime.timedelta(days=days_after),
    )


def approved_agreement(application, by=None):
    version = services.propose(application, COURSES, note="First plan")
    return services.decide(version, approve=True, by=by)


def library_row(partner, **kwargs):
    values = {
        "department_id": "EE",
        "academic_year": 2025,
        "host_code": "ME210",
        "host_title": "Thermodynamics",
        "host_credits": Decimal("5"),
        "home_code": "ME2001",
        "home_title": "Engineering Thermodynamics",
        "home_credits": Decimal("3"),
    }
    values.update(kwargs)
    return CourseEquivalence.objects.create(partner=partner, **values)


def published_report(application, **kwargs):
    values = {
        "title": "A semester in Aachen",
        "body": "Courses were hard and good.",
        "language": "en",
        "show_name": True,
        "consent": True,
    }
    values.update(kwargs)
    report = ExperienceReport.objects.create(
        application=application,
        partner=application.nominated_programme.partner,
        programme=application.nominated_programme,
        academic_year=2025,
        author_name=application.name_en,
        status=ExperienceReport.Status.PUBLISHED,
        published_at=timezone.now(),
        **values,
    )
    return report
