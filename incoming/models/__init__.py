"""Nomination links and their log (links.py); incoming applications (applications.py); our fact sheet (factsheet.py)."""

from incoming.models.applications import (
    IncomingApplication,
    IncomingDocument,
    IncomingStatusChange,
)
from incoming.models.factsheet import FactSheet
from incoming.models.links import NominationLink, NominationLogEntry

__all__ = [
    "FactSheet",
    "IncomingApplication",
    "IncomingDocument",
    "IncomingStatusChange",
    "NominationLink",
    "NominationLogEntry",
]
