"""Demo data for the inbound half: our fact sheet, cooperation conditions on the agreements,
partners' nomination links, incoming students at every stage, and past incoming mobility.

Written straight to the tables (as the outbound demo does) so that seeding sends no e-mail;
idempotent: each part is skipped when its rows exist.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Func, Value
from django.utils import timezone

from core.demo import seed_departments
from core.demo_images import minimal_pdf
from core.models import Department
from exchanges.models import MobilityRecord
from incoming.models import (
    FactSheet,
    IncomingApplication,
    IncomingDocument,
    IncomingStatusChange,
    NominationLink,
)
from incoming.models.applications import IncomingReferenceSequence, new_letter_code
from partners.models import Agreement, CooperationCondition, PartnerUniversity

S = IncomingApplication.Status
STUDENT_KINDS = (Agreement.Kind.STUDENT_EXCHANGE, Agreement.Kind.DUAL_DEGREE)
NOMINATION_LINKS = 20
# (status, how many) of this year's incoming students: every stage of the journey.
STAGES = [(S.NOMINATED, 6), (S.SUBMITTED, 5), (S.UNDER_REVIEW, 4), (S.ACCEPTED, 7), (S.REJECTED, 2), (S.WITHDRAWN, 2)]
PAST_INCOMING_RECORDS = 180
NAMES = {
    "JP": ["Sato Haruto", "Suzuki Yui", "Takahashi Ren", "Tanaka Aoi", "Ito Sota"],
    "KR": ["Kim Min-jun", "Lee Seo-yeon", "Park Ji-ho", "Choi Ha-eun"],
    "DE": ["Lena Schmidt", "Jonas Weber", "Mia Fischer"],
    "FR": ["Camille Martin", "Hugo Bernard", "Léa Dubois"],
    "US": ["Emily Johnson", "Michael Brown", "Olivia Davis"],
}
FIELDS = [("Mechanical engineering", "0715"), ("Computer science", "0613"), ("Business administration", "0413"),
          ("Electronics", "0714"), ("Visual design", "0212"), ("Food technology", "0721")]
LANGUAGES = {"JP": "ja", "KR": "ko", "DE": "de", "FR": "fr", "ES": "es"}


def seed(scale=1, stdout=None, draw_images=True):
    rng = random.Random(2028)
    today = timezone.localdate()
    with transaction.atomic():
        seed_fact_sheet()
        ids = seed_partner_ids()
        conditions = seed_cooperation_conditions(today)
        links = seed_nomination_links()
        applications = seed_applications(rng, today)
        past = seed_past_incoming(rng, today, scale)
        issue_letters()
    if stdout:
        stdout.write(
            f"Incoming: {ids} partner HEI ids, {conditions} cooperation conditions, {links} nomination links, "
            f"{applications} incoming applications, {past} past incoming mobility records."
        )


def academic_year_of(day):
    return day.year if day.month >= 8 else day.year - 1


def seed_fact_sheet():
    sheet = FactSheet.get_solo()
    if sheet.hei_id:
        return sheet
    sheet.hei_id = "stust.edu.tw"
    sheet.head_of_office_en = "Prof. Mei-Ling Chen"
    sheet.head_of_office_zh_hant = "陳美玲"
    sheet.head_of_office_title_en = "Dean of International Affairs"
    sheet.head_of_office_title_zh_hant = "國際長"
    sheet.language_requirements_en = (
        "Courses are taught in Chinese; the International Programme teaches in English. "
        "English B2 (CEFR) for English-taught courses; Chinese B1 (TOCFL level 3) for Chinese-taught courses."
    )
    sheet.language_requirements_zh_hant = "一般課程以中文授課，國際學程以英語授課。英語授課課程需英語 B2（CEFR）；中文授課課程需華語 B1（TOCFL 三級）。"
    sheet.housing_info_en = "Every exchange student can have a room in the international dormitory (about NT$ 12,000 a semester)."
    sheet.housing_info_zh_hant = "每位交換學生皆可申請國際宿舍（每學期約新臺幣 12,000 元）。"
    sheet.visa_info_en = "Students staying more than 90 days apply for a resident visa; we send a visa support letter with the acceptance."
    sheet.visa_info_zh_hant = "停留超過 90 天的學生需申請居留簽證；我們會隨入學許可寄送簽證證明信。"
    sheet.insurance_info_en = "Health and accident insurance for the whole stay is required; join Taiwan's National Health Insurance after six months."
    sheet.insurance_info_zh_hant = "在臺期間須投保健康及意外保險；居留滿六個月後須加入全民健康保險。"
    sheet.academic_calendar_en = "Fall semester: mid-September to mid-January. Spring semester: mid-February to late June."
    sheet.academic_calendar_zh_hant = "秋季學期：9 月中至 1 月中。春季學期：2 月中至 6 月下旬。"
    sheet.contact_email = "incoming@stust.example.edu.tw"
    sheet.contact_phone = "+886 6 253 3131 ext. 2611"
    sheet.housing_url = "https://oia.stust.example.edu.tw/housing"
    sheet.visa_url = "https://oia.stust.example.edu.tw/visa"
    sheet.save()
    return sheet


def seed_partner_ids():
    """The partner's web domain: "https://www.x.example.edu/" gives "x.example.edu"."""
    # One UPDATE in SQL; bulk_update's CASE over every partner took half a minute at ×100.
    without_scheme = Func(F("website"), Value(r"^.*?://www\."), Value(""), function="regexp_replace")
    domain = Func(without_scheme, Value("/"), function="rtrim")
    return PartnerUniversity.objects.filter(hei_id="").exclude(website="").update(hei_id=domain)


