"""Departments are the installer's data: none come with the code, the demo's are STUST's."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from core.models import Department
from tests.exchanges.factories import ApplicationFactory

migration = import_module("core.migrations.0003_departments")


@pytest.mark.django_db
def test_the_migration_makes_a_row_for_every_code_already_stored_and_no_other():
    Department.objects.create(code="ZZ", name="Short-lived")
    ApplicationFactory(department_id="ZZ")
    ApplicationFactory(department_id="EE")
    with connection.cursor() as cursor:
        # The state before departments were data: codes stored, no rows (foreign keys are
        # checked at commit, which a test never reaches).
        cursor.execute('DELETE FROM "core_department"')
    migration.departments_in_use(apps, SimpleNamespace(connection=connection))
    made = {department.code: (department.name_en, department.name_zh_hant) for department in Department.objects.all()}
    assert made == {"EE": ("Department of Electrical Engineering", "電機工程系"), "ZZ": ("ZZ", "ZZ")}


def test_no_university_is_written_into_the_ground_apps_code():
    source = (apps.get_app_config("core").path + "/models.py")
    with open(source, encoding="utf-8") as handle:
        assert "電機工程系" not in handle.read()
