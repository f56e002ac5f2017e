"""Demo calls at each stage of the selection, so every screen can be seen on the demo:

- scored: closed last week, interviews entered, scores computed, placement not confirmed;
- placed: placement confirmed, results published;
- nominated: nominations sent to the partners weeks ago, host decisions mixed (some partners
  overdue), the accepted students' pre-departure checklists half done.

The students are told nothing (their addresses are fictional). The nominations to the partners
go through the outbox like real ones, so the outbox shows them with their CSV; without a worker
they are "delivered" to an in-memory mailbox. Idempotent: a stage call that already has
applications is left alone.
"""

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from exchanges import nominations, placement, services
from exchanges.models import (
    Application,
    ApplicationCall,
    CallProgramme,
    CriterionScore,
    ExchangeProgram,
    Nomination,
    ScoringCriterion,
)
from partners.models import PartnerContact, PartnerUniversity

S = Application.Status
K = ExchangeProgram.Kind
APPLICANTS = 70
PROGRAMMES = 26
# In-process delivery (no worker) reaches nobody.
QUIET = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")


def seed_stages(seed_applications, now, stdout=None):
    rng = random.Random(14)
    _fact_sheets(rng)
    year = timezone.localtime(now).year + 1
    specs = [
        ("scored", f"spring-exchange-{year}", f"Spring {year} semester exchange", f"{year} 春季班出國交換甄選", 40, 6),
        ("placed", f"second-round-exchange-{year}", f"{year}–{str(year + 1)[2:]} outbound exchange, second round",
         f"{year}–{str(year + 1)[2:]} 學年度出國交換第二梯次甄選", 60, 25),
        ("nominated", f"early-exchange-{year}", f"{year} early-round outbound exchange", f"{year} 年出國交換提前甄選",
         150, 110),
    ]
    summary = []
    with QUIET, transaction.atomic():
        for stage, slug, title_en, title_zh, opened_days, closed_days in specs:
            call, created = ApplicationCall.objects.get_or_create(
                slug=slug,
                defaults={
                    "title_en": title_en, "title_zh_hant": title_zh, "academic_year": year,
                    "opens_at": now - datetime.timedelta(days=opened_days),
                    "closes_at": now - datetime.timedelta(days=closed_days),
                    "description_en": "Choose up to three programmes. Seats are placed by score; results are "
                                      "published by reference number.",
                    "description_zh_hant": "可選填三個志願，依總分分發名額，以申請編號公告結果。",
                },
            )
            if not created or call.applications.exists():
                continue
            _offer_programmes(call, rng)
            ScoringCriterion.objects.create(call=call, name="Study plan", weight=10)
            # The same 70 applicants at every scale: a selection round does not grow with the number of
            # partners, and ×100 stays near issue 17's 8,000 applications (7,000 per call were not).
            seed_applications(call, [(S.SUBMITTED, APPLICANTS)], 1, rng, call.closes_at)
            _score(call, rng)
            if stage in ("placed", "nominated"):
                confirmed_at = call.closes_at + datetime.timedelta(days=7)
                result = placement.confirm_placement(call, at=confirmed_at, notify=False)
                call.results_published_at = confirmed_at + datetime.timedelta(days=1)
                call.save(update_fields=["results_published_at"])
                summary.append(
                    f"{call.slug}: {len(result.placed)} placed ({result.first_choice_count} on their first choice), "
                    f"{result.waiting_count} waiting"
                )
            if stage == "nominated":
                _nominate_and_decide(call, rng, sent_at=call.closes_at + datetime.timedelta(days=14), now=now)
                _checklists_half_done(call, rng, now)
    if stdout and summary:
        stdout.write("Selection: " + "; ".join(summary) + ".")


def _fact_sheets(rng):
    """Partners state how many weeks they take to decide; one contact receives nominations."""
    # One UPDATE per value, not save() per partner: each save re-derived the partner's and its
    # programmes' search words, 60% of seeding at ten times the demo.
    weeks = {}
    for pk in PartnerUniversity.objects.filter(decision_weeks__isnull=True).order_by("pk").values_list("pk", flat=True):
        weeks.setdefault(rng.choice([4, 6, 8, 10, 12]), []).append(pk)
    for value, pks in weeks.items():
        PartnerUniversity.objects.filter(pk__in=pks).update(decision_weeks=value)
    with_contact = PartnerContact.objects.filter(receives_nominations=True).values("partner")
    first_contacts = (
        PartnerContact.objects.exclude(partner__in=with_contact).exclude(email="").order_by("partner_id", "pk")
        .distinct("partner_id")
    )
    PartnerContact.objects.filter(pk__in=[c.pk for c in first_contacts]).update(receives_nominations=True)


