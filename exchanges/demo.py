"""Demo exchanges: programmes at the demo partners, three calls, applications in every
state and about 500 mobility records over eight academic years.

Called by `manage.py seed_demo` after the partners. Deterministic (fixed random seed,
dates relative to now) and idempotent: what exists (by slug, or a call that already has
applications, or existing mobility records) is left alone.
"""

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.demo import seed_departments
from core.demo_images import minimal_pdf
from core.models import Department
from exchanges import demo_selection
from exchanges.models import (
    Application,
    ApplicationCall,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    CallProgramme,
    ExchangeProgram,
    MobilityRecord,
    ReferenceSequence,
)
from exchanges.models.applications import ALLOWED_TRANSITIONS
from exchanges.services import format_reference
from partners.models import Agreement, PartnerUniversity

K = ExchangeProgram.Kind
L = ExchangeProgram.Language
S = Application.Status

MOBILITY_RECORDS = 500
OPEN_CALL_APPLICATIONS = 48
PAST_CALL_APPLICATIONS = 30

# kind: (English title, Chinese title, terms, level)
PROGRAMME_KINDS = {
    K.SEMESTER: ("Semester exchange at {name}", "{name_zh}學期交換", ExchangeProgram.Term.FALL_OR_SPRING, "undergraduate"),
    K.ACADEMIC_YEAR: ("Academic year at {name}", "{name_zh}一學年交換", ExchangeProgram.Term.FULL_YEAR, "all"),
    K.DUAL_DEGREE: ("Dual master's degree with {name}", "{name_zh}雙聯碩士學位", ExchangeProgram.Term.FULL_YEAR, "graduate"),
    K.SUMMER: ("Summer school in {city}", "{city_zh}暑期研習營", ExchangeProgram.Term.SUMMER, "all"),
    K.INTERNSHIP: ("Overseas internship in {city}", "{city_zh}海外實習", ExchangeProgram.Term.SUMMER, "undergraduate"),
}

LOCAL_LANGUAGE = {"JP": L.JAPANESE, "KR": L.KOREAN, "FR": L.FRENCH, "DE": L.GERMAN, "AT": L.GERMAN, "ES": L.SPANISH,
                  "CN": L.CHINESE, "CH": L.GERMAN}

# Monthly living costs by country, in local currency as students see them.
COSTS = {
    "JP": ("Housing about JPY 40,000 a month; living costs about JPY 60,000.", "住宿每月約 4 萬日圓，生活費約 6 萬日圓。"),
    "KR": ("Dormitory about KRW 400,000 a month; living costs about KRW 600,000.", "宿舍每月約 40 萬韓圓，生活費約 60 萬韓圓。"),
    "US": ("Housing about USD 900 a month; health insurance required.", "住宿每月約 900 美元，須投保當地健康保險。"),
    "CN": ("Dormitory about CNY 1,200 a month; living costs about CNY 2,000.", "宿舍每月約 1,200 人民幣，生活費約 2,000 人民幣。"),
}
DEFAULT_COSTS = ("Housing and living costs about EUR 800 a month.", "住宿及生活費每月約 800 歐元。")

SURNAMES = [("Chen", "陳"), ("Lin", "林"), ("Huang", "黃"), ("Chang", "張"), ("Lee", "李"), ("Wang", "王"),
            ("Wu", "吳"), ("Liu", "劉"), ("Tsai", "蔡"), ("Yang", "楊"), ("Hsu", "許"), ("Cheng", "鄭"),
            ("Hsieh", "謝"), ("Kuo", "郭"), ("Hung", "洪"), ("Tseng", "曾"), ("Chiu", "邱"), ("Liao", "廖")]
GIVEN_NAMES = [("Yu-Ting", "宇婷"), ("Chia-Hao", "家豪"), ("Yi-Chen", "怡臻"), ("Po-Han", "柏翰"), ("Hsin-Yi", "欣怡"),
               ("Chih-Wei", "志偉"), ("Pei-Shan", "佩珊"), ("Wei-Lun", "威倫"), ("Ya-Wen", "雅雯"),
               ("Tsung-Han", "宗翰"), ("Jun-Jie", "俊傑"), ("Yi-Hsuan", "怡萱"), ("Kuan-Yu", "冠宇"),
               ("Hui-Chun", "惠君"), ("Cheng-En", "承恩"), ("Shih-Ting", "詩婷")]

STATEMENTS = [
    ("I want to study {subject} in an international classroom and bring back project experience to my department.",
     "zh-hant"),
    ("This programme fits my interest in {subject}; I plan to take its courses and join a research lab.", "en"),
]
LANGUAGE_SCORES = [("toefl-ibt", "85"), ("toefl-ibt", "92"), ("ielts", "6.5"), ("ielts", "6.0"), ("toeic", "785"),
                   ("toeic", "850"), ("jlpt", "N2"), ("topik", "4")]
