"""The personal-data registry is generated from the models: nothing that points at a person is missed."""

import pytest
from django.apps import apps

from privacy.registry import registry

OUR_APPS = {"core", "oia_portal", "partners", "exchanges", "scholars", "events", "outbox", "abroad"}


def pointing_at_personal_data():
    """(model, field) for every relation in our apps that leads to a registered model's row."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or hasattr(model, "instance_type"):  # skip history tables
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in registry.models:
                found.append((model, field))
    return found


@pytest.mark.parametrize(
    ("model", "field"), pointing_at_personal_data(), ids=[f"{m._meta.label}.{f.name}" for m, f in pointing_at_personal_data()]
)
def test_every_model_pointing_at_a_persons_record_is_registered(model, field):
    # A row about a person is personal data too: registered, it is exported and erased with them.
    assert model in registry.models, f"register {model._meta.label} in its app's personal_data.py"


def test_the_relations_are_found():
    assert {m._meta.label for m, _f in pointing_at_personal_data()} >= {
        "exchanges.ApplicationDocument", "exchanges.ApplicationChoice", "exchanges.MobilityRecord",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["application", "registration"])
def test_a_field_added_later_is_personal_unless_declared_otherwise(subject):
    entry = registry.subject_by_slug(subject)
    declared = entry.keep
    for field in entry.model._meta.concrete_fields:
        if field.is_relation or field.primary_key:
            continue
        assert (field in entry.personal_fields()) is (field.name not in declared)


@pytest.mark.parametrize("entry", list(registry.models.values()), ids=lambda entry: entry.model._meta.label)
def test_every_personal_field_has_an_erased_value_that_fits(entry):
    obj = entry.model(pk=2_000_000_000)  # a large key: placeholders grow with it
    for field in entry.personal_fields():
        value = entry.erased_value(field, obj)  # raises ImproperlyConfigured when it has none
        if isinstance(value, str) and getattr(field, "max_length", None):
            assert len(value) <= field.max_length, field
