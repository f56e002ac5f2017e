"""Search results as the page shows them: grouped by kind, with excerpts."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.functional import cached_property

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


def _result(kind, obj, terms, markers):
    headline = markers.to_html(getattr(obj, "search_headline", ""))
    if not headline or len(headline) > 2 * SNIPPET_LENGTH:
        # PostgreSQL highlighted nothing (a Chinese substring match) or gave a
        # whole unsegmented Chinese paragraph: cut and mark it here instead.
        headline = highlight(kind.snippet_text(obj), terms)
    return SearchResult(title=str(obj), url=obj.get_absolute_url(), snippet=headline, details=kind.describe(obj))


def search_group(kind, query, limit):
    """The best `limit` results of one kind and how many there are: the ranking query, and
    one for the rows it found."""
    markers = HeadlineMarkers()
    needles = Needles.of(query)
    found = overview_rows(kind, needles, markers, limit)
    shown = kind.queryset().defer("search_vector", "search_text").in_bulk([pk for pk, _headline, _total in found])
    rows = []
    for pk, headline, _total in found:
        if pk in shown:  # not deleted in between
            shown[pk].search_headline = headline
            rows.append(shown[pk])
    terms = needles.terms
    total = found[0][2] if found else 0
    return ResultGroup(
        kind=kind,
        total=min(total, RANKED_AT_MOST),
        results=[_result(kind, row, terms, markers) for row in rows],
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
    page.object_list = [_result(kind, row, terms, markers) for row in page.object_list]
    group = ResultGroup(kind=kind, total=page.paginator.count, results=page.object_list, capped=page.paginator.capped)
    return group, page