SUBJECTS = ["semiconductor design", "digital marketing", "product design", "tourism management", "AI applications"]

# The status an open-call application ends in, and how many of each (times scale).
OPEN_CALL_MIX = [(S.SUBMITTED, 16), (S.UNDER_REVIEW, 12), (S.NOMINATED, 8), (S.ACCEPTED, 4), (S.DECLINED, 4),
                 (S.WITHDRAWN, 4)]
PAST_CALL_MIX = [(S.ACCEPTED, 16), (S.DECLINED, 8), (S.WITHDRAWN, 6)]

# The path from "submitted" to each final status.
PATHS = {
    S.SUBMITTED: [],
    S.UNDER_REVIEW: [S.UNDER_REVIEW],
    S.NOMINATED: [S.UNDER_REVIEW, S.NOMINATED],
    S.ACCEPTED: [S.UNDER_REVIEW, S.NOMINATED, S.ACCEPTED],
    S.DECLINED: [S.UNDER_REVIEW, S.DECLINED],
    S.WITHDRAWN: [S.WITHDRAWN],
}
NOTES = {
    S.UNDER_REVIEW: "The committee is reviewing your documents. 審查委員會正在審閱您的資料。",
    S.NOMINATED: "You have been nominated to the partner. 您已獲推薦至姊妹校。",
    S.ACCEPTED: "The partner has accepted you. Congratulations! 姊妹校已錄取您，恭喜！",
    S.DECLINED: "We could not nominate you this round. 很抱歉，本次未能推薦您。",
}


def seed(scale=1, stdout=None, draw_images=True):
    rng = random.Random(2027)
    now = timezone.now()
    with transaction.atomic():
        programmes = seed_programmes(rng)
        calls = seed_calls(now, programmes, rng)
        created = seed_applications(calls["open"], OPEN_CALL_MIX, scale, rng, now)
        created += seed_applications(calls["past"], PAST_CALL_MIX, scale, rng, calls["past"].closes_at)
        records = seed_mobility_records(programmes, scale, rng, now)
        records += record_past_call_mobility(calls["past"])
    demo_selection.seed_stages(seed_applications, now, stdout=stdout)
    if stdout:
        stdout.write(
            f"Exchanges: {len(programmes)} programmes, {created} new applications, {records} new mobility records."
        )


def _kinds_for(position):
    """Every partner has a semester exchange; some also the other kinds."""
    kinds = [K.SEMESTER]
    if position % 3 == 0:
        kinds.append(K.ACADEMIC_YEAR)
    if position % 7 == 2:
        kinds.append(K.DUAL_DEGREE)
    if position % 4 == 1:
        kinds.append(K.SUMMER)
    if position % 9 == 4:
        kinds.append(K.INTERNSHIP)
    return kinds


def seed_programmes(rng):
    partners = list(PartnerUniversity.objects.order_by("slug"))
    existing = {programme.slug: programme for programme in ExchangeProgram.objects.all()}
    agreements = {}
    for agreement in Agreement.objects.filter(kind__in=[Agreement.Kind.STUDENT_EXCHANGE, Agreement.Kind.DUAL_DEGREE]):
        agreements.setdefault((agreement.partner_id, agreement.kind), agreement)
    new = []
    for position, partner in enumerate(partners):
        country = str(partner.country)
        for kind in _kinds_for(position):
            slug = f"{partner.slug}-{kind}"[:200]
            if slug in existing:
                continue
            title_en, title_zh, terms, level = PROGRAMME_KINDS[kind]
            names = {"name": partner.name_en, "name_zh": partner.name_zh_hant or partner.name_en,
                     "city": partner.city_en or partner.name_en, "city_zh": partner.city_zh_hant or partner.city_en}
            local = LOCAL_LANGUAGE.get(country)
            language = local if local and (kind == K.SUMMER or position % 2 == 0) else L.ENGLISH
            costs_en, costs_zh = COSTS.get(country, DEFAULT_COSTS)
            agreement_kind = Agreement.Kind.DUAL_DEGREE if kind == K.DUAL_DEGREE else Agreement.Kind.STUDENT_EXCHANGE
            new.append(
                ExchangeProgram(
                    partner=partner,
                    agreement=agreements.get((partner.pk, agreement_kind)),
                    slug=slug,
                    title_en=title_en.format(**names),
                    title_zh_hant=title_zh.format(**names),
                    kind=kind,
                    level=level,
                    language=language,
                    terms=terms,
                    language_requirement_en=partner.language_requirements_en,
                    language_requirement_zh_hant=partner.language_requirements_zh_hant,
                    min_gpa=rng.choice([None, None, Decimal("2.50"), Decimal("2.80"), Decimal("3.00"), Decimal("3.20")]),
                    seats=rng.choice([1, 2, 2, 3, 4]) if kind != K.SUMMER else rng.choice([5, 10]),
                    tuition_waiver=kind not in (K.SUMMER, K.DUAL_DEGREE),
                    costs_en=costs_en,
                    costs_zh_hant=costs_zh,
                    description_en=(
                        f"Our students spend {'a summer' if terms == ExchangeProgram.Term.SUMMER else 'a term or more'} "
                        f"at {partner.name_en}, take courses with local and international students and transfer "
                        "the credits home."
                    ),
                    description_zh_hant=f"本校學生赴{partner.name_zh_hant}修課，與當地及國際學生同堂學習，學分可回校抵免。",
                    is_published=partner.is_published and position % 25 != 24,
                )
            )
    ExchangeProgram.objects.bulk_create(new)
    return list(ExchangeProgram.objects.select_related("partner").order_by("slug"))


