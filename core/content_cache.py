"""Cached pages and fragments that go stale only when a table they read changes.

Each content table has a version number in the shared cache; saving or deleting
a row (or changing a many-to-many link) bumps the version of that row's table.
While a page or fragment is rendered, every SQL query it runs is watched and the
tables it reads are noted; the cached copy is stored with the versions of those
tables, and served again only while they are all unchanged. So saving a news
article leaves the partner pages cached, and saving a partner makes exactly
the pages that read partners render again.

Site settings are read from their own cache, not by SQL, and show on every
page: their table counts as read by everything.
"""

import pickle
import re
import threading
import time
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from core.kept_here import KeptHere

CONTENT_APPS = {"core", "partners", "exchanges", "scholars", "events", "incoming", "abroad"}
# Table names as PostgreSQL and SQLite get them from Django: always double-quoted.
_TABLE = re.compile(r'(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)
_recorders = threading.local()
# Parts and values kept with the versions of the tables they read ({% kept_part %}, cached()),
# in this process: used while those versions hold.
kept_entries = KeptHere(at_most=2048)


def _version_key(table):
    return f"content-cache:table:{table}"


def content_tables():
    """Every table of the portal's own content, many-to-many link tables included."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in CONTENT_APPS:
            tables.add(model._meta.db_table)
    return tables


def always_read():
    from core.models import SiteSettings

    return {SiteSettings._meta.db_table}


# Versions read during a request are read once: a page of several kept parts asks for the site
# settings' and the partners' versions again and again, a round trip each time. A change made by
# another process meanwhile shows on the next request (the copy kept under it is redrawn then).
_request = threading.local()


def _remember_versions(**kwargs):
    _request.versions = {}


def _forget_versions(**kwargs):
    _request.versions = None


def table_versions(tables):
    """The current version of each table (read once a request); a table without one (new, or
    evicted) gets a fresh one."""
    known = getattr(_request, "versions", None)
    if known is None:
        return _read_versions(tables)
    if not known:
        # The first need of a request reads every content table's version in one round trip:
        # the page's other parts read other tables, and asking for each set was a trip each.
        known.update(_read_versions(content_tables_cached() | set(tables)))
    elif unseen := [table for table in tables if table not in known]:
        known.update(_read_versions(unseen))
    return {table: known[table] for table in tables if table in known}


def _read_versions(tables):
    keys = {_version_key(table): table for table in tables}
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    for key, value in missing.items():
        # add(): two processes starting a version at once agree on the first.
        cache.add(key, value, timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {keys[key]: value for key, value in found.items()}


def bump_table(table):
    try:
        cache.incr(_version_key(table))
    except ValueError:  # no version yet (or evicted): start a fresh one
        cache.set(_version_key(table), time.time_ns(), timeout=None)
    if known := getattr(_request, "versions", None):
        known.pop(table, None)  # this request's own save shows in the rest of it


def _bump_for_content(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_table(sender._meta.db_table)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_bump_for_content, dispatch_uid=f"content_cache:{id(signal)}")
    request_started.connect(_remember_versions, dispatch_uid="content_cache:request-started")
    request_finished.connect(_forget_versions, dispatch_uid="content_cache:request-finished")


def _stack():
    if not hasattr(_recorders, "stack"):
        _recorders.stack = []
    return _recorders.stack


def _note_tables(tables):
    for recorder in _stack():
        recorder.update(tables)


def _watch(execute, sql, params, many, context):
    _note_tables(_TABLE.findall(sql))
    return execute(sql, params, many, context)


@contextmanager
def recording():
    """Collects the content tables read inside the block (nested blocks add to the outer ones)."""
    tables = set()
    stack = _stack()
    stack.append(tables)
    try:
        if len(stack) == 1:
            with connection.execute_wrapper(_watch):
                yield tables
        else:
            yield tables
    finally:
        stack.pop()
        tables &= content_tables_cached()
        tables |= always_read()


_content_tables = None


def content_tables_cached():
    global _content_tables
    if _content_tables is None:
        _content_tables = content_tables()
    return _content_tables


def is_fresh(entry):
    """Whether a stored entry's tables are all at the versions it was made with."""
    versions = entry.get("versions", {})
    return bool(versions) and table_versions(versions) == versions


def entry(value, tables):
    """`value` with the versions of the tables it read, as stored."""
    return {"versions": table_versions(tables), "value": value}


def store(key, value, tables, timeout):
    cache.set(key, entry(value, tables), timeout)


def _holds(stored):
    """Whether a stored entry is there and none of the tables it read changed since.

    A hit counts as reading those tables, so a page built from cached
    fragments still depends on what the fragments read.
    """
    if stored is None or not is_fresh(stored):
        return False
    _note_tables(stored["versions"])
    return True


def fresh_value(stored):
    """A stored entry's value if none of the tables it read changed since; else None."""
    return stored["value"] if _holds(stored) else None


def fetch(key):
    """The value stored under `key` if none of the tables it read changed since; else None."""
    return fresh_value(cache.get(key))


# What _value_kept answers when nothing usable is kept: a kept value may be None itself.
_NOT_KEPT = object()


def _value_kept(key):
    """The value kept under `key` while the tables it read are unchanged and the moment it
    changes by time (if any) has not come: this process's copy first, else the shared one."""
    now = timezone.now()

    def holds(stored):
        return stored is not None and (stored.get("until") is None or now < stored["until"]) and _holds(stored)

    if holds(here := kept_entries.get(key)):
        # Kept pickled here: a caller that changes what it was given changes no one else's.
        return pickle.loads(here["value"])  # noqa: S301 - written by this process, below
    shared = cache.get(key)
    if not holds(shared):
        return _NOT_KEPT
    kept_entries.set(key, {**shared, "value": pickle.dumps(shared["value"])})
    return shared["value"]


def cached_until(key, compute, timeout=3600, only_if_read=False):
    """Like cached(), for a value that changes by time alone too: `compute()` gives the value and
    the moment it next changes that way (None: never), e.g. when the first listed event ends.
    only_if_read: keep it only if it read a content table (one that read its rows before could
    never know it went stale)."""
    value = _value_kept(key)
    if value is _NOT_KEPT:
        with recording() as tables:
            value, until = compute()
        if only_if_read and not tables - always_read():
            return value
        stored = {**entry(value, tables), "until": until}
        cache.set(key, stored, timeout)
        kept_entries.set(key, {**stored, "value": pickle.dumps(value)})
    return value


def cached(key, compute, timeout=3600):
    """`compute()`, or its copy kept under `key` (in this process and the shared cache) while the
    tables it read are unchanged."""
    return cached_until(key, lambda: (compute(), None), timeout)
