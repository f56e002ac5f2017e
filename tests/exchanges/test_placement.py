"""The placement rule on hand-made cases, its confirmation, and the waiting lists that promote."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exchanges import placement, services
from exchanges.models import (
    Application,
    ApplicationStatusChange,
    LanguageScoreBand,
    Nomination,
    PlacementOverride,
    ScoringCriterion,
    WaitingListEntry,
)
from tests.exchanges.factories import (
    ApplicationCallFactory,
    ApplicationChoiceFactory,
    ApplicationFactory,
    CallProgrammeFactory,
    ExchangeProgramFactory,
)

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def call():
    """A closed call scored on the interview alone, so tests set scores directly."""
    now = timezone.now()
    return ApplicationCallFactory(
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
        weight_gpa=0,
        weight_language=0,
        weight_interview=100,
    )


def offer(call, seats=1, **programme):
    return CallProgrammeFactory(call=call, seats=seats, programme=ExchangeProgramFactory(**programme)).programme


def applicant(call, interview, *programmes, **fields):
    application = ApplicationFactory(call=call, interview_score=Decimal(interview), **fields)
    for rank, programme in enumerate(programmes, start=1):
        ApplicationChoiceFactory(application=application, rank=rank, programme=programme)
    return application


def outcome(result, application):
    placed = result.placed.get(application.pk)
    return placed[0] if placed else None


def test_higher_score_gets_the_shared_first_choice_the_other_their_second(call):
    kyoto, seoul = offer(call), offer(call)
    strong = applicant(call, 90, kyoto, seoul)
    weaker = applicant(call, 80, kyoto, seoul)
    result = placement.compute_placement(call)
    assert outcome(result, strong) == kyoto.pk
    assert outcome(result, weaker) == seoul.pk
    assert result.first_choice_count == 1


def test_an_applicant_without_a_free_choice_waits_on_each_choice_in_score_order(call):
    kyoto, seoul = offer(call), offer(call)
    first = applicant(call, 95, kyoto)
    second = applicant(call, 90, seoul)
    third = applicant(call, 70, kyoto, seoul)
    fourth = applicant(call, 80, seoul, kyoto)
    result = placement.compute_placement(call)
    assert outcome(result, first) == kyoto.pk and outcome(result, second) == seoul.pk
    assert [c.application for c in result.programmes[kyoto.pk].waiting] == [fourth, third]
    assert [c.application for c in result.programmes[seoul.pk].waiting] == [fourth, third]
    assert result.waiting_count == 2


def test_equal_scores_go_to_the_higher_gpa(call):
    kyoto = offer(call)
    lower_gpa = applicant(call, 80, kyoto, gpa="3.40")
    higher_gpa = applicant(call, 80, kyoto, gpa="3.90")
    result = placement.compute_placement(call)
    assert outcome(result, higher_gpa) == kyoto.pk
    assert outcome(result, lower_gpa) is None


def test_equal_score_and_gpa_go_to_the_earlier_submission(call):
    kyoto = offer(call)
    now = timezone.now()
    later = applicant(call, 80, kyoto, created_at=now - datetime.timedelta(days=2))
    earlier = applicant(call, 80, kyoto, created_at=now - datetime.timedelta(days=5))
    result = placement.compute_placement(call)
    assert outcome(result, earlier) == kyoto.pk
    assert outcome(result, later) is None


def test_minimum_gpa_sends_a_strong_applicant_to_the_next_choice(call):
    demanding, open_to_all = offer(call, min_gpa=Decimal("3.50")), offer(call)
    strong = applicant(call, 99, demanding, open_to_all, gpa="3.20")
    result = placement.compute_placement(call)
    assert outcome(result, strong) == open_to_all.pk
    assert strong not in [c.application for c in result.programmes[demanding.pk].waiting]


def test_language_requirement_needs_the_points_in_the_programmes_language(call):
    english = offer(call, min_language_points=70, language="en")
    ielts = applicant(call, 60, english, language_test="ielts", language_score="6.0")  # B2: 70 points
    jlpt = applicant(call, 99, english, language_test="jlpt", language_score="N1")  # 85 points, but Japanese
    weak = applicant(call, 98, english, language_test="toeic", language_score="600")  # 55 points
    result = placement.compute_placement(call)
    assert outcome(result, ielts) == english.pk
    assert outcome(result, jlpt) is None and outcome(result, weak) is None
    assert {c.application for c in result.unplaceable} == {jlpt, weak}


def test_a_pinned_applicant_takes_the_seat_before_higher_scores(call):
    kyoto, seoul = offer(call), offer(call)
    strong = applicant(call, 95, kyoto, seoul)
    pinned = applicant(call, 50, seoul, kyoto)
    placement.set_override(call, pinned, PlacementOverride.Kind.PIN, kyoto)
    result = placement.compute_placement(call)
    assert outcome(result, pinned) == kyoto.pk
    assert outcome(result, strong) == seoul.pk
    assert pinned.pk in result.pinned


def test_an_excluded_applicant_neither_gets_a_seat_nor_waits(call):
    kyoto = offer(call)
    excluded = applicant(call, 99, kyoto)
    other = applicant(call, 10, kyoto)
    placement.set_override(call, excluded, PlacementOverride.Kind.EXCLUDE)
    result = placement.compute_placement(call)
    assert outcome(result, other) == kyoto.pk
    assert outcome(result, excluded) is None
    assert not result.programmes[kyoto.pk].waiting


def test_seats_already_held_by_nominations_made_by_hand_are_not_given_again(call):
    kyoto = offer(call, seats=1)
    ApplicationFactory(call=call, status=S.NOMINATED, nominated_programme=kyoto)
    hopeful = applicant(call, 99, kyoto)
    result = placement.compute_placement(call)
    assert outcome(result, hopeful) is None


def test_score_is_the_weighted_average_of_gpa_language_interview_and_other_criteria():
    call = ApplicationCallFactory(weight_gpa=40, weight_language=30, weight_interview=20)
    criterion = ScoringCriterion.objects.create(call=call, name="Portfolio", weight=10)
    application = ApplicationFactory(
        call=call, gpa="4.30", language_test="ielts", language_score="7.0", interview_score=Decimal("50")
    )
    application.criterion_scores.create(criterion=criterion, points=Decimal("60"))
    (candidate,) = placement.rescore(call)
    # 40 × 100 + 30 × 85 (IELTS 7.0 = C1) + 20 × 50 + 10 × 60, over 100.
    assert candidate.score == Decimal("81.50")
    application.refresh_from_db()
    assert application.score == Decimal("81.50")


def test_language_scale_reads_numbers_and_levels_from_the_editable_table():
    scale = LanguageScoreBand.objects.scale()
    assert scale.points("toefl-ibt", "95") == Decimal("85")
    assert scale.points("toefl-ibt", "94") == Decimal("70")
    assert scale.points("jlpt", " n2 ") == Decimal("70")
    assert scale.points("cefr", "B1") == Decimal("55")
    assert scale.points("toeic", "not a number") == 0
    LanguageScoreBand.objects.filter(test="cefr", level="B1").update(points=60)
    assert LanguageScoreBand.objects.scale().points("cefr", "B1") == Decimal("60")


def test_preview_runs_the_same_number_of_queries_for_3_or_30_applicants(call):
    def queries():
        with CaptureQueriesContext(connection) as context:
            placement.compute_placement(call)
        return len(context)

    programmes = [offer(call) for _ in range(3)]
    for score in range(3):
        applicant(call, score, *programmes)
    few = queries()
    programmes += [offer(call) for _ in range(10)]
    for score in range(27):
        applicant(call, score, *programmes[score % 10: score % 10 + 3])
    assert queries() == few


def test_confirming_nominates_records_history_waiting_lists_and_mails(call, django_capture_on_commit_callbacks):
    kyoto = offer(call)
    placed = applicant(call, 90, kyoto)
    waiting = applicant(call, 80, kyoto)
    preview = placement.compute_placement(call)
    with django_capture_on_commit_callbacks(execute=True):
        placement.confirm_placement(call, expected_digest=preview.digest())
    placed.refresh_from_db()
    waiting.refresh_from_db()
    assert placed.status == S.NOMINATED and placed.nominated_programme == kyoto
    assert Nomination.objects.get(application=placed).decision == Nomination.Decision.AWAITING
    assert waiting.status == S.UNDER_REVIEW
    assert list(WaitingListEntry.objects.values_list("application", "position")) == [(waiting.pk, 1)]
    steps = list(placed.status_changes.values_list("from_status", "to_status"))
    assert steps == [(S.SUBMITTED, S.UNDER_REVIEW), (S.UNDER_REVIEW, S.NOMINATED)]
    assert {m.to[0] for m in mail.outbox} == {placed.email, waiting.email}
    assert any("waiting list" in m.subject for m in mail.outbox)


def test_a_placement_is_confirmed_once(call):
    kyoto = offer(call)
    applicant(call, 90, kyoto)
    placement.confirm_placement(call)
    with pytest.raises(placement.PlacementError):
        placement.confirm_placement(call)
    assert Nomination.objects.count() == 1


def test_confirming_refuses_a_placement_that_changed_since_the_preview(call):
    kyoto = offer(call)
    applicant(call, 90, kyoto)
    digest = placement.compute_placement(call).digest()
    applicant(call, 95, kyoto)
    with pytest.raises(placement.PlacementError):
        placement.confirm_placement(call, expected_digest=digest)
    assert not Application.objects.filter(status=S.NOMINATED).exists()


def test_a_withdrawal_gives_the_seat_to_the_next_who_still_wants_it(call, django_capture_on_commit_callbacks):
    kyoto = offer(call)
    nominee = applicant(call, 90, kyoto)
    gave_up = applicant(call, 85, kyoto)
    next_in_line = applicant(call, 80, kyoto)
    last = applicant(call, 70, kyoto)
    placement.confirm_placement(call)
    services.withdraw_by_applicant(gave_up)  # leaves the waiting list
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_by_applicant(Application.objects.get(pk=nominee.pk))
    next_in_line.refresh_from_db()
    last.refresh_from_db()
    assert next_in_line.status == S.NOMINATED and next_in_line.nominated_programme == kyoto
    assert last.status == S.UNDER_REVIEW
    assert Nomination.objects.filter(application=next_in_line).exists()
    assert next_in_line.email in [m.to[0] for m in mail.outbox]
    assert "became free" in next_in_line.status_changes.last().note


def test_a_partner_rejection_promotes_the_waiting_list(call):
    kyoto = offer(call)
    nominee = applicant(call, 90, kyoto)
    waiting = applicant(call, 80, kyoto)
    placement.confirm_placement(call)
    services.record_host_decision(Nomination.objects.get(application=nominee), Nomination.Decision.REJECTED)
    nominee.refresh_from_db()
    waiting.refresh_from_db()
    assert nominee.status == S.DECLINED
    assert Nomination.objects.get(application=nominee).decision == Nomination.Decision.REJECTED
    assert waiting.status == S.NOMINATED


def test_a_promotion_happens_only_after_the_placement_was_confirmed(call):
    kyoto = offer(call)
    nominee = ApplicationFactory(call=call, status=S.UNDER_REVIEW)
    ApplicationChoiceFactory(application=nominee, programme=kyoto)
    services.change_status(nominee, S.NOMINATED, programme=kyoto)
    services.change_status(nominee, S.WITHDRAWN)
    assert not ApplicationStatusChange.objects.filter(to_status=S.NOMINATED).exclude(application=nominee).exists()


# --- moving up: a nominee placed below their first choice still wants it -------------------------


def reload(*applications):
    return [Application.objects.select_related("nominated_programme").get(pk=a.pk) for a in applications]


def test_a_nominee_placed_on_their_second_choice_waits_on_their_first_in_score_order(call):
    kyoto, seoul = offer(call), offer(call)
    first = applicant(call, 95, kyoto)
    second_choice = applicant(call, 90, kyoto, seoul)  # gets Seoul, still wants Kyoto
    no_seat = applicant(call, 80, kyoto)
    result = placement.compute_placement(call)
    assert outcome(result, first) == kyoto.pk and outcome(result, second_choice) == seoul.pk
    assert [c.application for c in result.programmes[kyoto.pk].waiting] == [second_choice, no_seat]
    assert result.programmes[seoul.pk].waiting == []  # nobody waits on a seat they hold or ranked lower
    assert result.waiting_count == 1  # the placed one is not counted as waiting


def test_a_freed_first_choice_seat_goes_to_the_nominee_on_their_second_choice_and_theirs_moves_on(call):
    kyoto, seoul = offer(call), offer(call)
    first = applicant(call, 95, kyoto)
    moving = applicant(call, 90, kyoto, seoul)
    behind = applicant(call, 80, seoul)
    placement.confirm_placement(call)
    services.withdraw_by_applicant(Application.objects.get(pk=first.pk))
    moving, behind = reload(moving, behind)
    assert moving.status == S.NOMINATED and moving.nominated_programme == kyoto
    assert Nomination.objects.get(application=moving).programme == kyoto
    assert Nomination.objects.get(application=moving).partner_id == kyoto.partner_id
    assert behind.status == S.NOMINATED and behind.nominated_programme == seoul
    last = moving.status_changes.order_by("pk").last()
    assert (last.from_status, last.to_status) == (S.NOMINATED, S.NOMINATED) and "move up" in last.note
    assert Nomination.objects.filter(application=behind, programme=seoul).exists()


def test_the_seat_goes_by_score_to_the_better_of_a_waiting_applicant_and_a_nominee_who_wants_to_move_up(call):
    kyoto, seoul = offer(call), offer(call)
    first = applicant(call, 95, kyoto)
    waiting = applicant(call, 92, kyoto)  # no seat, better score than the nominee below
    moving = applicant(call, 90, kyoto, seoul)
    placement.confirm_placement(call)
    services.withdraw_by_applicant(Application.objects.get(pk=first.pk))
    waiting, moving = reload(waiting, moving)
    assert waiting.nominated_programme == kyoto and waiting.status == S.NOMINATED
    assert moving.nominated_programme == seoul  # stays, and still waits on Kyoto
    assert WaitingListEntry.objects.active().filter(application=moving, programme=kyoto).exists()


def test_a_nominee_whose_partner_accepted_them_no_longer_moves_up(call):
    kyoto, seoul = offer(call), offer(call)
    first = applicant(call, 95, kyoto)
    accepted = applicant(call, 90, kyoto, seoul)
    after = applicant(call, 70, kyoto)
    placement.confirm_placement(call)
    services.record_host_decision(Nomination.objects.get(application=accepted), Nomination.Decision.ACCEPTED)
    services.withdraw_by_applicant(Application.objects.get(pk=first.pk))
    accepted, after = reload(accepted, after)
    assert accepted.status == S.ACCEPTED and accepted.nominated_programme == seoul
    assert after.status == S.NOMINATED and after.nominated_programme == kyoto


def test_a_chain_of_moves_up_ends_with_a_waiting_applicant_seated_and_one_mail_each(
    call, django_capture_on_commit_callbacks
):
    a, b, c = offer(call), offer(call), offer(call)
    top = applicant(call, 99, a)
    one = applicant(call, 90, a, b)  # B; wants A
    two = applicant(call, 85, b, c)  # C; wants B
    three = applicant(call, 80, c)  # waits on C
    placement.confirm_placement(call, notify=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_by_applicant(Application.objects.get(pk=top.pk))
    one, two, three = reload(one, two, three)
    assert (one.nominated_programme, two.nominated_programme, three.nominated_programme) == (a, b, c)
    assert three.status == S.NOMINATED
    assert Application.objects.holding_seats().filter(call=call).count() == 3
    told = sorted(m.to[0] for m in mail.outbox if m.to[0] != top.email)
    assert told == sorted([one.email, two.email, three.email])


def test_results_page_lists_a_nominee_waiting_to_move_up_on_their_first_choices_list(call):
    kyoto, seoul = offer(call), offer(call)
    applicant(call, 95, kyoto)
    moving = applicant(call, 90, kyoto, seoul)
    placement.confirm_placement(call, notify=False)
    rows = {row["offer"].programme_id: row for row in call.published_results()}
    assert moving.reference in rows[kyoto.pk]["waiting"] and moving.reference in rows[seoul.pk]["admitted"]


def test_a_seat_given_from_a_waiting_list_takes_the_applicant_off_the_lists_of_lower_choices(call):
    kyoto, seoul, lyon = offer(call), offer(call), offer(call)
    blocking = [applicant(call, 99, kyoto), applicant(call, 98, seoul), applicant(call, 97, lyon)]
    waiting = applicant(call, 90, kyoto, seoul, lyon)  # no seat: waits on all three
    placement.confirm_placement(call)
    services.withdraw_by_applicant(Application.objects.get(pk=blocking[1].pk))  # a Seoul seat frees
    waiting = reload(waiting)[0]
    assert waiting.nominated_programme == seoul
    active = set(WaitingListEntry.objects.active().filter(application=waiting).values_list("programme", flat=True))
    assert active == {kyoto.pk}  # still wants Kyoto; Lyon's list no longer shows them
    rows = {row["offer"].programme_id: row for row in call.published_results()}
    assert waiting.reference not in rows.get(lyon.pk, {"waiting": []})["waiting"]


def test_confirming_writes_every_applicants_email_without_a_query_each(call):
    def confirmed_queries(call, applicants):
        programmes = [offer(call) for _ in range(3)]
        for score in range(applicants):  # greeted in Chinese by their Chinese name
            applicant(call, score, *programmes, language="zh-hant", name_zh="林美")
        with CaptureQueriesContext(connection) as context:
            placement.confirm_placement(call)
        return len(context)

    few = confirmed_queries(call, 5)  # two wait, as many do below
    many = confirmed_queries(ApplicationCallFactory(closes_at=call.closes_at, opens_at=call.opens_at), 30)
    from outbox.models import Message

    assert Message.objects.count() == 35
    assert many == few