def seed_calls(now, programmes, rng):
    local = timezone.localtime(now)
    year = local.year + 1
    specs = {
        "past": (f"outbound-exchange-{year - 2}", f"{year - 2}–{str(year - 1)[2:]} outbound exchange",
                 f"{year - 2}–{str(year - 1)[2:]} 學年度出國交換學生甄選", now - datetime.timedelta(days=430),
                 now - datetime.timedelta(days=390), year - 2),
        "open": (f"outbound-exchange-{year}", f"{year}–{str(year + 1)[2:]} outbound exchange",
                 f"{year}–{str(year + 1)[2:]} 學年度出國交換學生甄選", now - datetime.timedelta(days=12),
                 now + datetime.timedelta(days=23), year),
        "summer": (f"summer-programmes-{year}", f"Summer {year} short-term programmes", f"{year} 年暑期短期研習甄選",
                   now + datetime.timedelta(days=60), now + datetime.timedelta(days=95), year),
    }
    calls = {}
    for key, (slug, title_en, title_zh, opens_at, closes_at, academic_year) in specs.items():
        call, created = ApplicationCall.objects.get_or_create(
            slug=slug,
            defaults={
                "title_en": title_en, "title_zh_hant": title_zh, "opens_at": opens_at, "closes_at": closes_at,
                "academic_year": academic_year,
                "description_en": "Choose up to three programmes. Nominations are announced after the review.",
                "description_zh_hant": "可選填三個志願，審查後公告推薦名單。",
            },
        )
        calls[key] = call
        if created:
            if key == "summer":
                offered = [p for p in programmes if p.kind in (K.SUMMER, K.INTERNSHIP)]
            else:
                offered = [p for p in programmes if p.kind not in (K.SUMMER, K.INTERNSHIP)]
                offered = [p for p in offered if rng.random() < (0.85 if key == "open" else 0.5)]
            CallProgramme.objects.bulk_create(
                CallProgramme(call=call, programme=p, seats=p.seats) for p in offered
            )
    return calls


def seed_applications(call, mix, scale, rng, at):
    if call.applications.exists():
        return 0
    offers = {offer.programme_id: offer for offer in call.offers.select_related("programme")}
    published = [offer.programme for offer in offers.values() if offer.programme.is_published]
    if len(published) < 3:
        return 0
    used = {}
    seed_departments()
    departments = list(Department.objects.active().exclude(code="OT").values_list("code", flat=True))
    number = 0
    # Rows are made in memory and written in bulk: one by one, a hundred times the
    # demo took most of the seeding time.
    pending = []
    for final_status, count in mix:
        for _index in range(count * scale):
            number += 1
            surname, surname_zh = rng.choice(SURNAMES)
            given, given_zh = rng.choice(GIVEN_NAMES)
            department = rng.choice(departments)
            submitted_at = min(call.opens_at + datetime.timedelta(hours=rng.randint(2, 240)), at)
            year = timezone.localtime(submitted_at).year
            statement, language = rng.choice(STATEMENTS)
            test, score = rng.choice(LANGUAGE_SCORES)
            student_id = f"4{department[0]}{str(call.academic_year or year)[2:]}{number:04d}"
            choices = rng.sample(published, 3)
            target = final_status
            nominated = None
            if final_status in Application.SEAT_HOLDING:
                nominated = next(
                    (p for p in choices if used.get(p.pk, 0) < offers[p.pk].seats), None
                )
                if nominated is None:
                    target = S.UNDER_REVIEW
                else:
                    used[nominated.pk] = used.get(nominated.pk, 0) + 1
            application = Application(
                call=call,
                reference=format_reference(year, ReferenceSequence.next_number(year)),
                name_en=f"{surname} {given}",
                name_zh=f"{surname_zh}{given_zh}",
                student_id=student_id,
                email=f"{student_id.lower()}@stust.example.edu.tw",
                department_id=department,
                year_of_study=rng.choice([2, 2, 3, 3, 5]),
                gpa=Decimal(rng.randint(260, 420)) / 100,
                language_test=test,
                language_score=score,
                statement=statement.format(subject=rng.choice(SUBJECTS)),
                language=language,
                status=target,
                nominated_programme=nominated,
                created_at=submitted_at,
            )
            pending.append((application, choices, target, submitted_at))
    Application.objects.bulk_create([row[0] for row in pending], batch_size=1000)
    ApplicationChoice.objects.bulk_create(
        [
            ApplicationChoice(application=application, rank=rank, programme=programme)
            for application, choices, _target, _submitted in pending
            for rank, programme in enumerate(choices, start=1)
        ],
        batch_size=2000,
    )
    ApplicationStatusChange.objects.bulk_create(
        [change for application, _c, target, submitted in pending for change in _history(application, target, submitted, at)],
        batch_size=2000,
    )
    ApplicationDocument.objects.bulk_create(
        [document for application, _c, _t, submitted in pending for document in _documents(application, submitted)],
        batch_size=2000,
    )
    return number


