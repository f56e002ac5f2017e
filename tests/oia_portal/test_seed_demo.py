"""seed_demo: a realistic demo site, and running it again changes nothing."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from incoming.models import IncomingApplication
from partners.models import CooperationCondition, PartnerUniversity

pytestmark = pytest.mark.django_db

SEEDED_APPS = ["core", "partners", "exchanges", "incoming", "abroad", "scholars", "events", "privacy", "auth"]


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app_label in SEEDED_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


def seed():
    out = io.StringIO()
    call_command("seed_demo", "--no-images", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded_twice(django_db_setup, django_db_blocker):
    """Seed once, count, seed again, count (one run of the command is the slow part)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            first_output = seed()
            first = row_counts()
            second_output = seed()
            second = row_counts()
            second["incoming stages"] = sorted(set(IncomingApplication.objects.values_list("status", flat=True)))
            second["condition kinds"] = sorted(set(CooperationCondition.objects.values_list("direction", "mobility_type")))
            second["call stages"] = call_stages()
            second["abroad"] = abroad_figures()
            transaction.set_rollback(True)
    return first, second, first_output, second_output


def call_stages():
    """Which of issue 14's stages the demo's calls are at."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from exchanges.models import Application, ApplicationCall, Nomination

    now, stages = timezone.now(), set()
    for call in ApplicationCall.objects.annotate(applicants=Count("applications")).filter(applicants__gt=0):
        decisions = set(Nomination.objects.filter(call=call, sent_at__isnull=False).values_list("decision", flat=True))
        if call.opens_at <= now <= call.closes_at:
            stages.add("open")
        elif call.placement_confirmed_at is None and call.applications.filter(score__isnull=False).exists():
            stages.add("scored")
        elif call.results_published_at and not decisions:
            stages.add("placed and published")
        elif decisions >= set(Nomination.Decision.values):
            stages.add("nominated, mixed host decisions")
            items = call.checklist_items.count()
            answered = call.applications.filter(status=Application.Status.ACCEPTED).annotate(
                done=Count("checklist_answers", filter=Q(checklist_answers__item__call=call))
            )
            if items and any(0 < a.done < items for a in answered) and any(a.done == items for a in answered):
                stages.add("checklists half done")
    return stages


def test_demo_holds_a_call_at_each_stage_of_the_selection(seeded_twice):
    _first, second, _out1, _out2 = seeded_twice
    assert second["call stages"] == {
        "open", "scored", "placed and published", "nominated, mixed host decisions", "checklists half done"
    }


def test_second_run_changes_no_count(seeded_twice):
    first, second, _out1, _out2 = seeded_twice
    assert {label: count for label, count in second.items() if label in first} == first


def test_demo_has_incoming_students_at_every_stage_and_cooperation_conditions(seeded_twice):
    first, second, _out1, _out2 = seeded_twice
    assert second["incoming stages"] == sorted(IncomingApplication.Status.values)
    assert ("incoming", "student-studies") in second["condition kinds"]
    assert ("outgoing", "student-studies") in second["condition kinds"]
    assert first["incoming.NominationLink"] > 0 and first["partners.CooperationCondition"] > 0


def test_demo_shows_log_entries_a_pending_request_and_a_retention_run(seeded_twice):
    first, _second, output, _out2 = seeded_twice
    assert first["privacy.AccessLogEntry"] >= 3
    assert first["privacy.PrivacyRequest"] == 1
    assert first["privacy.RetentionRun"] == 1
    assert "retention run removed" in output


def test_demo_has_154_partners_in_26_countries(seeded_twice):
    first, _second, _out1, _out2 = seeded_twice
    assert first["partners.PartnerUniversity"] == 154
    assert first["partners.Agreement"] > 0


def test_demo_partner_countries_and_no_duplicate_slugs():
    seed()
    seed()
    assert PartnerUniversity.objects.values("country").distinct().count() == 26
    assert PartnerUniversity.objects.values("name_en").distinct().count() == PartnerUniversity.objects.count() == 154


def test_demo_accounts_are_made_once_with_printed_random_passwords(seeded_twice):
    _first, _second, first_output, second_output = seeded_twice
    assert "Admin account 'admin' created with password: " in first_output
    assert "created with password" not in second_output


def test_demo_superuser_has_no_well_known_password():
    seed()
    admin = get_user_model().objects.get(username="admin")
    for guess in ["admin", "password", "admin123", "changeme", "demo"]:
        assert not admin.check_password(guess)


def abroad_figures():
    from abroad.models import CourseEquivalence, ExperienceReport, LearningAgreementVersion, Recognition

    library = CourseEquivalence.objects.published()
    return {
        "approved agreements": LearningAgreementVersion.objects.filter(status="approved").count(),
        "changes waiting": LearningAgreementVersion.objects.filter(status="proposed").count(),
        "recognitions": Recognition.objects.filter(status="recognised").count(),
        "library": library.count(),
        "library partners": library.values("partner").distinct().count(),
        "report languages": sorted(set(ExperienceReport.objects.published().values_list("language", flat=True))),
    }


def test_demo_has_the_stay_abroad_of_issue_15(seeded_twice):
    _first, second, _out1, _out2 = seeded_twice
    figures = second["abroad"]
    assert figures["approved agreements"] >= 5 and figures["changes waiting"] >= 1
    assert figures["recognitions"] >= 3
    assert figures["library"] >= 300 and figures["library partners"] >= 50
    assert figures["report languages"] == ["en", "zh-hant"]
    assert second["abroad.DepartmentStaff"] == 2


def test_scale_two_doubles_the_partners_and_rebuilds_the_search_indexes():
    """Above ×1 the search indexes are dropped while rows go in and built again at the end."""
    from django.db import connection

    def gin_indexes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%USING gin%'")
            return cursor.fetchone()[0]

    before = gin_indexes()
    out = io.StringIO()
    call_command("seed_demo", "--scale", "2", "--no-images", stdout=out)
    assert PartnerUniversity.objects.count() == 2 * 154
    assert gin_indexes() == before > 0
    assert "search indexes built" in out.getvalue()
    assert not PartnerUniversity.objects.filter(search_vector__isnull=True).exists()
    assert PartnerUniversity.objects.filter(name_zh_hant__contains="第2校區").count() == 154
