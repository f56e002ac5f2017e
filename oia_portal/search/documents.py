"""Each searchable row keeps its words as a stored tsvector (PostgreSQL).

Parsing every row's text again on every search was most of a search's time at
ten times the demo's data; a stored vector is parsed once, when the row is
saved. Saving a row refreshes its vector, and saving a partner refreshes its
programmes' (they are found by the partner's name too). Rows written without
save() (bulk_create, an old dump restored) get theirs after every migrate and
seed, or from `manage.py refresh_search_vectors`. Other databases store
nothing: the search there matches substrings.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db.models import Case, F, Func, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, Lower
from django.db.models.signals import post_save

from core.forms import country_names
from oia_portal.search.kinds import KINDS

TEXT_SEARCH_CONFIG = "english"


def _column(model, path):
    """A column of the row; for `relation__field`, that column of the related row
    (an UPDATE cannot join, a subquery can)."""
    if "__" not in path:
        return path
    relation, name = path.split("__", 1)
    foreign_key = model._meta.get_field(relation)
    rows = foreign_key.related_model._base_manager.filter(pk=OuterRef(foreign_key.attname))
    return Subquery(rows.values(name)[:1])


# A run of Chinese characters is one word to PostgreSQL's parser, and a two-character word
# (京都, 日本) has no trigram for the substring index: such a search read every row. Each
# pair of adjacent characters is kept as a word of its own, found through the vector's index.
CHINESE_RUN = "[㐀-䶿一-鿿豈-﫿]{2,}"
CHINESE_WORD = re.compile(f"^{CHINESE_RUN}$")


class ChinesePairs(Func):
    """Every pair of adjacent Chinese characters in a text, space-separated ("京都大學" → "京都 都大 大學").

    Runs of Chinese characters are cut out first, so that English text costs nothing.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection):
        text, params = compiler.compile(self.source_expressions[0])
        # {text} is compiled SQL whose values travel as params, like every expression's.
        sql = (
            "(SELECT string_agg(substr(run[1], i, 2), ' ') "  # noqa: S608
            f"FROM regexp_matches({text}, %s, 'g') AS run, generate_series(1, length(run[1]) - 1) AS i)"
        )
        return sql, (*params, CHINESE_RUN)


def chinese_pairs(term):
    """Every pair of `term`'s characters as a raw text-search query ("京都 & 都大"), or None
    when the term is not a Chinese word of two or more characters."""
    if not CHINESE_WORD.match(term):
        return None
    return " & ".join(dict.fromkeys(term[index : index + 2] for index in range(len(term) - 1)))


def document_vector(kind):
    """Title words weigh most (A), then short descriptive fields (B), then long text (C); the
    pairs of Chinese characters of the stored text least (D)."""

    def weighted(columns, weight):
        expressions = [_column(kind.model, path) for path in columns]
        return SearchVector(*expressions, weight=weight, config=TEXT_SEARCH_CONFIG)

    pairs = SearchVector(ChinesePairs(F("search_text")), weight="D", config="simple")
    return weighted(kind.title, "A") + weighted(kind.summary, "B") + weighted(kind.body, "C") + pairs


@lru_cache(maxsize=1)
def _names_by_country():
    """{code: "japan 日本"}: every country named in every language (they do not change while running)."""
    languages = [language for language, _name in settings.LANGUAGES]
    return {
        code: " ".join(country_names(language)[code] for language in languages) for code in country_names(languages[0])
    }


def _country_names(field, codes):
    """The row's country named in every language ("japan 日本"), so that a search for
    the country finds the row through the same index as any other word.

    Only the `codes` the rows hold get a branch: a CASE over all 250 countries cost
    about 0.1 s of Python per UPDATE, which every saved partner paid twice.
    """
    names = _names_by_country()
    whens = [When(**{field: code}, then=Value(names[code])) for code in sorted(codes) if code in names]
    return Case(*whens, default=Value(""), output_field=TextField())


def document_text(kind, codes=None):
    """Every searched column in every language, lower-cased, for substring matching.

    `codes`: the countries of the rows to be written (None: every country)."""
    parts = []
    for path in (*kind.title, *kind.summary, *kind.body):
        parts += [Coalesce(_column(kind.model, path), Value(""), output_field=TextField()), Value(" ")]
    if kind.country_field:
        parts.append(_country_names(kind.country_field, _names_by_country() if codes is None else codes))
    return Lower(Concat(*parts, output_field=TextField()))


def refresh_vectors(kind, rows):
    """Store the vectors and texts of `rows`, a queryset of the kind's model; how many were written."""
    codes = None
    if kind.country_field:
        codes = set(rows.order_by().values_list(kind.country_field, flat=True).distinct())
        if not codes:
            return 0  # no rows
    rows.update(search_text=document_text(kind, codes))  # first: the vector's Chinese pairs are read from it
    return rows.update(search_vector=document_vector(kind))


def refresh_all_vectors(using="default", missing_only=False):
    written = 0
    for kind in KINDS:
        rows = kind.model._base_manager.using(using)
        if missing_only:
            rows = rows.filter(Q(search_vector__isnull=True) | Q(search_text__isnull=True))
        written += refresh_vectors(kind, rows)
    return written


def _related_paths(kind):
    """{relation name: related model} for each other table the kind's words come from."""
    relations = {path.split("__", 1)[0] for path in (*kind.title, *kind.summary, *kind.body) if "__" in path}
    return {relation: kind.model._meta.get_field(relation).related_model for relation in sorted(relations)}


def _refresh_saved_row(kind):
    def receiver(sender, instance, using, **kwargs):
        refresh_vectors(kind, kind.model._base_manager.using(using).filter(pk=instance.pk))

    return receiver


def _refresh_rows_naming(kind, relation):
    def receiver(sender, instance, using, created, **kwargs):
        if not created:  # a new row is nobody's relation yet
            refresh_vectors(kind, kind.model._base_manager.using(using).filter(**{relation: instance}))

    return receiver


def refresh_missing_after_migrate(using, **kwargs):
    refresh_all_vectors(using, missing_only=True)


def _refresh_after_erasure(sender, pks, **kwargs):
    """Erased rows (or rows naming them) get their words again from what is left."""
    for kind in KINDS:
        if sender is kind.model:
            refresh_vectors(kind, kind.model._base_manager.filter(pk__in=pks))
        for relation, related_model in _related_paths(kind).items():
            if sender is related_model:
                refresh_vectors(kind, kind.model._base_manager.filter(**{f"{relation}__in": pks}))


def connect_signals():
    from privacy.signals import personal_data_erased

    personal_data_erased.connect(_refresh_after_erasure, dispatch_uid="search:erased")
    for kind in KINDS:
        post_save.connect(_refresh_saved_row(kind), sender=kind.model, weak=False, dispatch_uid=f"search:{kind.key}")
        for relation, related_model in _related_paths(kind).items():
            post_save.connect(
                _refresh_rows_naming(kind, relation),
                sender=related_model,
                weak=False,
                dispatch_uid=f"search:{kind.key}:{relation}",
            )
