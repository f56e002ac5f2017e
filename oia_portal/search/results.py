"""Search results as the page shows them: grouped by kind, with excerpts."""

import hashlib
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import get_language

from core.fragment_cache import kept_many
from core.models import SEARCH_COLUMNS
from oia_portal.search.backends import RANKED_AT_MOST, Needles, ranked
from oia_portal.search.query import query_terms
from oia_portal.search.snippets import SNIPPET_LENGTH, HeadlineMarkers, highlight
from oia_portal.search.statements import overview_rows


@dataclass
class SearchResult:
    title: str
    url: str
    snippet: str
    details: list


@dataclass
class ResultGroup:
    kind: object
    total: int
    results: list = field(default_factory=list)
    # More rows matched than are ranked (RANKED_AT_MOST): `total` is that bound.
    capped: bool = False

    @property
    def has_more(self):
        return self.total > len(self.results)


def _card(kind, obj):
    """What a result shows of its row whatever the query: plain strings, so that it can be kept."""
    return {
        "title": str(obj),
        "url": obj.get_absolute_url(),
        "details": [str(detail) for detail in kind.describe(obj)],
        "text": kind.snippet_text(obj),
    }


def _result(card, headline, terms, markers):
    snippet = markers.to_html(headline)
    if not snippet or len(snippet) > 2 * SNIPPET_LENGTH:
        # PostgreSQL highlighted nothing (a Chinese substring match) or gave a
        # whole unsegmented Chinese paragraph: cut and mark it here instead.
        snippet = highlight(card["text"], terms)
    return SearchResult(title=card["title"], url=card["url"], snippet=snippet, details=card["details"])


def _card_key(kind, row):
    pk, _headline, _total, *stamps = row
    values = repr((kind.key, get_language(), pk, *stamps))
    return "search-card:" + hashlib.sha256(values.encode()).hexdigest()


def _cards(kind, found):
    """Each found row's card, by pk: kept under the row's stamps (the same row found by any
    query), read whole in one query only for the rows not kept (or of a kind without stamps)."""

    def read_whole(pks):
        rows = kind.queryset().defer(*SEARCH_COLUMNS).in_bulk(pks)
        return {pk: _card(kind, row) for pk, row in rows.items()}  # a row deleted in between is left out

    if not kind.stamps:
        return read_whole([row[0] for row in found])
    keys = {row[0]: _card_key(kind, row) for row in found}
    pks_of = {key: pk for pk, key in keys.items()}

    def make(missing):
        return {keys[pk]: card for pk, card in read_whole([pks_of[key] for key in missing]).items()}

    cards = kept_many(list(keys.values()), make)
    return {pk: cards[key] for pk, key in keys.items() if key in cards}


def search_group(kind, query, limit):
    """The best `limit` results of one kind and how many there are: the ranking query, and
    one for the rows it found whose cards are not kept."""
    markers = HeadlineMarkers()
    needles = Needles.of(query)
    found = overview_rows(kind, needles, markers, limit)
    cards = _cards(kind, found)
    terms = needles.terms
    total = found[0][2] if found else 0
    return ResultGroup(
        kind=kind,
        total=min(total, RANKED_AT_MOST),
        results=[_result(cards[row[0]], row[1], terms, markers) for row in found if row[0] in cards],
        capped=total > RANKED_AT_MOST,
    )


class CappedPaginator(Paginator):
    """Pages over the ranked rows only; `capped` tells that more rows matched."""

    capped = False

    @cached_property
    def count(self):
        found = self.object_list.count()
        self.capped = found > RANKED_AT_MOST
        return min(found, RANKED_AT_MOST)


def search_page(kind, query, page_number, per_page):
    """One page of one kind's results (a count query and a page query)."""
    markers = HeadlineMarkers()
    page = CappedPaginator(ranked(kind, query, markers), per_page).get_page(page_number)
    terms = query_terms(query)
    page.object_list = [_result(_card(kind, row), row.search_headline, terms, markers) for row in page.object_list]
    group = ResultGroup(kind=kind, total=page.paginator.count, results=page.object_list, capped=page.paginator.capped)
    return group, page
