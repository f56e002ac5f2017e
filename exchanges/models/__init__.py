"""Exchange programmes and calls (programmes.py); applications to them (applications.py)."""

from exchanges.models.applications import (
    Application,
    ApplicationChoice,
    ApplicationDocument,
    ApplicationStatusChange,
    ReferenceSequence,
)
from exchanges.models.programmes import ApplicationCall, CallProgramme, ExchangeProgram, MobilityRecord

__all__ = [
    "Application",
    "ApplicationCall",
    "ApplicationChoice",
    "ApplicationDocument",
    "ApplicationStatusChange",
    "CallProgramme",
    "ExchangeProgram",
    "MobilityRecord",
    "ReferenceSequence",
]
