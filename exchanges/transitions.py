"""Which status an application may move to from which: the one table staff and students follow."""

from exchanges.models.applications import Application

S = Application.Status

ALLOWED_TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.NOMINATED, S.DECLINED, S.WITHDRAWN},
    # After nomination the partner decides: accepted or declined.
    S.NOMINATED: {S.ACCEPTED, S.DECLINED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN},
    S.DECLINED: set(),
    S.WITHDRAWN: set(),
}


def can_transition(from_status, to_status):
    return to_status in ALLOWED_TRANSITIONS.get(from_status, set())


def next_statuses(from_status):
    """The statuses reachable in one step, in the order of the Status choices."""
    allowed = ALLOWED_TRANSITIONS.get(from_status, set())
    return [status for status in S if status in allowed]
