"""Scoring and placement of a call's applicants within the seats of its programmes.

The rule: applicants in score order each get their highest-ranked choice that still has
a free seat and whose requirements they meet; pinned applicants take their seat first,
excluded ones take none; everyone else waits on each choice whose requirements they
meet. `compute_placement` reads everything in a fixed number of queries and saves
nothing: it is the coordinator's preview. `confirm_placement` turns it into
nominations and waiting lists, once per call. `promote_from_waiting_list` gives a freed
seat to the next applicant waiting for it.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from exchanges import nominations
from exchanges.models import (
    Application,
    ApplicationCall,
    ApplicationChoice,
    ApplicationStatusChange,
    CallProgramme,
    CriterionScore,
    LanguageScoreBand,
    Nomination,
    PlacementOverride,
    WaitingListEntry,
)
from exchanges.models.selection import TEST_LANGUAGE
from outbox.mail import absolute_url, send_templated_mail, send_templated_mails

S = Application.Status
# Applicants the placement considers: neither decided nor holding a seat yet.
POOL = (S.SUBMITTED, S.UNDER_REVIEW)
CENT = Decimal("0.01")

# Notes in the applicant's timeline, translated into the language they applied in.
PLACED_NOTE = gettext_noop("Placed by score: %(programme)s.")
PROMOTED_NOTE = gettext_noop("A seat of %(programme)s became free and you were next on its waiting list.")
MOVED_UP_NOTE = gettext_noop("You move up from %(programme)s, which you ranked lower; that seat goes to the next applicant.")

TIE_BREAK_RULE = _(
    "Equal scores are ordered by the higher GPA, then the higher language points, then the earlier "
    "submission, then the reference number."
)


class PlacementError(ValidationError):
    pass


@dataclass
class Candidate:
    application: Application
    language_points: Decimal
    score: Decimal
    choices: list  # programme ids, first choice first

    @property
    def sort_key(self):
        a = self.application
        # TIE_BREAK_RULE, in code.
        return (-self.score, -a.gpa, -self.language_points, a.created_at, a.reference)


@dataclass
class ProgrammeResult:
    offer: CallProgramme
    free_seats: int
    placed: list = field(default_factory=list)  # (candidate, rank or None when pinned)
    waiting: list = field(default_factory=list)

    @property
    def programme(self):
        return self.offer.programme


@dataclass
class Placement:
    call: ApplicationCall
    candidates: list
    programmes: dict  # programme id -> ProgrammeResult, in title order
    placed: dict  # application id -> (programme id, rank or None)
    excluded: list
    unplaceable: list  # meet no choice's requirements
    pinned: set

    @property
    def waiting_count(self):
        """Applicants with no seat who wait on at least one list (the placed who wait to move up are not counted)."""
        waiting = {c.application.pk for result in self.programmes.values() for c in result.waiting}
        return len(waiting - set(self.placed))

    @property
    def first_choice_count(self):
        return sum(1 for _programme, rank in self.placed.values() if rank == 1)

    def first_choice_rate(self):
        return (self.first_choice_count / len(self.placed)) if self.placed else 0.0

    def digest(self):
        """A fingerprint of the outcome, so a confirmation applies exactly what was previewed."""
        text = ";".join(f"{pk}:{programme}" for pk, (programme, _rank) in sorted(self.placed.items()))
        text += "|" + ";".join(
            f"{pk}:" + ",".join(str(c.application.pk) for c in result.waiting)
            for pk, result in sorted(self.programmes.items())
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def outcome_of(self, application_pk):
        return self.placed.get(application_pk)


def gpa_points(gpa):
    return Decimal(gpa) * 100 / settings.GPA_SCALE


def compute_score(call, application, language_points, criteria, criterion_points):
    """The weighted average of the components on a 0–100 scale; a missing component counts 0."""
    components = [
        (call.weight_gpa, gpa_points(application.gpa)),
        (call.weight_language, language_points),
        (call.weight_interview, application.interview_score or Decimal(0)),
    ]
    components += [(criterion.weight, criterion_points.get(criterion.pk, Decimal(0))) for criterion in criteria]
    total_weight = sum(weight for weight, _value in components)
    if not total_weight:
        return Decimal(0).quantize(CENT)
    return (sum(weight * Decimal(value) for weight, value in components) / total_weight).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def meets_requirements(candidate, programme):
    application = candidate.application
    if programme.min_gpa is not None and application.gpa < programme.min_gpa:
        return False
    if programme.min_language_points is not None:
        if candidate.language_points < programme.min_language_points:
            return False
        certified = TEST_LANGUAGE.get(application.language_test)
        if certified is not None and certified != programme.language:
            return False
    return True


# What the placement, its confirmation and its e-mails read of an application (not the statement).
CANDIDATE_FIELDS = (
    "call_id",
    "reference",
    "token",
    "name_en",
    "name_zh",
    "email",
    "language",
    "gpa",
    "language_test",
    "language_score",
    "interview_score",
    "score",
    "status",
    "nominated_programme_id",
    "created_at",
    "updated_at",
)
PROGRAMME_FIELDS = [
    f"programme__{name}"
    for name in (
        "title",
        "title_en",
        "title_zh_hant",
        "slug",
        "partner_id",
        "min_gpa",
        "min_language_points",
        "language",
    )
] + [f"programme__partner__{name}" for name in ("name", "name_en", "name_zh_hant", "slug")]


def load_candidates(call, applications=None, scale=None):
    """Score the call's pool (or the applications of the queryset given), first in score order.

    Choices and criterion scores come as plain values in one query each: the pool may hold
    hundreds of applicants, and the preview must stay well under a second.
    """
    scale = scale or LanguageScoreBand.objects.scale()
    criteria = list(call.criteria.all())
    if applications is None:
        applications = Application.objects.filter(call=call, status__in=POOL)
    rows = list(applications.only(*CANDIDATE_FIELDS).order_by("pk"))
    selected = applications.values("pk")
    choices, points = {}, {}
    for application_id, programme_id in (
        ApplicationChoice.objects.filter(application__in=selected)
        .order_by("application_id", "rank")
        .values_list("application_id", "programme_id")
    ):
        choices.setdefault(application_id, []).append(programme_id)
    for application_id, criterion_id, value in CriterionScore.objects.filter(application__in=selected).values_list(
        "application_id", "criterion_id", "points"
    ):
        points.setdefault(application_id, {})[criterion_id] = value
    candidates = []
    for application in rows:
        language_points = scale.points(application.language_test, application.language_score)
        candidates.append(
            Candidate(
                application=application,
                language_points=language_points,
                score=compute_score(call, application, language_points, criteria, points.get(application.pk, {})),
                choices=choices.get(application.pk, []),
            )
        )
    candidates.sort(key=lambda c: c.sort_key)
    return candidates


def rescore(call, applications=None):
    """Store the score of the call's applications (or of those given) after an input changed."""
    queryset = Application.objects.filter(call=call) if applications is None else applications
    candidates = load_candidates(call, queryset)
    for candidate in candidates:
        candidate.application.score = candidate.score
    Application.objects.bulk_update([c.application for c in candidates], ["score"], batch_size=500)
    return candidates


