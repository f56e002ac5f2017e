"""Exchange programmes and calls (programmes.py); applications to them (applications.py);
scoring, placement overrides and waiting lists (selection.py)."""

from exchanges.models.applications import (
    Application,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    ReferenceSequence,
)
from exchanges.models.nominations import Nomination, PartnerDispatch
from exchanges.models.programmes import ApplicationCall, CallProgramme, ExchangeProgram, MobilityRecord
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
]
