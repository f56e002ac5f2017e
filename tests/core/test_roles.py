"""Staff groups: each holds exactly the permissions written out below (DESIGN.md, least privilege)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import (
    COMMUNICATIONS,
    DATA_PROTECTION,
    DEPARTMENT_APPROVERS,
    EXCHANGE_COORDINATORS,
    PARTNERSHIPS,
    ROLE_PERMISSIONS,
)
from tests.core import users
from tests.core.factories import StaffUserFactory
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db


ALL = "view add change delete"

# Each group's permissions, written out: "actions" on a model name the model's own permissions
# (view_<model> ...); codenames after "+" are the model's custom ones. A new model, or a change to
# core/roles.py, changes what a group holds: say here what it should hold.
EXPECTED = {
    PARTNERSHIPS: {
        "partners.agreement": ALL,
        "partners.agreementdocument": ALL,
        "partners.agreementreminder": ALL,
        "partners.cooperationcondition": ALL,
        "partners.historicalagreement": ALL,
        "partners.historicalagreementdocument": ALL,
        "partners.historicalpartnercontact": ALL,
        "partners.historicalpartneruniversity": ALL,
        "partners.partnercontact": ALL,
        "partners.partneruniversity": ALL,
    },
    EXCHANGE_COORDINATORS: {
        "abroad.abroadmessage": f"{ALL} + see_emergencycontacts view_abroadnow",
        "abroad.courseequivalence": ALL,
        "abroad.courseline": ALL,
        "abroad.departmentstaff": ALL,
        "abroad.experiencereport": ALL,
        "abroad.learningagreement": ALL,
        "abroad.learningagreementversion": ALL,
        "abroad.recognition": ALL,
        "abroad.recognitionline": ALL,
        "abroad.reportphoto": ALL,
        # The office keeps the list of departments applicants pick from.
        "core.department": ALL,
        "exchanges.application": ALL,
        "exchanges.applicationcall": ALL,
        "exchanges.applicationchoice": ALL,
        "exchanges.applicationdocument": ALL,
        "exchanges.applicationstatuschange": ALL,
        "exchanges.callprogramme": ALL,
        "exchanges.checklistanswer": ALL,
        "exchanges.checklistitem": ALL,
        "exchanges.checklistreminder": ALL,
        "exchanges.criterionscore": ALL,
        "exchanges.exchangeprogram": ALL,
        "exchanges.languagescoreband": ALL,
        "exchanges.mobilityrecord": ALL,
        "exchanges.nomination": ALL,
        "exchanges.partnerdispatch": ALL,
        "exchanges.placementoverride": ALL,
        "exchanges.referencesequence": ALL,
        "exchanges.scoringcriterion": ALL,
        "exchanges.waitinglistentry": ALL,
        "incoming.factsheet": ALL,
        "incoming.incomingapplication": ALL,
        "incoming.incomingdocument": ALL,
        "incoming.incomingreferencesequence": ALL,
        "incoming.incomingstatuschange": ALL,
        "incoming.nominationlink": ALL,
        "incoming.nominationlogentry": ALL,
        "outbox.batch": "view",
        "partners.agreement": "view",
        "partners.cooperationcondition": "view",
        "partners.partneruniversity": "view",
    },
    COMMUNICATIONS: {
        "events.event": ALL,
        "events.newsarticle": ALL,
        "events.registration": ALL,
        "outbox.batch": "view",
        "partners.partneruniversity": "view",
        "scholars.scholar": ALL,
        "scholars.visit": ALL,
    },
    DATA_PROTECTION: {
        "privacy.privacyrequest": "view change",
        "privacy.retentionrule": "view change",
        "privacy.retentionrun": "view",
    },
    DEPARTMENT_APPROVERS: {
        # The "who is abroad now" page, without the emergency contacts.
        "abroad.abroadmessage": "view + view_abroadnow",
        "abroad.learningagreement": "view",
        "abroad.learningagreementversion": "view change",
        "abroad.recognition": "view change",
    },
}


def expected_codenames(group_name):
    expected = set()
    for label, grant in EXPECTED[group_name].items():
        app_label, model = label.split(".")
        actions, _plus, extra = grant.partition("+")
        expected |= {f"{app_label}.{action}_{model}" for action in actions.split()}
        expected |= {f"{app_label}.{codename}" for codename in extra.split()}
    return expected


def held_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_table_names_every_group():
    assert set(EXPECTED) == set(ROLE_PERMISSIONS)


@pytest.mark.parametrize("group_name", list(EXPECTED))
def test_group_holds_exactly_the_permissions_written_out(group_name):
    held = held_codenames(group_name)
    expected = expected_codenames(group_name)
    assert held == expected, (
        f"held, not written: {sorted(held - expected)}; written, not held: {sorted(expected - held)}"
    )


def test_groups_are_the_three_of_the_design():
    assert set(Group.objects.values_list("name", flat=True)) >= {PARTNERSHIPS, EXCHANGE_COORDINATORS, COMMUNICATIONS}


def test_partnerships_manage_partners_and_agreements_only():
    held = held_codenames(PARTNERSHIPS)
    assert {"partners.change_agreement", "partners.delete_partneruniversity"} <= held
    assert not {code for code in held if not code.startswith("partners.")}


def test_no_group_can_manage_users_groups_or_site_settings():
    for group_name in ROLE_PERMISSIONS:
        held = held_codenames(group_name)
        assert not {code for code in held if code.split(".")[0] in {"auth", "axes", "admin", "sessions"}}
        assert not {code for code in held if code.startswith("core.") and not code.endswith("_department")}


def test_communications_editor_cannot_change_an_agreement(client):
    agreement = AgreementFactory()
    client.force_login(users.staff(groups=[COMMUNICATIONS]))
    url = reverse("admin:partners_agreement_change", args=[agreement.pk])
    response = client.post(url, {"kind": "research"})
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.kind != "research"


def test_communications_editor_can_view_partners_for_autocomplete(client):
    PartnerUniversityFactory(name_en="Kyoto Tech")
    client.force_login(users.staff(groups=[COMMUNICATIONS]))
    response = client.get(reverse("admin:partners_partneruniversity_changelist"))
    assert response.status_code == 200
    assert "Kyoto Tech" in response.content.decode()


def test_exchange_coordinator_cannot_publish_news(client):
    client.force_login(users.staff(groups=[EXCHANGE_COORDINATORS]))
    assert client.get(reverse("admin:events_newsarticle_add")).status_code == 403


def test_partnerships_editor_cannot_see_mobility_records(client):
    client.force_login(users.staff(groups=[PARTNERSHIPS]))
    assert client.get(reverse("admin:exchanges_mobilityrecord_changelist")).status_code == 403


def test_staff_member_without_a_group_sees_no_model(client):
    client.force_login(users.staff())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_communications_sees_partner_universities_but_not_agreements_or_contacts():
    editor = StaffUserFactory(groups=[COMMUNICATIONS])
    assert editor.has_perm("partners.view_partneruniversity")
    assert not editor.has_perm("partners.view_agreement")
    assert not editor.has_perm("partners.view_partnercontact")


def test_exchange_coordinators_see_agreements_but_cannot_change_them():
    coordinator = StaffUserFactory(groups=[EXCHANGE_COORDINATORS])
    assert coordinator.has_perm("partners.view_agreement")
    assert not coordinator.has_perm("partners.change_agreement")
    assert not coordinator.has_perm("partners.view_agreementdocument")
