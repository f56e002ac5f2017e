"""How one kind's rows are found and ranked for a query.

Full-text search over the rows' stored vectors (stemmed English, weighted
ranking, highlighted headlines) OR'ed with substring and trigram matching. The
full-text parser reads a run of Chinese characters as one word, so 京都 would
never find 京都大學 through full-text alone; the substring match covers Chinese.
"""

# PostgreSQL's tsvector and trigram indexes rather than a search package: no second service to run.
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, Greatest, NullIf
from modeltranslation.utils import build_localized_fieldname, get_language

from oia_portal.search.documents import TEXT_SEARCH_CONFIG, chinese_pairs
from oia_portal.search.kinds import countries_matching
from oia_portal.search.query import query_terms

# Substring scores per term: a title match counts most, long text least.
TITLE_SCORE, SUMMARY_SCORE, BODY_SCORE = 1.0, 0.4, 0.1
# How many matching rows are ranked at most (one more tells that there are more).
RANKED_AT_MOST = 200
CANDIDATES = RANKED_AT_MOST + 1
TYPO_MIN_LENGTH = 3


@dataclass(frozen=True)
class Needles:
    """What a query looks for, worked out once: the query, its terms as typed and lower-cased,
    each term's pairs of Chinese characters (a raw text-search query, or None) and the
    countries whose names it matches, and whether it is long enough to forgive a typo."""

    query: str
    terms: tuple = ()
    lowered: tuple = ()
    pairs: tuple = ()
    countries: tuple = ()
    typo: bool = False

    @classmethod
    def of(cls, query):
        if isinstance(query, Needles):
            return query
        terms = tuple(query_terms(query))
        return cls(
            query=query,
            terms=terms,
            lowered=tuple(term.lower() for term in terms),
            pairs=tuple(chinese_pairs(term) for term in terms),
            countries=tuple(tuple(countries_matching(term)) for term in terms),
            typo=len(query) >= TYPO_MIN_LENGTH,
        )


def _contains_any(columns, term):
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__icontains": term})
    return condition


def _summary_contains(kind, term, codes):
    condition = _contains_any(kind.summary, term)
    if codes and kind.country_field:
        # "Japan" or 日本 finds the partners and scholars from there.
        condition |= Q(**{f"{kind.country_field}__in": list(codes)})
    return condition


def substring_filter(kind, terms):
    """Every term appears in at least one searched column (either language)."""
    needles = Needles.of(" ".join(terms))
    condition = Q()
    for term, codes in zip(needles.terms, needles.countries, strict=True):
        condition &= _contains_any(kind.title, term) | _summary_contains(kind, term, codes) | _contains_any(kind.body, term)
    return condition


def substring_score(kind, needles):
    score = Value(0.0)
    for term, codes in zip(needles.terms, needles.countries, strict=True):
        for condition, weight in (
            (_contains_any(kind.title, term), TITLE_SCORE),
            (_summary_contains(kind, term, codes), SUMMARY_SCORE),
            (_contains_any(kind.body, term), BODY_SCORE),
        ):
            score = score + Case(When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField())
    return score


def _localized(name):
    """A translated column in the current language, English when that is empty
    (what modeltranslation's fallback shows on the page)."""
    current = F(build_localized_fieldname(name, get_language()))
    default = F(build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE))
    return Coalesce(NullIf(current, Value("")), default, Value(""), output_field=TextField())


def _snippet_document(kind):
    parts = []
    for name in kind.snippet_fields:
        column = _localized(name) if kind.translated_snippets else Coalesce(F(name), Value(""), output_field=TextField())
        parts += [column, Value(" ")]
    return Concat(*parts, output_field=TextField())


def indexed_matches(kind, needles, search_query):
    """Rows with the query's words, a title close to it, or every term as a substring.

    Each condition reads one column of the row's own table that has a GIN index
    (search_indexes.py), so PostgreSQL combines index scans instead of reading
    every row.
    """
    needles = Needles.of(needles)
    matches = Q(search_vector=search_query)
    if needles.typo:
        # Trigram word similarity forgives a typo in a name ("Kyotto"). A shorter
        # query has no trigram for the index to look up, and comparing it with
        # every row's title was most of a search's time.
        for column in kind.title:
            matches |= Q(**{f"{column}__trigram_word_similar": needles.query})
    if needles.terms:
        every_term = Q()
        for lowered, pairs in zip(needles.lowered, needles.pairs, strict=True):
            contains = Q(search_text__contains=lowered)
            if pairs:
                # The pairs narrow the rows through the vector's index; the substring checks their order.
                contains &= Q(search_vector=SearchQuery(pairs, search_type="raw", config="simple"))
            every_term &= contains
        matches |= every_term
    return matches


def ranked(kind, needles, markers):
    """The kind's published rows matching the query (a string or its Needles), best first,
    annotated with `search_rank` and `search_headline`."""
    needles = Needles.of(needles)
    query = needles.query
    search_query = SearchQuery(query, search_type="websearch", config=TEXT_SEARCH_CONFIG)
    # A broad query ("university") matches most rows; ranking them all grew with the
    # data. The first CANDIDATES matches (index order) are ranked, and the page says
    # when there were more.
    matching = kind.queryset().filter(indexed_matches(kind, needles, search_query))
    candidates = matching.order_by().values("pk")[:CANDIDATES]
    similarities = [TrigramWordSimilarity(Value(query), column) for column in kind.title]
    similarity = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
    rank = SearchRank(F("search_vector"), search_query) + 0.3 * similarity
    if needles.terms:
        rank = rank + 0.5 * substring_score(kind, needles)
    headline = SearchHeadline(
        _snippet_document(kind),
        search_query,
        config=TEXT_SEARCH_CONFIG,
        start_sel=markers.start,
        stop_sel=markers.stop,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return (
        kind.queryset()
        # The stored search columns are for finding rows, not showing them: left in the database.
        .defer("search_vector", "search_text")
        .filter(pk__in=candidates)
        .annotate(search_rank=rank, search_headline=headline)
        .order_by("-search_rank", "pk")
    )
