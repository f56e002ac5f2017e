"""The overview's statements, compiled once per shape of query, are the ones Django compiles per query.

Queries are generated from the rows' own words (titles, names, cities in both
languages), country names, and those words made hostile (LIKE wildcards, quotes,
backslashes, the placeholders' own spelling, several terms, a typo's length); for
each, every kind and both languages, the statement filled with the query's values
must be exactly — SQL and parameters — what Django writes for that query.
"""

import itertools

import pytest
from django.utils import translation
from django_countries import countries

from oia_portal.search import statements
from oia_portal.search.backends import Needles
from oia_portal.search.kinds import KINDS
from oia_portal.search.snippets import HeadlineMarkers
from tests.events.factories import EventFactory, NewsArticleFactory
from tests.exchanges.factories import ExchangeProgramFactory
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    kyoto = PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學", city_en="Kyoto", city_zh_hant="京都")
    ExchangeProgramFactory(partner=kyoto, title_en="Engineering semester", title_zh_hant="工程學期交換")
    lyon = PartnerUniversityFactory(name_en="Université Lumière Lyon 2", name_zh_hant="里昂第二大學", country="FR", city_en="Lyon")
    ExchangeProgramFactory(partner=lyon, title_en="Semester in Lyon", title_zh_hant="里昂學期")
    EventFactory(title_en="Harbour festival", title_zh_hant="港口節")
    NewsArticleFactory(title_en="100% of seats filled", title_zh_hant="名額全滿")
    return [kyoto, lyon]


def generated_queries(partners):
    words = set()
    for partner in partners:
        for text in (partner.name_en, partner.name_zh_hant, partner.city_en, partner.city_zh_hant):
            words.update((text or "").split())
            words.add(text[:2])  # a two-character Chinese word, or a too-short Latin one
    with translation.override("zh-hant"):
        words.update([str(countries.name("JP")), str(countries.name("FR"))[:2]])
    words.update([str(countries.name("JP")), "Japan"])
    hostile = {f"{word}{tail}" for word in list(words)[:4] for tail in ("%", "_x", "\\", "'", '"')}
    placeholders = {"zqx0xqz", "zqx12xqz semester"}
    pairs = {" ".join(pair) for pair in itertools.combinations(sorted(words)[:5], 2)}
    many = {" ".join(sorted(words)[:8])}
    return sorted(words | hostile | placeholders | pairs | many)


def test_a_filled_statement_is_what_django_compiles_for_that_query(rows):
    queries = generated_queries(rows)
    assert len(queries) > 40
    markers = HeadlineMarkers()
    for language in ("en", "zh-hant"):
        with translation.override(language):
            for kind, query in itertools.product(KINDS, queries):
                needles = Needles.of(query)
                held, held_markers, values = statements.stand_ins(needles, markers)
                template = statements.compile_statement(kind, held, held_markers, 5)
                expected = statements.compile_statement(kind, needles, markers, 5)
                assert statements.fill(template, values, now=statements.NOW) == expected, (language, kind.key, query)


def test_the_overview_finds_what_the_orm_query_finds(rows):
    markers = HeadlineMarkers()
    for language, query in [("en", "Kyoto"), ("en", "semester lyon"), ("zh-hant", "京都"), ("en", "Japan"), ("en", "100%")]:
        with translation.override(language):
            for kind in KINDS:
                needles = Needles.of(query)
                expected = list(statements.overview_query(kind, needles, markers, 5))
                assert statements.overview_rows(kind, needles, markers, 5) == expected, (language, kind.key, query)
                assert statements.overview_rows(kind, needles, markers, 5) == expected  # from the kept statement


def test_what_was_typed_never_stands_in_the_sql_text(rows):
    query = "Kyoto' OR 1=1 -- %_"
    needles = Needles.of(query)
    held, held_markers, values = statements.stand_ins(needles, HeadlineMarkers())
    for kind in KINDS:
        sql, params = statements.fill(statements.compile_statement(kind, held, held_markers, 5), values)
        assert "1=1" not in sql and "Kyoto" not in sql
        assert query in params


def test_only_a_marker_may_be_written_inside_a_longer_string():
    with pytest.raises(ValueError):
        statements.fill(("SELECT %s", ("StartSel=zqx0xqz",)), {"zqx0xqz": "x', 'y"})
