"""The statistics page's figures, each counted from the data (published partners only)."""

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries

from core import content_cache
from exchanges.models import MobilityRecord
from partners.models import Agreement, PartnerUniversity
from partners.regions import Region, region_of
from scholars.models import Visit


def key_figures():
    """Partners, countries, agreements in force, students sent abroad and students received (the home page).

    Counting scans whole tables, so the figures are kept until one of those
    tables changes (or the day does: "in force" depends on it).
    """
    return content_cache.cached(f"key-figures:{timezone.localdate()}", _count_key_figures)


def _count_key_figures():
    partners = PartnerUniversity.objects.published().aggregate(partners=Count("pk"), countries=Count("country", distinct=True))
    # Both directions in one query: the home page's count stays constant.
    students = MobilityRecord.objects.of_published_partners().aggregate(
        abroad=Count("pk", filter=Q(direction=MobilityRecord.Direction.OUTGOING)),
        received=Count("pk", filter=Q(direction=MobilityRecord.Direction.INCOMING)),
    )
    return {
        "partners": partners["partners"],
        "countries": partners["countries"],
        "agreements_in_force": _agreements_in_force().count(),
        "students_abroad": students["abroad"],
        "students_received": students["received"],
    }


def _agreements_in_force():
    return Agreement.objects.active().filter(PartnerUniversity.published_q("partner__"))


def partners_by_country():
    counts = PartnerUniversity.objects.published().count_by_country()
    return _by_country({"country": code, "total": total} for code, total in counts.items())


def partners_by_region(by_country):
    """Regions summed from the per-country counts (a region follows from the country)."""
    totals = {}
    for code, _name, total in by_country:
        region = region_of(code)
        totals[region] = totals.get(region, 0) + total
    # str(): kept in the cache in the request's language (a lazy label is rebuilt on every read).
    rows = [(str(Region(region).label), totals[region]) for region in Region.values if totals.get(region)]
    return sorted(rows, key=lambda row: -row[1])


def agreements_in_force_by_kind():
    rows = (
        _agreements_in_force()
        .values("kind")
        .annotate(total=Count("pk"))
        .order_by()
    )
    totals = {row["kind"]: row["total"] for row in rows}
    return [(str(label), totals[kind]) for kind, label in Agreement.Kind.choices if totals.get(kind)]


def students_by_year():
    """{direction: [(academic year, total)]}: sent abroad and received, from one query."""
    rows = (
        MobilityRecord.objects.of_published_partners()
        .values("direction", "academic_year")
        .annotate(total=Count("pk"))
        .order_by("academic_year")
    )
    return {
        direction: [(_academic_year(row["academic_year"]), row["total"]) for row in rows if row["direction"] == direction]
        for direction in MobilityRecord.Direction.values
    }


def students_by_country():
    """{direction: [(code, name, total)]}: by the partner's country, from one query."""
    rows = list(
        MobilityRecord.objects.of_published_partners()
        .values("direction", country=F("partner__country"))
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {
        direction: _by_country([row for row in rows if row["direction"] == direction])
        for direction in MobilityRecord.Direction.values
    }


def visiting_scholars_by_year():
    rows = (
        Visit.objects.published()
        .inbound()
        .annotate(year=ExtractYear("starts_on"))
        .values("year")
        .annotate(total=Count("pk"))
        .order_by("year")
    )
    return [(str(row["year"]), row["total"]) for row in rows]


def _by_country(rows):
    """[(code, translated name, total)], largest first, then by name."""
    named = [(row["country"], countries.name(row["country"]), row["total"]) for row in rows]
    return sorted(named, key=lambda row: (-row[2], str(row[1])))


def _academic_year(year):
    return f"{year}–{(year + 1) % 100:02d}"


def all_figures():
    """Every figure of the page, kept until a table they count changes, the day changes
    ("in force") or in another language (country and region names)."""
    key = f"statistics:{get_language()}:{timezone.localdate()}"
    return content_cache.cached(key, _count_all_figures)


def _count_all_figures():
    by_country = partners_by_country()
    return {
        "partners_by_country": by_country,
        "partners_by_region": partners_by_region(by_country),
        "agreements_by_kind": agreements_in_force_by_kind(),
        "students_by_year": students_by_year(),
        "students_by_country": students_by_country(),
        "scholars_by_year": visiting_scholars_by_year(),
    }
