"""Search everything the portal stores for a value: every table and column, private files, the cache."""

import os

from django.conf import settings
from django.core.cache import cache
from django.db import connection

TEXT_TYPES = ("character varying", "text", "tsvector", "jsonb", "json", "character")


def database_hits(needle):
    """[(table, column)] whose value contains `needle` (any case; search vectors as their lexemes)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type = ANY(%s) ORDER BY table_name",
            [list(TEXT_TYPES)],
        )
        tables = {}
        for table, column, data_type in cursor.fetchall():
            tables.setdefault(table, []).append((column, data_type))
        words = [word.lower() for word in needle.split() if len(word) > 3]
        hits = []
        for table, columns in tables.items():
            tests, params = [], []
            for column, data_type in columns:
                for pattern in [needle] + (words if data_type == "tsvector" else []):
                    tests.append(f"{connection.ops.quote_name(column)}::text ILIKE %s")
                    params.append(f"%{pattern}%")
            select = ", ".join(f"bool_or({test})" for test in tests)
            cursor.execute(f"SELECT {select} FROM {connection.ops.quote_name(table)}", params)  # noqa: S608
            found = cursor.fetchone()
            labels = [column for column, data_type in columns for _p in [needle] + (words if data_type == "tsvector" else [])]
            hits += sorted({(table, label) for label, hit in zip(labels, found, strict=True) if hit})
        return hits


def private_files():
    root = settings.STORAGES["private"]["OPTIONS"]["location"]
    found = []
    for folder, _dirs, files in os.walk(root):
        found += [os.path.relpath(os.path.join(folder, name), root) for name in files]
    return found


def private_file_hits(needle):
    root = settings.STORAGES["private"]["OPTIONS"]["location"]
    return [name for name in private_files() if needle.encode() in open(os.path.join(root, name), "rb").read()]


def cache_hits(needle):
    """Keys of the (local-memory, in tests) cache whose stored value holds `needle`."""
    store = getattr(cache, "_cache", {})
    encoded = [needle.encode(), needle.encode("unicode_escape")]
    return [key for key, value in store.items() if any(part in value for part in encoded)]
