"""The stored search columns and their indexes, shared by every searchable model.

`search_vector` (full-text words) and `search_text` (every searched column in
both languages, lower-cased, for substring matching) are written by
oia_portal.search.documents. GIN indexes let PostgreSQL find the matching rows
without reading every row: the vector's index for words, trigram indexes for
substrings (Chinese, parts of names) and for the title's typo-forgiving match.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


def search_vector_field():
    return SearchVectorField(null=True, editable=False)


def search_text_field():
    return models.TextField(null=True, editable=False)


def search_indexes(prefix, title_columns):
    indexes = [
        GinIndex(fields=["search_vector"], name=f"{prefix}_search_vector"),
        GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name=f"{prefix}_search_text_trgm"),
    ]
    for column in title_columns:
        indexes.append(GinIndex(fields=[column], opclasses=["gin_trgm_ops"], name=f"{prefix}_{column}_trgm"))
    return indexes