def compute_placement(call):
    """The placement the rule gives now, with the coordinator's pins and exclusions. Saves nothing."""
    candidates = load_candidates(call)
    offers = list(
        CallProgramme.objects.filter(call=call)
        .select_related("programme__partner")
        .only("call_id", "programme_id", "seats", *PROGRAMME_FIELDS)
        .with_seats_claimed()
        .order_by("programme__title", "pk")
    )
    overrides = {o.application_id: o for o in PlacementOverride.objects.filter(call=call)}
    programmes = {
        offer.programme_id: ProgrammeResult(offer=offer, free_seats=max(offer.seats - offer.seats_claimed, 0))
        for offer in offers
    }
    return place(call, candidates, programmes, overrides)


def place(call, candidates, programmes, overrides):
    """The rule itself, on what compute_placement loaded (pure: no queries)."""
    free = {pk: result.free_seats for pk, result in programmes.items()}
    placed, excluded, unplaceable, pinned = {}, [], [], set()
    for candidate in candidates:
        override = overrides.get(candidate.application.pk)
        if override is None:
            continue
        if override.kind == PlacementOverride.Kind.EXCLUDE:
            excluded.append(candidate)
        elif override.programme_id in programmes:
            # A pin is the coordinator's decision: it takes a seat before anyone else, requirements or not.
            pinned.add(candidate.application.pk)
            rank = next((i for i, pk in enumerate(candidate.choices, 1) if pk == override.programme_id), None)
            placed[candidate.application.pk] = (override.programme_id, rank)
            programmes[override.programme_id].placed.append((candidate, rank))
            free[override.programme_id] -= 1
    skip = pinned | {c.application.pk for c in excluded}
    for candidate in candidates:
        if candidate.application.pk in skip:
            continue
        for rank, programme_pk in enumerate(candidate.choices, start=1):
            result = programmes.get(programme_pk)
            if result and free[programme_pk] > 0 and meets_requirements(candidate, result.programme):
                free[programme_pk] -= 1
                placed[candidate.application.pk] = (programme_pk, rank)
                result.placed.append((candidate, rank))
                break
    # The waiting lists, in score order: an applicant without a seat waits on every choice whose
    # requirements they meet; one placed below their first choice waits on the choices they ranked
    # higher, and moves up if a seat there frees (their seat then goes to the next on its list).
    for candidate in candidates:
        if candidate.application.pk in skip:
            continue
        outcome = placed.get(candidate.application.pk)
        wanted = candidate.choices if outcome is None else candidate.choices[: outcome[1] - 1]
        eligible = [
            programmes[pk] for pk in wanted if pk in programmes and meets_requirements(candidate, programmes[pk].programme)
        ]
        for result in eligible:
            result.waiting.append(candidate)
        if outcome is None and not eligible:
            unplaceable.append(candidate)
    return Placement(
        call=call,
        candidates=candidates,
        programmes=programmes,
        placed=placed,
        excluded=excluded,
        unplaceable=unplaceable,
        pinned=pinned,
    )


