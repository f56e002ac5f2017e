"""Rows of a list kept rendered until what they show changes.

Rendering a list's rows through the template language was most of a list
page's time once the page cache was missed (a filter not asked for lately, a
page after a save). Each row's HTML is kept under a key made of the values the
row shows, so a change to a row changes its key and that row alone is rendered
again; the rows of one list are read from the cache in one round trip.
"""

import functools
import hashlib

from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import CharField, F
from django.db.models.expressions import RawSQL
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import content_cache
from core.kept_here import KeptHere

# A kept value changes with its key, never in place: it may be kept long.
KEPT_SECONDS = 24 * 60 * 60


# Rows are 1-3 KB: a few MB a process, enough for the first pages of every list in both languages.
rows_here = KeptHere(at_most=4096)
# Larger parts of a page kept under keys that name everything they show (a map, a form, a search
# result's card); a map is 140 KB, so the text bound matters more than the count here.
parts_here = KeptHere(at_most=2048)


def kept_many(keys, make, here=parts_here):
    """{key: value} for `keys` (each naming everything its value shows): from this process, else
    from the shared cache, else from `make(missing keys)` (a dict), then kept in both."""
    found = here.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        shared = cache.get_many(missing)
        here.set_many(shared)
        found.update(shared)
        missing = [key for key in missing if key not in found]
    if missing and (made := make(missing)):
        cache.set_many(made, KEPT_SECONDS)
        here.set_many(made)
        found.update(made)
    return found


def kept(key, render):
    """What `render()` makes, kept under `key` (which must name everything it shows)."""
    return kept_many([key], lambda _missing: {key: render()})[key]


class StampedRows:
    """A list's rows known first by what their kept HTML is keyed on, read whole only when not kept.

    Reading a page's rows whole (joined, annotated, their linked rows prefetched) and making
    model instances of them was most of a list page's time once their HTML was kept. The
    keys need a few values of each row only: `stamps` maps each key path the template names
    to a lookup or expression for it (one light query), or to a function of the row's other
    stamps (worked out here, and set on the whole row when it is rendered: the time left).
    Rows whose HTML is not kept are read whole from `queryset`, in one more query.
    `limit`: the first rows only; `has_more` tells whether there were more.
    """

    def __init__(self, queryset, stamps, limit=None, kept_as=None, changes_at=None):
        self.queryset = queryset
        self.stamps = stamps
        self.limit = limit
        # A short list shown on many pages (the home page's) may keep its stamps read under
        # `kept_as` until a table they read changes or `changes_at(rows)` passes (None: never).
        self.kept_as = kept_as
        self.changes_at = changes_at or (lambda rows: None)

    def _read_stamps(self):
        read = {path: spec for path, spec in self.stamps.items() if not callable(spec)}
        columns = {f"stamp_{index}": F(spec) if isinstance(spec, str) else spec for index, spec in enumerate(read.values())}
        values = self.queryset.prefetch_related(None).values("pk", **columns)
        if self.limit is not None:
            values = values[: self.limit + 1]
        return [{"pk": found["pk"], **{path: found[f"stamp_{index}"] for index, path in enumerate(read)}} for found in values]

    def _stamps_kept(self):
        def read():
            rows = self._read_stamps()
            return rows, self.changes_at(rows)

        return content_cache.cached_until(f"stamped-rows:{self.kept_as}", read)

    @cached_property
    def _read(self):
        stored = self._stamps_kept() if self.kept_as else self._read_stamps()
        rows = []
        for found in stored:
            row = dict(found)  # a kept list is shared: its rows are never changed in place
            row.update({path: spec(row) for path, spec in self.stamps.items() if callable(spec)})
            rows.append(row)
        return rows

    @property
    def rows(self):
        return self._read[: self.limit] if self.limit is not None else self._read

    @property
    def has_more(self):
        return self.limit is not None and len(self._read) > self.limit

    def whole(self, stamped_rows):
        """The model instances of these stamped rows, with the worked-out values set on them."""
        whole = self.queryset.all()
        whole.query.clear_limits()  # the first rows of a list (a slice) are picked by their keys now
        found = {row.pk: row for row in whole.filter(pk__in=[row["pk"] for row in stamped_rows])}
        for row in stamped_rows:
            for path, spec in self.stamps.items():
                if callable(spec) and row["pk"] in found:
                    setattr(found[row["pk"]], path, row[path])
        return [found[row["pk"]] for row in stamped_rows if row["pk"] in found]

    def __iter__(self):
        """The rows whole, for code other than the row template (one query)."""
        return iter(self.whole(self.rows))

    def __bool__(self):
        return bool(self.rows)

    def __len__(self):
        return len(self.rows)


def stamps_for(key, **special):
    """Stamps for a row key of dotted paths: each path's lookup ("partner.updated_at" reads
    partner__updated_at), or what `special` gives for it (a link's stamp, a worked-out value)."""
    return {path: special.get(path, path.replace(".", "__")) for path in key.split() if not path.startswith("@")}


