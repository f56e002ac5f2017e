"""Staff groups: each holds exactly its apps' permissions (DESIGN.md, least privilege)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from core.roles import COMMUNICATIONS, EXCHANGE_COORDINATORS, PARTNERSHIPS, ROLE_PERMISSIONS, actions_for
from tests.core.factories import StaffUserFactory
from tests.oia_portal import users
from tests.partners.factories import AgreementFactory, PartnerUniversityFactory

pytestmark = pytest.mark.django_db


def expected_codenames(group_name):
    expected = set()
    for permission in Permission.objects.select_related("content_type"):
        app_label, model = permission.content_type.app_label, permission.content_type.model
        if permission.codename.split("_", 1)[0] in actions_for(group_name, app_label, model):
            expected.add(f"{app_label}.{permission.codename}")
    return expected


def held_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.parametrize("group_name", list(ROLE_PERMISSIONS))
def test_group_holds_exactly_its_apps_permissions(group_name):
    assert held_codenames(group_name) == expected_codenames(group_name)


def test_groups_are_the_three_of_the_design():
    assert set(Group.objects.values_list("name", flat=True)) >= {PARTNERSHIPS, EXCHANGE_COORDINATORS, COMMUNICATIONS}


def test_partnerships_manage_partners_and_agreements_only():
    held = held_codenames(PARTNERSHIPS)
    assert {"partners.change_agreement", "partners.delete_partneruniversity"} <= held
    assert not {code for code in held if not code.startswith("partners.")}


def test_no_group_can_manage_users_groups_or_site_settings():
    for group_name in ROLE_PERMISSIONS:
        held = held_codenames(group_name)
        assert not {code for code in held if code.split(".")[0] in {"auth", "core", "axes", "admin", "sessions"}}


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