def seed_cooperation_conditions(today):
    """Both directions of every student agreement, staff teaching on faculty agreements."""
    if CooperationCondition.objects.exists():
        return 0
    rows, colleges = [], []
    agreements = Agreement.objects.filter(signed_on__isnull=False, starts_on__isnull=False).exclude(
        kind=Agreement.Kind.SISTER_SCHOOL
    )
    current = academic_year_of(today)
    for position, agreement in enumerate(agreements.select_related("partner").order_by("pk")):
        first = academic_year_of(agreement.starts_on)
        last = academic_year_of(agreement.ends_on) if agreement.ends_on else current + 4
        last = max(first, last)
        subject = FIELDS[position % len(FIELDS)][1]
        language = LANGUAGES.get(agreement.partner.country.code, "en")
        if agreement.kind in STUDENT_KINDS:
            for direction, seats, skills in (
                (CooperationCondition.Direction.OUTGOING, agreement.outbound_seats, f"en:B2, {language}:A2" if language != "en" else "en:B2"),
                (CooperationCondition.Direction.INCOMING, agreement.inbound_seats, "en:B2, zh:A2"),
            ):
                rows.append(CooperationCondition(
                    agreement=agreement, direction=direction, mobility_type=CooperationCondition.MobilityType.STUDENT_STUDIES,
                    first_academic_year=first, last_academic_year=last, mobilities_per_year=max(seats, 1),
                    total_months_per_year=max(seats, 1) * 5, subject_areas=[subject] if position % 3 else [],
                    eqf_levels=[6, 7] if agreement.kind == Agreement.Kind.STUDENT_EXCHANGE else [7], language_skills=skills,
                ))
        elif agreement.kind == Agreement.Kind.FACULTY_EXCHANGE:
            for direction in CooperationCondition.Direction.values:
                rows.append(CooperationCondition(
                    agreement=agreement, direction=direction, mobility_type=CooperationCondition.MobilityType.STAFF_TEACHING,
                    first_academic_year=first, last_academic_year=last, mobilities_per_year=2, total_months_per_year=1,
                    language_skills="en:B2",
                ))
        if position % 4 == 1 and agreement.level == Agreement.Level.UNIVERSITY:
            agreement.level = Agreement.Level.COLLEGE
            agreement.owning_unit = "College of Engineering"
            colleges.append(agreement)
    # In bulk, with the edit history save() would have written: row by row was a minute at ×100.
    Agreement.objects.filter(pk__in=[agreement.pk for agreement in colleges]).update(
        level=Agreement.Level.COLLEGE, owning_unit="College of Engineering"
    )
    Agreement.history.bulk_history_create(colleges, update=True, batch_size=2000)
    CooperationCondition.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def student_partners():
    in_force = Agreement.objects.active().filter(kind__in=STUDENT_KINDS, partner__is_published=True)
    return list(PartnerUniversity.objects.filter(pk__in=in_force.values("partner_id")).order_by("name"))


def seed_nomination_links():
    partners = student_partners()[:NOMINATION_LINKS]
    have = set(NominationLink.objects.values_list("partner_id", flat=True))
    new = [NominationLink(partner=partner) for partner in partners if partner.pk not in have]
    NominationLink.objects.bulk_create(new)
    return len(new)


def issue_letters():
    """The accepted students' letters, as acceptance issues them: by a worker (or after the commit
    when no queue is configured). Only those not issued yet, so a second seed adds nothing."""
    from incoming import tasks
    from jobs.queue import defer

    for pk in IncomingApplication.objects.accepted().filter(letter_pdf="").values_list("pk", flat=True):
        defer(tasks.issue_acceptance_letter, application_id=pk)


