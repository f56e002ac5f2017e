"""The public partnership map: country shapes shaded by how many partners each has.

Shapes come from partners/data/world_paths.json (built once by
`manage.py build_world_map` from Natural Earth data) and are read when this
module is imported, never per request.
"""

import hashlib
import json
from pathlib import Path
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django_countries import countries

from core.fragment_cache import kept
from partners.models import PartnerUniversity

_WORLD_TEXT = (Path(__file__).resolve().parent / "data" / "world_paths.json").read_text()
WORLD = json.loads(_WORLD_TEXT)
# Part of the kept map's key: a new map drawing (a deploy) is not mistaken for the last one.
WORLD_VERSION = hashlib.sha256(_WORLD_TEXT.encode()).hexdigest()[:16]
VIEW_BOX = WORLD["viewBox"]
COUNTRY_PATHS = WORLD["countries"]

# Lightest to darkest; the darkest shades carry white-on-colour contrast in the legend.
SHADES = ["#d6e6f0", "#9cc3da", "#5b9bc0", "#2a6f97", "#0b4f6c"]
NO_PARTNER_FILL = "#eceff1"


def shade_bins(maximum):
    """Upper bounds of the colour steps: 1, then up to the largest count in equal steps."""
    if maximum <= len(SHADES):
        return list(range(1, maximum + 1))
    step = maximum / len(SHADES)
    return [round(step * (index + 1)) for index in range(len(SHADES))]


def shade_for(count, bins):
    """The colour of a count; with fewer bins than shades, the darker shades are used."""
    offset = len(SHADES) - len(bins)
    for index, bound in enumerate(bins):
        if count <= bound:
            return SHADES[index + offset]
    return SHADES[-1]


def partner_map(counts=None):
    """Everything the map template draws: shaded countries with links, the legend and the table."""
    counts = PartnerUniversity.objects.published().count_by_country() if counts is None else counts
    bins = shade_bins(max(counts.values(), default=0))
    list_url = reverse("partners:list")
    shapes = []
    for code, path in COUNTRY_PATHS.items():
        count = counts.get(code, 0)
        shapes.append(
            {
                "code": code,
                "name": countries.name(code),
                "path": path,
                "count": count,
                "fill": shade_for(count, bins) if count else NO_PARTNER_FILL,
                "url": f"{list_url}?{urlencode({'country': code})}" if count else "",
            }
        )
    rows = sorted(
        ({"code": code, "name": countries.name(code), "count": count,
          "url": f"{list_url}?{urlencode({'country': code})}"} for code, count in counts.items()),
        key=lambda row: (-row["count"], str(row["name"])),
    )
    legend = []
    lower = 1
    for bound in bins:
        legend.append({"low": lower, "high": bound, "fill": shade_for(bound, bins)})
        lower = bound + 1
    return {
        "view_box": VIEW_BOX,
        "without_partners": [shape for shape in shapes if not shape["count"]],
        "with_partners": [shape for shape in shapes if shape["count"]],
        "rows": rows,
        "legend": legend,
        "total": sum(counts.values()),
        "unmapped": [row for row in rows if row["code"] not in COUNTRY_PATHS],
    }


def kept_partner_map(counts):
    """The map page's lead sentence and map with its table, rendered, kept under everything they
    show: the counts, the language and the drawing (200 countries' names and shapes through the
    template language were most of the page's time)."""
    key = "partner-map:" + hashlib.sha256(repr((WORLD_VERSION, get_language(), sorted(counts.items()))).encode()).hexdigest()

    def render():
        context = {"map": partner_map(counts)}
        return {
            "lead": render_to_string("partners/includes/map_lead.html", context),
            "figure": render_to_string("partners/includes/map_figure.html", context),
        }

    return kept(key, render)
