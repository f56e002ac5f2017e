"""Figures the public pages show, always counted from the data."""

from django.db.models import Count, Q
from django.utils import timezone

from core import content_cache
from exchanges.models import MobilityRecord
from partners.models import Agreement, PartnerUniversity


def key_figures():
    """Partners, countries, agreements in force, students sent abroad and students received.

    Counts only published partners, so a hidden partner never shows in a figure.
    Counting scans whole tables, so the figures are kept until one of those
    tables changes (or the day does: "in force" depends on it).
    """
    return content_cache.cached(f"key-figures:{timezone.localdate()}", _count_key_figures)


def _count_key_figures():
    partners = PartnerUniversity.objects.published().aggregate(
        partners=Count("pk"), countries=Count("country", distinct=True)
    )
    # Both directions in one query: the home page's count stays constant.
    students = MobilityRecord.objects.filter(partner__is_published=True).aggregate(
        abroad=Count("pk", filter=Q(direction=MobilityRecord.Direction.OUTGOING)),
        received=Count("pk", filter=Q(direction=MobilityRecord.Direction.INCOMING)),
    )
    return {
        "partners": partners["partners"],
        "countries": partners["countries"],
        "agreements_in_force": Agreement.objects.active().filter(partner__is_published=True).count(),
        "students_abroad": students["abroad"],
        "students_received": students["received"],
    }
