"""The demo's stay abroad: learning agreements (approved, one change waiting), recognised credits,
a course-equivalence library of a few hundred courses across the partners, published experience
reports in both languages, and a department approver linked to two departments."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from abroad.models import (
    CourseEquivalence,
    CourseLine,
    DepartmentStaff,
    ExperienceReport,
    LearningAgreement,
    LearningAgreementVersion,
    Recognition,
    RecognitionLine,
)
from core.demo import seed_departments
from exchanges.models import Application, ExchangeProgram, MobilityRecord

# (host code stem, host title, home code, home title or "" for elective credits, home credits, departments)
CATALOGUE = (
    ("EE", "Signals and Systems", "EE2104", "Signals and Systems", 3, ("EE", "ET")),
    ("EE", "Power Electronics", "EE3201", "Power Electronics", 3, ("EE",)),
    ("EE", "Embedded Systems Design", "ET3302", "Embedded Systems", 3, ("ET", "EE", "CS")),
    ("CS", "Machine Learning", "CS3012", "Artificial Intelligence", 3, ("CS", "IM")),
    ("CS", "Database Systems", "IM2203", "Database Management", 3, ("IM", "CS")),
    ("CS", "Computer Networks", "CS2301", "Computer Networks", 3, ("CS", "ET")),
    ("CS", "Software Engineering Project", "CS3405", "Software Engineering", 3, ("CS", "IM")),
    ("ME", "Thermodynamics", "ME2001", "Engineering Thermodynamics", 3, ("ME",)),
    ("ME", "Fluid Mechanics", "ME2102", "Fluid Mechanics", 3, ("ME", "CM")),
    ("ME", "Robotics", "ME3305", "Introduction to Robotics", 3, ("ME", "EE")),
    ("CH", "Materials Science", "CM2101", "Materials Science", 3, ("CM", "ME")),
    ("BA", "International Marketing", "IB3101", "International Marketing", 3, ("IB", "BA")),
    ("BA", "Corporate Finance", "FN2201", "Financial Management", 3, ("FN", "BA", "AC")),
    ("BA", "Supply Chain Management", "BA3204", "Operations Management", 3, ("BA", "IM")),
    ("BA", "Cross-cultural Management", "", "", 2, ("BA", "IB", "LS")),
    ("AC", "Managerial Accounting", "AC2103", "Cost and Managerial Accounting", 3, ("AC", "FN")),
    ("HT", "Tourism Destination Management", "LS3102", "Tourism Planning", 3, ("LS",)),
    ("DE", "Interaction Design Studio", "MD3103", "Interactive Design", 3, ("MD", "VD", "CP")),
    ("DE", "Typography", "VD2105", "Typography", 2, ("VD",)),
    ("DE", "Product Design Studio", "CP3101", "Product Design", 3, ("CP", "VD")),
    ("BT", "Food Microbiology", "BT2203", "Food Microbiology", 3, ("BT",)),
    ("LA", "Academic Writing", "AE2101", "English Writing", 2, ("AE",)),
    ("LA", "Japanese Language II", "AJ1202", "Japanese II", 2, ("AJ",)),
    ("LA", "Local Language and Culture I", "", "", 2, ("EE", "ME", "CS", "BA", "IM", "IB", "AE", "AJ")),
)
HOST_CREDITS = {
    "ECTS": (Decimal("5"), Decimal("6")),
    "US": (Decimal("3"), Decimal("4")),
    "JP": (Decimal("2"), Decimal("2")),
}
GRADES = ("A", "A-", "B+", "B", "1.7", "2.0", "S", "Excellent")

REPORTS = (
    (
        "en",
        "A semester that changed how I study",
        "The courses were project-based: every week a team meeting, every month a presentation. I found the workload "
        "heavier than at home, but the professors answered e-mails within a day.\n\nHousing: the dormitory was booked "
        "through the international office; apply the day the link opens. Bring a winter coat.",
    ),
    (
        "zh-hant",
        "交換一學期的收穫",
        "課程以專題為主，每週都有小組討論，期末要上台報告。剛開始聽課有點吃力，第二個月就習慣了。\n\n"
        "住宿由對方國際處安排，宿舍離校園步行十分鐘。建議出發前先把學習協議書跟系上確認好，回國抵免會很順利。",
    ),
    (
        "en",
        "Labs, lakes and a lot of coffee",
        "My learning agreement changed once: a course was cancelled and my department approved the replacement in two "
        "days. The buddy programme helped a lot in the first week.\n\nCosts were close to the programme's estimate.",
    ),
    (
        "zh-hant",
        "在國外做實驗的日子",
        "實驗室的學長姐很照顧交換生，每週一次組會。學分抵免時要準備好課程大綱，系上審核得很快。\n\n"
        "生活費比預期高一些，建議多準備一點預算。",
    ),
)


def seed(scale=1, stdout=None, draw_images=True):
    if CourseEquivalence.objects.exists():
        return  # seeded before: running seed_demo again changes nothing
    rng = random.Random(2028)
    today = timezone.localdate()
    seed_departments()
    with transaction.atomic():
        library = seed_library(rng, today)
        agreements, recognised = seed_agreements(rng, today)
        reports = seed_reports(rng)
        seed_approver()
    if stdout:
        stdout.write(
            f"Abroad: {library} courses in the library, {agreements} learning agreements, "
            f"{recognised} recognitions, {reports} experience reports."
        )


def _host_credits(partner, home_credits):
    unit = (
        "ECTS"
        if partner.country.code in ("DE", "FR", "NL", "FI", "AT", "ES", "IT", "CZ", "PL", "SE")
        else ("JP" if partner.country.code in ("JP", "KR") else "US")
    )
    low, high = HOST_CREDITS[unit]
    return high if home_credits >= 3 else low


def seed_library(rng, today):
    """Courses recognised over the past years at every partner with a published programme."""
    programmes = list(ExchangeProgram.objects.filter(is_published=True).select_related("partner").order_by("slug"))
    by_partner = {}
    for programme in programmes:
        by_partner.setdefault(programme.partner_id, programme)
    rows = []
    for number, programme in enumerate(by_partner.values()):
        partner = programme.partner
        for stem, title, home_code, home_title, credits, departments in rng.sample(
            CATALOGUE, k=min(len(CATALOGUE), 6 + number % 7)
        ):
            # One row per course and partner: the partners already grow with the scale (a
            # second loop over it made ×100 a hundred times larger again, 14 million rows).
            rows.append(
                CourseEquivalence(
                    partner=partner,
                    programme=programme,
                    department_id=rng.choice(departments),
                    academic_year=today.year - rng.randint(1, 6),
                    host_code=f"{stem}{rng.randint(100, 499)}",
                    host_title=title,
                    host_credits=_host_credits(partner, credits),
                    home_code=home_code,
                    home_title=home_title,
                    home_credits=Decimal(credits),
                )
            )
    CourseEquivalence.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _abroad_applications():
    return list(
        Application.objects.filter(
            status=Application.Status.ACCEPTED, nominated_programme__isnull=False, mobility_record__isnull=False
        )
        .select_related("nominated_programme__partner", "mobility_record")
        .order_by("pk")
    )


def seed_agreements(rng, today):
    """Every student of the past call has an approved learning agreement; those back home have their
    credits recognised (and the library grows by their courses); some are abroad today; one change waits."""
    now = timezone.now()
    applications = _abroad_applications()
    agreements = recognised = 0
    for index, application in enumerate(applications):
        record = application.mobility_record
        abroad_now = index % 2 == 0
        if record.starts_on is None:
            if abroad_now:
                record.starts_on, record.ends_on = (
                    today - datetime.timedelta(days=50),
                    today + datetime.timedelta(days=100),
                )
            else:
                record.starts_on, record.ends_on = (
                    today - datetime.timedelta(days=300),
                    today - datetime.timedelta(days=130),
                )
            record.save(update_fields=["starts_on", "ends_on"])
        agreement = LearningAgreement.objects.create(application=application)
        version = LearningAgreementVersion.objects.create(
            agreement=agreement,
            number=1,
            status=LearningAgreementVersion.Status.APPROVED,
            proposed_at=now - datetime.timedelta(days=200),
            decided_at=now - datetime.timedelta(days=195),
        )
        courses = [c for c in CATALOGUE if application.department_id in c[5]] or list(CATALOGUE[-1:])
        picked = rng.sample(courses, k=min(len(courses), 3)) + [CATALOGUE[-1]]
        lines = CourseLine.objects.bulk_create(
            CourseLine(
                version=version,
                position=position,
                host_code=f"{stem}{rng.randint(100, 499)}",
                host_title=title,
                host_credits=_host_credits(application.nominated_programme.partner, credits),
                home_code=home_code,
                home_title=home_title,
                home_credits=Decimal(credits),
            )
            for position, (stem, title, home_code, home_title, credits, _departments) in enumerate(
                dict.fromkeys(picked)
            )
        )
        agreements += 1
        if abroad_now and index % 4 == 0:
            # A change during the stay, waiting for the department.
            change = LearningAgreementVersion.objects.create(
                agreement=agreement,
                number=2,
                student_note="The host cancelled one course; I chose a replacement.",
                proposed_at=now - datetime.timedelta(days=3),
            )
            CourseLine.objects.bulk_create(
                CourseLine(
                    version=change,
                    position=line.position,
                    host_code=line.host_code,
                    host_title=line.host_title,
                    host_credits=line.host_credits,
                    home_code=line.home_code,
                    home_title=line.home_title,
                    home_credits=line.home_credits,
                )
                for line in lines
            )
        if not abroad_now:
            recognition = Recognition.objects.create(
                agreement=agreement,
                status=Recognition.Status.RECOGNISED,
                transcript_uploaded_at=now - datetime.timedelta(days=100),
                recognised_at=now - datetime.timedelta(days=90),
            )
            RecognitionLine.objects.bulk_create(
                RecognitionLine(
                    recognition=recognition, course=line, grade=rng.choice(GRADES), recognised_credits=line.home_credits
                )
                for line in lines
            )
            MobilityRecord.objects.filter(pk=record.pk).update(
                credits_recognised=sum(line.home_credits for line in lines)
            )
            CourseEquivalence.objects.bulk_create(
                CourseEquivalence(
                    partner=application.nominated_programme.partner,
                    programme=application.nominated_programme,
                    department_id=application.department_id,
                    academic_year=record.academic_year,
                    host_code=line.host_code,
                    host_title=line.host_title,
                    host_credits=line.host_credits,
                    home_code=line.home_code,
                    home_title=line.home_title,
                    home_credits=line.home_credits,
                )
                for line in lines
            )
            recognised += 1
    return agreements, recognised


def seed_reports(rng):
    now = timezone.now()
    returned = [
        a
        for a in _abroad_applications()
        if a.mobility_record.ends_on and a.mobility_record.ends_on < timezone.localdate()
    ]
    created = 0
    for index, application in enumerate(returned[: 2 * len(REPORTS)]):
        language, title, body = REPORTS[index % len(REPORTS)]
        waiting = index == len(REPORTS) * 2 - 1
        ExperienceReport.objects.create(
            application=application,
            partner=application.nominated_programme.partner,
            programme=application.nominated_programme,
            academic_year=application.mobility_record.academic_year,
            language=language,
            title=f"{title} — {application.nominated_programme.partner.name_en}",
            body=body,
            show_name=index % 3 != 0,
            author_name=application.name_zh if language == "zh-hant" and application.name_zh else application.name_en,
            consent=True,
            status=ExperienceReport.Status.SUBMITTED if waiting else ExperienceReport.Status.PUBLISHED,
            published_at=None if waiting else now - datetime.timedelta(days=30 - index),
        )
        created += 1
    return created


def seed_approver():
    """The demo's Department approvers account (made by seed_demo) approves for two departments."""
    user = get_user_model().objects.filter(username="department-approvers").first()
    if user is None:
        return
    for code in ("EE", "CS"):
        DepartmentStaff.objects.get_or_create(user=user, department_id=code)
