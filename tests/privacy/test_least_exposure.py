"""Staff lists show what the work needs: sensitive fields never appear in a changelist."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from core.roles import ROLE_PERMISSIONS
from privacy.registry import registry
from tests.core import users

pytestmark = pytest.mark.django_db

SENSITIVE = [
    (entry.model, field) for entry in registry.models.values() for field in sorted(entry.sensitive)
    if entry.model in admin.site._registry
]


def test_some_fields_are_marked_sensitive():
    assert tuple(f for m, f in SENSITIVE if m._meta.label == "exchanges.Application") == ("gpa", "student_id")


@pytest.mark.parametrize("actor", ["superuser", *ROLE_PERMISSIONS])
@pytest.mark.parametrize(("model", "field"), SENSITIVE, ids=[f"{m._meta.label}.{f}" for m, f in SENSITIVE])
def test_no_changelist_shows_a_sensitive_field(model, field, actor):
    request = RequestFactory().get("/admin/")
    request.user = users.superuser() if actor == "superuser" else users.staff(groups=[Group.objects.get(name=actor)])
    assert field not in admin.site._registry[model].get_list_display(request)


def test_the_application_list_has_no_gpa_or_student_id_column(client, person):
    client.force_login(users.staff(groups=[Group.objects.get(name="Exchange coordinators")]))
    response = client.get(reverse("admin:exchanges_application_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert person.reference in content
    assert person.student_id not in content
    assert "column-gpa" not in content and "column-student_id" not in content


def test_staff_still_find_an_application_by_student_id(client, person):
    client.force_login(users.superuser())
    response = client.get(reverse("admin:exchanges_application_changelist"), {"q": person.student_id})
    assert person.reference in response.content.decode()