def set_override(call, application, kind, programme=None, by=None):
    """Pin an applicant to one of their choices, or exclude them; kind None removes the override."""
    if call.placement_confirmed_at:
        raise PlacementError(_("The placement of this call is confirmed; it can no longer change."), code="confirmed")
    if application.call_id != call.pk or application.status not in POOL:
        raise PlacementError(
            _("%(reference)s is not waiting for placement in this call.") % {"reference": application.reference},
            code="not_in_pool",
        )
    with transaction.atomic():
        PlacementOverride.objects.filter(application=application).delete()
        if kind is None:
            return None
        offered = programme is not None and CallProgramme.objects.filter(call=call, programme=programme).exists()
        if kind == PlacementOverride.Kind.PIN and not offered:
            raise PlacementError(_("Choose a programme this call offers."), code="not_offered")
        return PlacementOverride.objects.create(
            call=call, application=application, kind=kind, programme=programme if kind == "pin" else None, created_by=by
        )


def _history_to(application, to_status, at, by, note):
    """The status changes that move an application from its status to `to_status` along allowed steps."""
    changes = []
    if application.status == S.SUBMITTED and to_status != S.UNDER_REVIEW:
        changes.append(
            ApplicationStatusChange(
                application=application, from_status=S.SUBMITTED, to_status=S.UNDER_REVIEW, changed_by=by, changed_at=at
            )
        )
        application.status = S.UNDER_REVIEW
    if application.status != to_status:
        changes.append(
            ApplicationStatusChange(
                application=application,
                from_status=application.status,
                to_status=to_status,
                changed_by=by,
                changed_at=at,
                note=note,
            )
        )
        application.status = to_status
    return changes


def _note(language, text, **values):
    with translation.override(language):
        return gettext(text) % values


