from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core import content_cache
from exchanges.models import MobilityRecord
from oia_portal.statistics.charts import bar_chart
from oia_portal.statistics.figures import all_figures


class StatisticsView(TemplateView):
    template_name = "oia_portal/statistics.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(charts=statistics_charts(), **kwargs)


def statistics_charts():
    """The page's charts, drawn, and each section rendered: kept as long as the figures they
    show (drawing eight SVG charts, then their tables of figures, was most of the page's time)."""
    key = f"statistics-sections:{get_language()}:{timezone.localdate()}"
    return content_cache.cached(key, _draw_charts)


def _draw_charts():
    figures = all_figures()
    by_country = [(name, total) for _code, name, total in figures["partners_by_country"]]
    outgoing, incoming = MobilityRecord.Direction.OUTGOING, MobilityRecord.Direction.INCOMING
    by_direction = figures["students_by_country"]
    sent_by_country = [(name, total) for _code, name, total in by_direction[outgoing]]
    received_by_country = [(name, total) for _code, name, total in by_direction[incoming]]
    sections = [
        (
            "partners-region",
            _("Partner universities by region"),
            _("Number of partner universities in each world region."),
            figures["partners_by_region"],
            _("Region"),
        ),
        (
            "partners-country",
            _("Partner universities by country"),
            _("Number of partner universities in each country."),
            by_country,
            _("Country"),
        ),
        (
            "agreements-kind",
            _("Agreements in force by kind"),
            _("Number of agreements in force today, by kind of agreement."),
            figures["agreements_by_kind"],
            _("Kind of agreement"),
        ),
        (
            "students-year",
            _("Students sent abroad by academic year"),
            _("Number of our students who studied at a partner university, by academic year."),
            figures["students_by_year"][outgoing],
            _("Academic year"),
        ),
        (
            "students-country",
            _("Students sent abroad by country"),
            _("Number of our students who studied at a partner university, by the partner's country."),
            sent_by_country,
            _("Country"),
        ),
        (
            "received-year",
            _("Exchange students received by academic year"),
            _("Number of partner universities' students who studied with us, by academic year."),
            figures["students_by_year"][incoming],
            _("Academic year"),
        ),
        (
            "received-country",
            _("Exchange students received by country"),
            _("Number of partner universities' students who studied with us, by their university's country."),
            received_by_country,
            _("Country"),
        ),
        (
            "scholars-year",
            _("Visiting scholars by year"),
            _("Number of visits by scholars from abroad, by the year the visit started."),
            figures["scholars_by_year"],
            _("Year"),
        ),
    ]
    # Plain strings, not lazy translations: they are kept, and unpickling lazy ones cost more than the page.
    charts = [
        {
            "id": chart_id,
            "title": str(title),
            "label_heading": str(label_heading),
            "rows": [(str(label), value) for label, value in rows],
            "total": sum(value for _label, value in rows),
            "svg": bar_chart(chart_id, title, description, rows) if rows else "",
        }
        for chart_id, title, description, rows, label_heading in sections
    ]
    for chart in charts:
        chart["section"] = render_to_string("oia_portal/includes/statistics_section.html", {"chart": chart})
    return charts