@functools.cache
def linked_stamp(model, relation):
    """A many-to-many relation's stamp: the linked rows' ids and last changes, as one array.

    Written as SQL once per relation from the models' tables: the same subquery built from
    expressions cost more to compile, on every request, than running it."""
    field = model._meta.get_field(relation)
    through, linked = field.remote_field.through._meta, field.related_model._meta
    quote = connection.ops.quote_name
    source = quote(through.get_field(field.m2m_field_name()).column)
    target = quote(through.get_field(field.m2m_reverse_field_name()).column)
    key, changed = quote(linked.pk.column), quote(linked.get_field("updated_at").column)
    stamp = f"linked.{key}::text || ' ' || linked.{changed}::text"
    tables = f"{quote(through.db_table)} link JOIN {quote(linked.db_table)} linked ON linked.{key} = link.{target}"
    outer = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
    # Table and column names from the models, quoted; no values.
    sql = f"(SELECT array_agg({stamp} ORDER BY linked.{key}) FROM {tables} WHERE link.{source} = {outer})"  # noqa: S608
    return RawSQL(sql, (), output_field=ArrayField(CharField()))  # noqa: S611 - names from the models, no values


def _value(context, row, path):
    """A dotted path on the row; "@name" is a variable of the page's context. A related
    manager stands for the rows it holds (prefetched), each by its id and last change.
    A stamped row (a dict) has its values under the paths themselves."""
    if path.startswith("@"):
        return context.get(path[1:])
    if isinstance(row, dict):
        return row[path]
    for name in path.split("."):
        row = getattr(row, name, None) if row is not None else None
    if callable(getattr(row, "all", None)):
        return [(item.pk, getattr(item, "updated_at", None)) for item in row.all()]
    return row


def row_key(context, template_name, row, paths):
    values = [template_name, get_language() or "", *(repr(_value(context, row, path)) for path in paths)]
    return "row:" + hashlib.sha256("\x1f".join(values).encode()).hexdigest()


def render_rows(context, rows, template_name, name, paths):
    """The HTML of `rows` through `template_name` (each row as `name`), from the cache where
    a row with the same values of `paths` was rendered before."""
    stamped = rows if isinstance(rows, StampedRows) else None
    if stamped is not None and (unread := [path for path in paths if not path.startswith("@") and path not in stamped.stamps]):
        raise ImproperlyConfigured(f"{template_name}: the rows' stamps do not read {', '.join(unread)}")
    rows = stamped.rows if stamped is not None else list(rows)
    keys = [row_key(context, template_name, row, paths) for row in rows]
    by_key = dict(zip(keys, rows, strict=True))

    def render_missing(missing):
        to_render = {key: by_key[key] for key in missing}
        if stamped is not None:
            whole = {row.pk: row for row in stamped.whole(list(to_render.values()))}
            # A row deleted between the two queries is left out.
            to_render = {key: whole[row["pk"]] for key, row in to_render.items() if row["pk"] in whole}
        template = context.template.engine.get_template(template_name)
        rendered = {}
        for key, row in to_render.items():
            with context.push(**{name: row}):
                rendered[key] = template.render(context)
        return rendered

    kept_rows = kept_many(keys, render_missing, here=rows_here)
    # Every part is the output of an autoescaping template, as {% include %}'s would be.
    return mark_safe("".join(kept_rows.get(key, "") for key in keys))  # noqa: S308


# The frame's parts (menu, footer, style sheets) look the same on thousands of pages: each is
# kept rendered in the process, under a key of everything it shows — the language, the site's
# settings, and the values a template names — and rendered again when one of those changes.
# Rendering them every time was most of a short page's time.
_frame_parts = KeptHere(at_most=256)


def site_state(site):
    """Every stored value of the site's settings (all languages): a save changes it.

    Read from the instance's stored values: through modeltranslation's descriptors, reading
    every field for every frame part cost more than rendering the part."""
    if site is None:
        return None
    stored = vars(site)
    return tuple(stored.get(field.attname) for field in site._meta.concrete_fields)


def render_frame_part(context, name, vary, render):
    """The HTML of `render(context)`, kept in this process for `name`, the language, the site's
    settings and the values of `vary`."""
    key = (name, get_language(), site_state(context.get("site")), *vary)
    html = _frame_parts.get(key)
    if html is None:
        html = render(context)
        _frame_parts.set(key, html)
    return html


def render_kept_part(name, vary, render):
    """`render()`'s HTML, kept for `name`, the language and `vary` while the tables it read are
    unchanged. Keyed like a page in the page cache, but shared by every page and visitor that
    shows the part: a partner's recognised courses stay drawn after a news article is saved,
    and for the logged-in visitor whose pages are never cached whole."""
    values = [name, get_language() or "", *(repr(value) for value in vary)]
    key = "part:" + hashlib.sha256("\x1f".join(values).encode()).hexdigest()
    html = content_cache.cached_until(key, lambda: (str(render()), None), KEPT_SECONDS, only_if_read=True)
    # Every part is the output of an autoescaping template, as {% include %}'s would be.
    return mark_safe(html)  # noqa: S308


def forget_kept_here():
    """Drop every copy kept in this process (the shared cache was cleared: tests)."""
    for process_copies in (_frame_parts, rows_here, parts_here, content_cache.kept_entries):
        process_copies.clear()


@receiver(setting_changed)
def forget_when_settings_change(**kwargs):
    """URLs, static files and languages come from settings (tests change them)."""
    forget_kept_here()
