"""Figures the public pages show, always counted from the data."""

from django.db.models import Count

from exchanges.models import MobilityRecord
from partners.models import Agreement, PartnerUniversity


def key_figures():
    """Partners, countries, agreements in force and students sent abroad.

    Counts only published partners, so a hidden partner never shows in a figure.
    """
    partners = PartnerUniversity.objects.published().aggregate(
        partners=Count("pk"), countries=Count("country", distinct=True)
    )
    return {
        "partners": partners["partners"],
        "countries": partners["countries"],
        "agreements_in_force": Agreement.objects.active().filter(partner__is_published=True).count(),
        "students_abroad": MobilityRecord.objects.filter(partner__is_published=True).count(),
    }