def _history(application, final_status, submitted_at, until):
    changes = [ApplicationStatusChange(application=application, from_status="", to_status=S.SUBMITTED,
                                       changed_at=submitted_at)]
    previous, moment = S.SUBMITTED, submitted_at
    step = max((until - submitted_at) / 5, datetime.timedelta(minutes=5))
    for status in PATHS[final_status]:
        assert status in ALLOWED_TRANSITIONS[previous]
        moment = min(moment + step, until)
        changes.append(ApplicationStatusChange(application=application, from_status=previous, to_status=status,
                                               changed_at=moment, note=NOTES.get(status, "")))
        previous = status
    return changes


def _documents(application, uploaded_at):
    documents = []
    for kind, title in [(ApplicationDocument.Kind.TRANSCRIPT, "Transcript"),
                        (ApplicationDocument.Kind.LANGUAGE_CERTIFICATE, "Language certificate")]:
        data = minimal_pdf(f"{title} of {application.name_en} ({application.reference}) - demo")
        document = ApplicationDocument(
            application=application, kind=kind, content_type="application/pdf", size=len(data), uploaded_at=uploaded_at,
        )
        # Written to storage here; the row is saved in bulk by the caller.
        document.file.save("demo.pdf", ContentFile(data), save=False)
        documents.append(document)
    return documents


def record_past_call_mobility(call):
    """The past call's accepted students went abroad: their records link back to the application."""
    accepted = call.applications.filter(status=S.ACCEPTED, mobility_record__isnull=True).select_related(
        "nominated_programme"
    )
    records = [
        MobilityRecord(
            application=application, student_name=application.name_en,
            department=application.get_department_display_en(),
            partner_id=application.nominated_programme.partner_id, programme=application.nominated_programme,
            academic_year=call.year_abroad(),
        )
        for application in accepted
    ]
    MobilityRecord.objects.bulk_create(records)
    return len(records)


def _academic_year_now(now):
    local = timezone.localtime(now)
    return local.year if local.month >= 8 else local.year - 1


def seed_mobility_records(programmes, scale, rng, now):
    """About 500 students abroad over the past eight academic years, growing year on year."""
    if MobilityRecord.objects.outgoing().filter(application__isnull=True).exists():
        return 0
    went = [p for p in programmes if p.kind != K.INTERNSHIP] or programmes
    if not went:
        return 0
    current = _academic_year_now(now)
    years = list(range(current - 8, current))
    weights = [6 + index for index in range(len(years))]  # a few more each year
    seed_departments()
    departments = list(Department.objects.active().exclude(code="OT").values_list("name_en", flat=True))
    records = []
    for _index in range(MOBILITY_RECORDS * scale):
        programme = rng.choice(went)
        year = rng.choices(years, weights)[0]
        surname, _zh = rng.choice(SURNAMES)
        given, _zh = rng.choice(GIVEN_NAMES)
        if programme.terms == ExchangeProgram.Term.SUMMER:
            starts, ends = datetime.date(year + 1, 7, 1), datetime.date(year + 1, 8, 15)
        elif programme.terms == ExchangeProgram.Term.FULL_YEAR:
            starts, ends = datetime.date(year, 9, 1), datetime.date(year + 1, 6, 30)
        elif rng.random() < 0.5:
            starts, ends = datetime.date(year, 9, 1), datetime.date(year + 1, 1, 31)
        else:
            starts, ends = datetime.date(year + 1, 2, 15), datetime.date(year + 1, 6, 30)
        records.append(MobilityRecord(
            student_name=f"{surname} {given}", department=rng.choice(departments), partner_id=programme.partner_id,
            programme=programme, academic_year=year, starts_on=starts, ends_on=ends,
        ))
    MobilityRecord.objects.bulk_create(records)
    return len(records)
