"""The kinds of things the site search finds, and where each keeps its words.

Columns are listed in both languages: a visitor may search for a Chinese name
while reading the English site. Weights follow PostgreSQL's letters: the title
or name (A) counts most, then short descriptive fields (B), then long text (C).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from abroad.models import CourseEquivalence, ExperienceReport
from core.forms import country_names
from events.models import Event, NewsArticle
from exchanges.models import ExchangeProgram
from partners.models import PartnerUniversity
from scholars.models import Scholar


def translated(*names):
    """Every language's column of modeltranslation fields, e.g. name_en, name_zh_hant."""
    return tuple(
        build_localized_fieldname(name, language) for name in names for language in settings.MODELTRANSLATION_LANGUAGES
    )


@lru_cache(maxsize=8)
def _folded_country_names(language):
    return tuple((code, name.casefold()) for code, name in country_names(language).items())


def countries_matching(term):
    """ISO codes of countries whose name, in either language, contains `term`."""
    needle = term.casefold()
    return sorted(
        {
            code
            for language in settings.MODELTRANSLATION_LANGUAGES
            for code, name in _folded_country_names(language)
            if needle in name
        }
    )


def _date(value):
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    model: type
    queryset: Callable
    title: tuple  # weight A
    summary: tuple  # weight B
    body: tuple  # weight C
    snippet_fields: tuple  # translated fields the excerpt is taken from, in order
    describe: Callable  # the short facts shown under a result's title
    country_field: str = ""
    # False: the snippet fields are plain columns (text a person wrote in one language).
    translated_snippets: bool = True
    # Lookups that change whenever what a result shows of its row changes (its title, link,
    # facts and text): a result is then kept under them. Empty: read whole every time (a kind
    # without a last-change column, or with personal data that erasure rewrites in place).
    stamps: tuple = ()

    def snippet_text(self, obj):
        # modeltranslation's descriptors give the current language, falling back to English.
        return " ".join(filter(None, (getattr(obj, name) for name in self.snippet_fields)))


def _describe_partner(partner):
    return [value for value in (partner.city, partner.country.name) if value]


def _describe_programme(programme):
    return [programme.partner.name, programme.get_kind_display()]


def _describe_scholar(scholar):
    # A partner that is not published is not named through its scholars either.
    partner = scholar.home_partner
    institution = partner.name if partner and partner.is_published else scholar.home_institution
    return [value for value in (scholar.field, institution) if value]


def _describe_event(event):
    return [_date(event.starts_at), event.get_kind_display()]


def _describe_news(article):
    return [_date(article.published_at), article.get_category_display()]


def _describe_course(course):
    return [course.partner.name, course.get_department_display(), course.academic_year_text]


def _describe_report(report):
    return [report.partner.name, report.byline, report.academic_year_text]


KINDS = (
    SearchKind(
        key="partners",
        label=_("Partner universities"),
        model=PartnerUniversity,
        queryset=lambda: PartnerUniversity.objects.published(),
        title=translated("name"),
        summary=translated("city"),
        body=translated("description", "academic_calendar", "language_requirements"),
        snippet_fields=("description",),
        describe=_describe_partner,
        country_field="country",
        stamps=('updated_at',),
    ),
    SearchKind(
        key="programmes",
        label=_("Exchange programmes"),
        model=ExchangeProgram,
        queryset=lambda: ExchangeProgram.objects.published().select_related("partner"),
        title=translated("title"),
        summary=translated("partner__name", "language_requirement"),
        body=translated("description", "costs"),
        snippet_fields=("description",),
        describe=_describe_programme,
        stamps=('updated_at', 'partner__updated_at'),
    ),
    SearchKind(
        key="scholars",
        label=_("Visiting scholars"),
        model=Scholar,
        queryset=lambda: Scholar.objects.published().select_related("home_partner"),
        title=translated("name"),
        summary=(*translated("field"), "home_institution"),
        body=translated("bio"),
        snippet_fields=("bio",),
        describe=_describe_scholar,
        country_field="country",
        stamps=('updated_at', 'home_partner__updated_at'),
    ),
    SearchKind(
        key="events",
        label=_("Events"),
        model=Event,
        queryset=lambda: Event.objects.published(),
        title=translated("title"),
        summary=translated("summary"),
        body=translated("description", "venue"),
        snippet_fields=("summary", "description"),
        describe=_describe_event,
        stamps=('updated_at',),
    ),
    SearchKind(
        key="news",
        label=_("News"),
        model=NewsArticle,
        queryset=lambda: NewsArticle.objects.published(),
        title=translated("title"),
        summary=translated("summary"),
        body=translated("body"),
        snippet_fields=("summary", "body"),
        describe=_describe_news,
        stamps=('updated_at',),
    ),
    SearchKind(
        key="courses",
        label=_("Courses recognised before"),
        model=CourseEquivalence,
        queryset=lambda: CourseEquivalence.objects.published().select_related("partner", "department"),
        title=("host_title", "home_title"),
        summary=("host_code", *translated("partner__name")),
        body=("home_code",),
        snippet_fields=("host_title", "home_title"),
        describe=_describe_course,
        translated_snippets=False,
    ),
    SearchKind(
        key="reports",
        label=_("Experience reports"),
        model=ExperienceReport,
        queryset=lambda: ExperienceReport.objects.published().select_related("partner"),
        title=("title",),
        summary=translated("partner__name"),
        body=("body",),
        snippet_fields=("body",),
        describe=_describe_report,
        translated_snippets=False,
        # No stamps: a returnee's name and text are erased in place (their last change kept), so
        # nothing of a report's result may be kept: it is read whole every time.
    ),
)

KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
