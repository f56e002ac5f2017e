"""The overview's ranking query of each kind, compiled once per shape of query, not per search.

Building and compiling a kind's ranking query (each term against each column in both
languages, a rank, a headline: a few hundred expressions) was most of a search's Python
time, seven kinds a search. The SQL depends on what was typed only through its
parameters, and otherwise on the query's *shape*: how many terms, which of them are
Chinese words, how many countries each names, whether it is long enough to forgive a
typo. So each kind's statement is compiled once per shape and language with a
placeholder standing in for every value (`stand_ins`), and each search fills in its
own (`fill`). Tests compare the filled statement with a freshly compiled one.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Window
from django.utils import timezone
from django.utils.translation import get_language

from oia_portal.search.backends import Needles, ranked

PLACEHOLDER = re.compile(r"zqx\d+xqz")
# Markers are the only values that may stand inside a longer string (the headline's options).
_MARKER_VALUE = re.compile(r"[0-9a-z]+")
# How many compiled statements a process keeps (kinds × languages × shapes actually asked for).
KEPT_AT_MOST = 512
COLUMNS = ("found", "search_headline", "search_total")


class _Now:
    """Where a kind's queryset read the clock (news: published by now): read again each time."""


NOW = _Now()


@dataclass(frozen=True)
class Markers:
    start: str
    stop: str


def shape(needles):
    return (needles.typo, tuple(pairs is None for pairs in needles.pairs), tuple(len(codes) for codes in needles.countries))


def stand_ins(needles, markers):
    """Needles and markers of the same shape whose every value is a placeholder, and the value
    each placeholder stands for. Placeholders are numbered in one order, so two queries of one
    shape get the same ones."""
    values = {}

    def hold(value):
        token = f"zqx{len(values)}xqz"
        values[token] = value
        return token

    held = Needles(
        query=hold(needles.query),
        terms=tuple(hold(term) for term in needles.terms),
        lowered=tuple(hold(term) for term in needles.lowered),
        pairs=tuple(None if pairs is None else hold(pairs) for pairs in needles.pairs),
        countries=tuple(tuple(hold(code) for code in codes) for codes in needles.countries),
        typo=needles.typo,
    )
    return held, Markers(hold(markers.start), hold(markers.stop)), values


def stamp_columns(kind):
    return [f"stamp_{index}" for index in range(len(kind.stamps))]


def overview_query(kind, needles, markers, limit):
    """The kind's best `limit` matches as (pk, headline, total matching, *the row's stamps) rows."""
    stamps = dict(zip(stamp_columns(kind), (F(lookup) for lookup in kind.stamps), strict=True))
    ranking = ranked(kind, needles, markers).annotate(search_total=Window(Count("pk")), found=F("pk"), **stamps)
    return ranking.values_list(*COLUMNS, *stamps)[:limit]


def compile_statement(kind, needles, markers, limit):
    started = timezone.now()
    sql, params = overview_query(kind, needles, markers, limit).query.sql_with_params()
    finished = timezone.now()
    params = tuple(
        NOW if isinstance(param, datetime.datetime) and started <= param <= finished else param for param in params
    )
    return sql, params


def fill(statement, values, now=None):
    """The statement with each placeholder replaced by its value, as Django would have written it,
    and the clock read now (or `now`)."""
    sql, params = statement
    filled = []
    for param in params:
        if param is NOW:
            param = timezone.now() if now is None else now
        elif isinstance(param, str) and "zqx" in param:
            if param in values:
                param = values[param]
            elif param[:1] == param[-1:] == "%" and param[1:-1] in values:  # a LIKE pattern: %value%
                param = f"%{connection.ops.prep_for_like_query(values[param[1:-1]])}%"
            else:
                param = PLACEHOLDER.sub(lambda match: _marker(values[match.group()]), param)
        filled.append(param)
    return PLACEHOLDER.sub(lambda match: _marker(values[match.group()]), sql), tuple(filled)


def _marker(value):
    if not _MARKER_VALUE.fullmatch(value):
        raise ValueError("Only a headline marker may be written into a longer string.")
    return value


_statements = {}


def overview_rows(kind, needles, markers, limit):
    """The kind's best `limit` matches as (pk, headline, total matching, *stamps) rows, from the
    statement compiled for this shape of query (compiled now if it is the first of its shape)."""
    held, held_markers, values = stand_ins(needles, markers)
    key = (kind.key, get_language(), shape(needles), limit)
    statement = _statements.get(key)
    if statement is None:
        if len(_statements) >= KEPT_AT_MOST:
            _statements.clear()
        statement = _statements[key] = compile_statement(kind, held, held_markers, limit)
    with connection.cursor() as cursor:
        cursor.execute(*fill(statement, values))
        # The columns come in the order Django writes them (fields, then annotations).
        columns = [column.name for column in cursor.description]
        at = [columns.index(name) for name in (*COLUMNS, *stamp_columns(kind))]
        return [tuple(row[index] for index in at) for row in cursor.fetchall()]
