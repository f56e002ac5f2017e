"""Which models hold personal data, generated from the models themselves.

Each app declares, in its `personal_data.py`, the models that hold data about a
person and, for each, the few fields that are *not* personal (figures,
structure, statuses). Every other value column is personal by default: a field
added later (a passport number, an emergency contact) is exported and erased
without anyone remembering to list it. Relations (foreign keys) are structure,
not values, and are always kept; rows reached through them are handled as rows
of their own models.

A *subject* model is one a person reaches through a private link
(an application's status link, a registration's cancel link): exports and
erasure requests start there and follow the reverse relations to every
registered model that points at it.
"""

import string
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.fields import NOT_PROVIDED


@dataclass
class PersonalModel:
    model: type
    keep: frozenset
    erase_values: dict
    delete_rows: bool
    sensitive: frozenset
    # Subjects only: the token field of the private link and the URL's word for it.
    link_field: str | None = None
    slug: str | None = None
    purpose: object = ""
    label: Callable | None = None

    @property
    def is_subject(self):
        return self.link_field is not None

    def personal_fields(self):
        """The value columns that hold personal data: everything not kept, not a relation, not the key."""
        return [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and not f.is_relation and f.name not in self.keep
        ]

    def kept_fields(self):
        return [f for f in self.model._meta.concrete_fields if f not in self.personal_fields()]

    def file_fields(self):
        return [f for f in self.personal_fields() if isinstance(f, models.FileField)]

    def describe(self, obj):
        """A label for logs and requests that names no person (a reference number, a row number)."""
        if self.label:
            return str(self.label(obj))
        return f"{self.model._meta.verbose_name} #{obj.pk}"

    def erased_value(self, field, obj):
        """What a personal field holds once erased: a default, empty, or a placeholder that keeps
        unique constraints satisfied without saying anything about the person."""
        if field.name in self.erase_values:
            value = self.erase_values[field.name]
            return value(obj) if callable(value) else value
        if isinstance(field, models.FileField):
            return ""
        if field.has_default() and field.default is not NOT_PROVIDED and callable(field.default):
            return field.default()  # a fresh token: the old private link stops working
        if field.null:
            return None
        if isinstance(field, models.EmailField):
            return f"erased-{obj.pk}@erased.invalid"[: field.max_length]
        if isinstance(field, (models.CharField, models.TextField)):
            if field.blank and not field.unique:
                return ""
            placeholder = f"ERASED{_base36(obj.pk)}"
            if field.max_length and len(placeholder) > field.max_length:
                raise ImproperlyConfigured(f"{field} is too short for an erasure placeholder; give erase_values.")
            return placeholder
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
            return 0
        if field.has_default():
            return field.get_default()
        raise ImproperlyConfigured(f"No erased value for {field}; give one in erase_values.")


def _base36(number):
    digits = string.digits + string.ascii_uppercase
    out = ""
    while True:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
        if not number:
            return out


@dataclass
class RetentionKind:
    """One kind of data with its own retention period, configured by staff (RetentionRule)."""

    code: str
    label: object
    starts: object  # what the period counts from, for the privacy page
    default_months: int
    # apply(cutoff) -> number of rows removed or anonymised; None: applied outside the portal (backups).
    apply: Callable | None = None
    order: int = 100


@dataclass
class Registry:
    models: dict = field(default_factory=dict)
    retention: dict = field(default_factory=dict)

    def register(
        self,
        model,
        *,
        keep=(),
        erase_values=None,
        delete_rows=False,
        sensitive=(),
        link_field=None,
        slug=None,
        purpose="",
        label=None,
    ):
        names = {f.name for f in model._meta.get_fields()}
        unknown = (set(keep) | set(sensitive) | set(erase_values or ())) - names
        if unknown:
            raise ImproperlyConfigured(f"{model._meta.label} has no fields {sorted(unknown)}")
        self.models[model] = PersonalModel(
            model=model,
            keep=frozenset(keep),
            erase_values=dict(erase_values or {}),
            delete_rows=delete_rows,
            sensitive=frozenset(sensitive),
            link_field=link_field,
            slug=slug,
            purpose=purpose,
            label=label,
        )

    def add_retention(self, kind):
        self.retention[kind.code] = kind

    def get(self, model):
        return self.models.get(model)

    def subjects(self):
        return [entry for entry in self.models.values() if entry.is_subject]

    def subject_by_slug(self, slug):
        return next((entry for entry in self.subjects() if entry.slug == slug), None)

    def retention_kinds(self):
        return sorted(self.retention.values(), key=lambda kind: (kind.order, kind.code))

    def reverse_relations(self, model):
        """Relations from registered models that point at `model` (documents, choices, records)."""
        return [
            relation
            for relation in model._meta.related_objects
            if relation.related_model in self.models and (relation.one_to_many or relation.one_to_one)
        ]

    def generic_relations(self):
        """GenericForeignKeys of registered models (an e-mail "about" any record): they can point at anything."""
        from django.contrib.contenttypes.fields import GenericForeignKey

        return [
            (model, field)
            for model in self.models
            for field in model._meta.private_fields
            if isinstance(field, GenericForeignKey)
        ]


registry = Registry()
register = registry.register
add_retention = registry.add_retention