def seed_applications(rng, today):
    if IncomingApplication.objects.exists():
        return 0
    partners = [link.partner for link in NominationLink.objects.select_related("partner").order_by("partner__name")]
    if not partners:
        return 0
    now = timezone.now()
    year = academic_year_of(today) + 1 if today.month >= 3 else academic_year_of(today)
    seed_departments()
    departments = list(Department.objects.active().exclude(code="OT"))
    created = 0
    number = 0
    for status, count in STAGES:
        for _index in range(count):
            number += 1
            partner = partners[number % len(partners)]
            name = rng.choice(NAMES.get(partner.country.code, NAMES["US"]))
            field, _code = rng.choice(FIELDS)
            nominated_at = now - datetime.timedelta(days=rng.randint(20, 60), hours=number)
            application = IncomingApplication.objects.create(
                partner=partner,
                reference=IncomingReferenceSequence.next_reference(timezone.localtime(nominated_at).year),
                coordinator_name="Exchange Coordinator",
                coordinator_email=partner.international_office_email or "international@partner.example.edu",
                name=name,
                email=f"{name.lower().replace(' ', '.').replace('é', 'e')}.{number}@student.{partner.hei_id or 'partner.example.edu'}",
                study_level=rng.choice(["6", "6", "7"]),
                field_of_study=field,
                academic_year=year,
                term=rng.choice([IncomingApplication.Term.FALL, IncomingApplication.Term.FALL, IncomingApplication.Term.FULL_YEAR]),
                created_at=nominated_at,
            )
            _walk(application, status, nominated_at, rng, departments)
            created += 1
    return created


def _walk(application, final, at, rng, departments):
    """Give the application the history and fields of its stage."""
    steps = {
        S.NOMINATED: [],
        S.SUBMITTED: [S.SUBMITTED],
        S.UNDER_REVIEW: [S.SUBMITTED, S.UNDER_REVIEW],
        S.ACCEPTED: [S.SUBMITTED, S.UNDER_REVIEW, S.ACCEPTED],
        S.REJECTED: [S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED],
        S.WITHDRAWN: [S.WITHDRAWN] if rng.random() < 0.5 else [S.SUBMITTED, S.WITHDRAWN],
    }[final]
    changes = [IncomingStatusChange(application=application, from_status="", to_status=S.NOMINATED, changed_at=at)]
    previous = S.NOMINATED
    for offset, status in enumerate(steps, start=1):
        moment = at + datetime.timedelta(days=3 * offset)
        changes.append(IncomingStatusChange(application=application, from_status=previous, to_status=status, changed_at=moment))
        previous = status
        if status == S.SUBMITTED:
            application.submitted_at = moment
            application.date_of_birth = datetime.date(2003 + rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28))
            application.nationality = application.partner.country
            application.passport_number = f"P{rng.randint(10_000_000, 99_999_999)}"
            application.wanted_department = rng.choice(departments)
            application.housing = rng.choice([IncomingApplication.Housing.DORMITORY, IncomingApplication.Housing.DORMITORY,
                                               IncomingApplication.Housing.HELP])
            application.needs_visa = rng.random() < 0.7
        if status == S.ACCEPTED:
            application.accepted_at = moment
            application.letter_code = new_letter_code()
            department = application.wanted_department.name_en if application.wanted_department else ""
            application.mobility_record = MobilityRecord.objects.create(
                direction=MobilityRecord.Direction.INCOMING, student_name=application.name, department=department,
                partner=application.partner, academic_year=application.academic_year,
            )
    if final == S.ACCEPTED and rng.random() < 0.6:
        application.insurance_provider = "Global Student Insurance"
        application.insurance_policy_number = f"GSI-{rng.randint(100000, 999999)}"
        application.arrival_date = datetime.date(application.academic_year, 9, rng.randint(5, 12))
        application.visa_letter_requested = application.needs_visa
    application.status = final
    application.save()
    IncomingStatusChange.objects.bulk_create(changes)
    if application.submitted_at:
        for kind in (IncomingDocument.Kind.PASSPORT, IncomingDocument.Kind.TRANSCRIPT):
            content = minimal_pdf(f"{application.reference} {kind}")
            IncomingDocument.objects.create(
                application=application, kind=kind, file=ContentFile(content, name=f"{kind}.pdf"), size=len(content),
                uploaded_at=application.submitted_at,
            )


def seed_past_incoming(rng, today, scale):
    """Partners' students who came in past years: fewer than we sent, as at most offices."""
    if MobilityRecord.objects.incoming().filter(incoming_application__isnull=True).exists():
        return 0
    partners = student_partners()
    if not partners:
        return 0
    current = academic_year_of(today)
    years = list(range(current - 8, current + 1))
    seed_departments()
    departments = list(Department.objects.active().exclude(code="OT").values_list("name_en", flat=True))
    records = []
    for _index in range(PAST_INCOMING_RECORDS * scale):
        partner = rng.choice(partners)
        year = rng.choices(years, [4 + index for index in range(len(years))])[0]
        name = rng.choice(NAMES.get(partner.country.code, NAMES["US"]))
        records.append(MobilityRecord(
            direction=MobilityRecord.Direction.INCOMING, student_name=name, department=rng.choice(departments),
            partner=partner, academic_year=year, starts_on=datetime.date(year, 9, 10), ends_on=datetime.date(year + 1, 1, 20),
        ))
    MobilityRecord.objects.bulk_create(records)
    return len(records)