def confirm_placement(call, by=None, expected_digest=None, at=None, notify=True):
    """Nominate the placed applicants and write the waiting lists, once per call.

    The call's row is locked first: a second coordinator confirming at the same moment waits,
    then finds the placement confirmed and changes nothing.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = ApplicationCall.objects.select_for_update().get(pk=call.pk)
        if locked.placement_confirmed_at is not None:
            raise PlacementError(
                _("The placement of this call was already confirmed on %(when)s.")
                % {"when": timezone.localtime(locked.placement_confirmed_at).strftime("%Y-%m-%d %H:%M")},
                code="already_confirmed",
            )
        # Nobody withdraws or is nominated by hand while the placement is written.
        list(Application.objects.select_for_update().filter(call=locked, status__in=POOL).values_list("pk", flat=True))
        placement = compute_placement(locked)
        if expected_digest and placement.digest() != expected_digest:
            raise PlacementError(
                _("The placement changed since you previewed it (scores, seats or overrides). Review it again."),
                code="changed",
            )
        changes, entries, updated = [], [], []
        placed_mail, waiting_mail, last_change = [], [], {}
        for candidate in placement.candidates:
            application = candidate.application
            application.score = candidate.score
            outcome = placement.placed.get(application.pk)
            if outcome:
                programme = placement.programmes[outcome[0]].programme
                application.nominated_programme = programme
                steps = _history_to(
                    application,
                    S.NOMINATED,
                    at,
                    by,
                    _note(application.language, PLACED_NOTE, programme=programme.title),
                )
                changes += steps
                last_change[application.pk] = steps[-1]
                placed_mail.append(application)
            elif application.pk not in {c.application.pk for c in placement.excluded}:
                changes += _history_to(application, S.UNDER_REVIEW, at, by, "")
                waiting_mail.append(application)
            updated.append(application)
        for programme_pk, result in placement.programmes.items():
            entries += [
                WaitingListEntry(call=locked, programme_id=programme_pk, application=c.application, position=position)
                for position, c in enumerate(result.waiting, start=1)
            ]
        Application.objects.bulk_update(
            updated, ["status", "nominated_programme", "score", "updated_at"], batch_size=500
        )
        ApplicationStatusChange.objects.bulk_create(changes, batch_size=500)
        WaitingListEntry.objects.bulk_create(entries, batch_size=500)
        nominations.record_nominations(placed_mail, at)
        locked.placement_confirmed_at = at
        locked.placement_confirmed_by = by
        locked.save(update_fields=["placement_confirmed_at", "placement_confirmed_by"])
        waiting_on = {}
        for entry in entries:
            programme = placement.programmes[entry.programme_id].programme
            waiting_on.setdefault(entry.application_id, []).append((programme, entry.position))
        if notify:
            # In the outbox with the placement: each applicant's e-mail exists exactly when their new status does.
            _mail_outcomes(placed_mail, last_change, waiting_mail, waiting_on)
    call.placement_confirmed_at, call.placement_confirmed_by = at, by
    return placement


def still_wants(application, programme, nomination=None):
    """Does the applicant on `programme`'s waiting list still want its seat?

    Yes while they have no seat (and have not withdrawn or been declined); and yes while they hold
    a seat of a choice they ranked lower whose partner has not decided yet (they move up).
    """
    if application.status in POOL:
        return True
    if application.status != S.NOMINATED or nomination is None or nomination.decision != nomination.Decision.AWAITING:
        return False
    ranks = dict(application.choices.values_list("programme_id", "rank"))
    return programme.pk in ranks and ranks[programme.pk] < ranks.get(application.nominated_programme_id, 0)


def promote_from_waiting_list(call, programme, at=None, by=None, notify=True):
    """Give the seats of `programme` that are free to the next applicants waiting for it who still
    want them, in score order (their position on its list).

    An applicant who moves up from a lower choice frees that seat in turn, which goes to the next
    on its own list, and so on: each move is to a higher choice, so the chain ends.
    Runs inside the transaction that freed the seat; returns the applications given a seat.
    """
    at = at or timezone.now()
    promoted, freed = [], []
    with transaction.atomic():
        offer = CallProgramme.objects.select_for_update().filter(call=call, programme=programme).first()
        if offer is None or call.placement_confirmed_at is None:
            return []
        held = offer.seats_claimed_now()
        entries = (
            WaitingListEntry.objects.active()
            .filter(call=call, programme=programme)
            .select_for_update(of=("self",))
            .order_by("position")
        )
        for entry in entries:
            if held >= offer.seats:
                break
            application = (
                Application.objects.select_for_update(of=("self",))
                .select_related("nominated_programme")
                .get(pk=entry.application_id)
            )
            nomination = Nomination.objects.select_for_update().filter(application=application).first()
            if not still_wants(application, programme, nomination):  # withdrew, or their partner decided
                continue
            left = application.nominated_programme if application.status == S.NOMINATED else None
            application.nominated_programme = programme
            note = _note(application.language, PROMOTED_NOTE, programme=programme.title)
            if left is None:
                changes = _history_to(application, S.NOMINATED, at, by, note)
            else:
                note += " " + _note(application.language, MOVED_UP_NOTE, programme=left.title)
                changes = [
                    ApplicationStatusChange(
                        application=application, from_status=S.NOMINATED, to_status=S.NOMINATED,
                        changed_by=by, changed_at=at, note=note,
                    )
                ]
            application.save(update_fields=["status", "nominated_programme", "updated_at"])
            ApplicationStatusChange.objects.bulk_create(changes)
            entry.promoted_at = at
            entry.save(update_fields=["promoted_at"])
            # Lists of choices ranked below this one are no longer theirs: they hold a better seat.
            ranks = dict(application.choices.values_list("programme_id", "rank"))
            WaitingListEntry.objects.filter(
                application=application,
                promoted_at__isnull=True,
                programme_id__in=[pk for pk, rank in ranks.items() if rank > ranks.get(programme.pk, 0)],
            ).delete()
            if left is None:
                nominations.record_nominations([application], at)
            else:
                nominations.move_nomination(nomination, programme, at)
                freed.append(left)
            held += 1
            promoted.append((application, changes[-1]))
        if notify:
            for application, change in promoted:
                _mail(application, "exchanges/email/status_changed", change=change)
        for left in freed:
            promoted += [(a, None) for a in promote_from_waiting_list(call, left, at=at, by=by, notify=notify)]
    return [application for application, _change in promoted]


def _mail_outcomes(placed, last_change, waiting, waiting_on):
    """Every applicant's e-mail, into the outbox in one insert (hundreds at ×10)."""
    send_templated_mails(
        [_mail_args(a, "exchanges/email/status_changed", change=last_change.get(a.pk)) for a in placed]
        + [_mail_args(a, "exchanges/email/waiting", waiting_on=waiting_on.get(a.pk, [])) for a in waiting]
    )


def _mail_args(application, template_prefix, **extra):
    context = {"application": application, "status_url": absolute_url(application.get_status_url()), **extra}
    return (template_prefix, context, application.email, application.language, application)


def _mail(application, template_prefix, **extra):
    context = {"application": application, "status_url": absolute_url(application.get_status_url()), **extra}
    send_templated_mail(template_prefix, context, application.email, application.language, about=application)
