"""How one kind's rows are found and ranked for a query.

Full-text search over the rows' stored vectors (stemmed English, weighted
ranking, highlighted headlines) OR'ed with substring and trigram matching. The
full-text parser reads a run of Chinese characters as one word, so 京都 would
never find 京都大學 through full-text alone; the substring match covers Chinese.
"""

# PostgreSQL's tsvector and trigram indexes rather than a search package: no second service to run.
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

from oia_portal.search.documents import TEXT_SEARCH_CONFIG, chinese_pairs_query
from oia_portal.search.kinds import countries_matching
from oia_portal.search.query import query_terms

# Substring scores per term: a title match counts most, long text least.
TITLE_SCORE, SUMMARY_SCORE, BODY_SCORE = 1.0, 0.4, 0.1
# How many matching rows are ranked at most (one more tells that there are more).
RANKED_AT_MOST = 200
CANDIDATES = RANKED_AT_MOST + 1
TYPO_MIN_LENGTH = 3


def _contains_any(columns, term):
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__icontains": term})
    return condition


def _summary_contains(kind, term):
    condition = _contains_any(kind.summary, term)
    codes = countries_matching(term) if kind.country_field else []
    if codes:
        # "Japan" or 日本 finds the partners and scholars from there.
        condition |= Q(**{f"{kind.country_field}__in": codes})
    return condition


def substring_filter(kind, terms):
    """Every term appears in at least one searched column (either language)."""
    condition = Q()
    for term in terms:
        condition &= _contains_any(kind.title, term) | _summary_contains(kind, term) | _contains_any(kind.body, term)
    return condition


def substring_score(kind, terms):
    score = Value(0.0)
    for term in terms:
        for condition, weight in (
            (_contains_any(kind.title, term), TITLE_SCORE),
            (_summary_contains(kind, term), SUMMARY_SCORE),
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


def indexed_matches(kind, query, search_query):
    """Rows with the query's words, a title close to it, or every term as a substring.

    Each condition reads one column of the row's own table that has a GIN index
    (search_indexes.py), so PostgreSQL combines index scans instead of reading
    every row.
    """
    matches = Q(search_vector=search_query)
    if len(query) >= TYPO_MIN_LENGTH:
        # Trigram word similarity forgives a typo in a name ("Kyotto"). A shorter
        # query has no trigram for the index to look up, and comparing it with
        # every row's title was most of a search's time.
        for column in kind.title:
            matches |= Q(**{f"{column}__trigram_word_similar": query})
    terms = query_terms(query)
    if terms:
        every_term = Q()
        for term in terms:
            contains = Q(search_text__contains=term.lower())
            if pairs := chinese_pairs_query(term):
                # The pairs narrow the rows through the vector's index; the substring checks their order.
                contains &= Q(search_vector=pairs)
            every_term &= contains
        matches |= every_term
    return matches


def ranked(kind, query, markers):
    """The kind's published rows matching `query`, best first, annotated with
    `search_rank` and `search_headline`."""
    search_query = SearchQuery(query, search_type="websearch", config=TEXT_SEARCH_CONFIG)
    # A broad query ("university") matches most rows; ranking them all grew with the
    # data. The first CANDIDATES matches (index order) are ranked, and the page says
    # when there were more.
    matching = kind.queryset().filter(indexed_matches(kind, query, search_query))
    candidates = matching.order_by().values("pk")[:CANDIDATES]
    similarities = [TrigramWordSimilarity(Value(query), column) for column in kind.title]
    similarity = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
    rank = SearchRank(F("search_vector"), search_query) + 0.3 * similarity
    terms = query_terms(query)
    if terms:
        rank = rank + 0.5 * substring_score(kind, terms)
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
