"""Exchange programmes and calls (programmes.py); what a call offers (offers.py); applications to them (applications.py);
scoring, placement overrides and waiting lists (selection.py); nominations and host decisions
(nominations.py); the pre-departure checklist (checklists.py)."""

from exchanges.models.applications import (
    Application,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    ReferenceSequence,
)
from exchanges.models.checklists import ChecklistAnswer, ChecklistItem, ChecklistReminder
from exchanges.models.nominations import Nomination, PartnerDispatch
from exchanges.models.offers import CallProgramme
from exchanges.models.programmes import ApplicationCall, ExchangeProgram, MobilityRecord, call_moments_passed
from exchanges.models.selection import (
    CriterionScore,
    LanguageScale,
    LanguageScoreBand,
    PlacementOverride,
    ScoringCriterion,
    WaitingListEntry,
)

__all__ = [
    "Application",
    "ApplicationCall",
    "ApplicationChoice",
    "ApplicationDocument",
    "ApplicationStatusChange",
    "CallProgramme",
    "ChecklistAnswer",
    "ChecklistItem",
    "ChecklistReminder",
    "CriterionScore",
    "LanguageScale",
    "LanguageScoreBand",
    "PlacementOverride",
    "ScoringCriterion",
    "WaitingListEntry",
    "ExchangeProgram",
    "MobilityRecord",
    "Nomination",
    "PartnerDispatch",
    "ReferenceSequence",
    "call_moments_passed",
]