def _offer_programmes(call, rng):
    candidates = list(
        ExchangeProgram.objects.published().filter(kind__in=[K.SEMESTER, K.ACADEMIC_YEAR, K.DUAL_DEGREE]).order_by("slug")
    )
    chosen = rng.sample(candidates, min(PROGRAMMES, len(candidates)))
    for programme in chosen[::3]:
        # Some programmes ask for a language result: B1 (55) or B2 (70) on the office's scale.
        if programme.min_language_points is None:
            programme.min_language_points = rng.choice([55, 70])
            programme.save(update_fields=["min_language_points"])
    CallProgramme.objects.bulk_create(CallProgramme(call=call, programme=p, seats=min(p.seats, 3)) for p in chosen)


def _score(call, rng):
    criterion = call.criteria.get()
    applications = list(call.applications.all())
    for application in applications:
        application.interview_score = Decimal(rng.randint(55, 98))
    Application.objects.bulk_update(applications, ["interview_score"])
    CriterionScore.objects.bulk_create(
        CriterionScore(application=application, criterion=criterion, points=Decimal(rng.randint(50, 100)))
        for application in applications
    )
    placement.rescore(call)


CHECKLIST = [
    ("document", "Parental consent", "家長同意書", "Signed by a parent or guardian.", "由家長或監護人簽名。", 20),
    ("document", "Insurance certificate", "保險證明", "Travel and medical insurance for the whole stay.",
     "涵蓋全程的旅遊平安與醫療保險。", 30),
    ("document", "Visa", "簽證", "A copy of the visa page.", "簽證頁影本。", 45),
    ("document", "Flight itinerary", "機票行程", "", "", 50),
    ("fact", "Emergency contact", "緊急聯絡人", "Name, relationship and phone number.", "姓名、關係與電話。", 20),
    ("fact", "Address abroad", "國外住址", "Where you will live at the partner.", "在姊妹校期間的住址。", 50),
    ("session", "Pre-departure briefing", "行前說明會", "International Conference Hall, 14:00.",
     "國際會議廳，下午 2 點。", 25),
]


def _checklists_half_done(call, rng, now):
    """The call's checklist, and the accepted students about half way through it."""
    from core.demo_images import minimal_pdf
    from exchanges import checklists
    from exchanges.models import ChecklistItem

    today = timezone.localdate(now)
    items = [
        ChecklistItem.objects.create(
            call=call, kind=kind, title_en=title_en, title_zh_hant=title_zh, instructions_en=help_en,
            instructions_zh_hant=help_zh, due_on=today + datetime.timedelta(days=days - 22), position=position,
        )
        for position, (kind, title_en, title_zh, help_en, help_zh, days) in enumerate(CHECKLIST)
    ]
    staff = None
    accepted = list(call.applications.filter(status=S.ACCEPTED).order_by("reference"))
    for number, application in enumerate(accepted):
        # The first two have done everything (and so have a mobility record); the others about half.
        done = items if number < 2 else [item for item in items if rng.random() < 0.5]
        for item in done:
            if item.kind == "document":
                upload = ContentFile(minimal_pdf(f"{item.title_en} of {application.reference} - demo"), name="doc.pdf")
                upload.content_type = "application/pdf"
                checklists.answer(application, item, document=upload)
            elif item.kind == "fact":
                checklists.answer(application, item, text=f"{item.title_en}: demo answer of {application.reference}")
            elif staff := staff or _demo_staff():
                checklists.answer(application, item, by=staff)


def _demo_staff():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first() or get_user_model().objects.first()


def _nominate_and_decide(call, rng, sent_at, now):
    for partner in nominations.partners_to_send(call):
        try:
            nominations.send_nominations(call, partner, at=sent_at)
        except nominations.NominationError:
            continue  # a partner without any contact: the dashboard shows it unsent
    nominated = list(Nomination.objects.filter(call=call).select_related("application").order_by("pk"))
    for position, nomination in enumerate(nominated):
        # Mixed answers: most accepted, some rejected (their seats go to the waiting list), some still awaited.
        kind = position % 10
        if kind < 6:
            decision = Nomination.Decision.ACCEPTED
        elif kind < 8:
            decision = Nomination.Decision.REJECTED
        else:
            continue
        decided_at = sent_at + datetime.timedelta(days=rng.randint(10, 40))
        letter = None
        if decision == Nomination.Decision.ACCEPTED:
            from core.demo_images import minimal_pdf

            text = f"Letter of acceptance for {nomination.application.reference} - demo"
            letter = ContentFile(minimal_pdf(text), name="acceptance.pdf")
        services.record_host_decision(nomination, decision, letter=letter, at=min(decided_at, now), notify=False)
