"""Scholars and their visits."""

import datetime

import factory
from django.utils import timezone

from scholars.models import Scholar, Visit


class ScholarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scholar

    honorific = Scholar.Honorific.PROF
    name_en = factory.Sequence(lambda n: f"Scholar Name {n}")
    name_zh_hant = factory.Sequence(lambda n: f"學者{n}")
    slug = factory.Sequence(lambda n: f"scholar-{n}")
    field_en = "Materials science"
    field_zh_hant = "材料科學"
    bio_en = "Researches thin films."
    country = "JP"
    is_published = True


class VisitFactory(factory.django.DjangoModelFactory):
    """An inbound visit happening now."""

    class Meta:
        model = Visit

    scholar = factory.SubFactory(ScholarFactory)
    direction = Visit.Direction.INBOUND
    purpose = Visit.Purpose.GUEST_LECTURE
    host_department_en = "Department of Electrical Engineering"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
