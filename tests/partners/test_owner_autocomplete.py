"""Partnerships pick an agreement's owner from the staff: the autocomplete answers them, with staff only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.core import users
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

OWNER_AUTOCOMPLETE = "app_label=partners&model_name=agreement&field_name=owner"


def autocomplete(client, term=""):
    return client.get(f"{reverse('admin:autocomplete')}?{OWNER_AUTOCOMPLETE}&term={term}")


def test_partnerships_find_staff_to_own_an_agreement(client):
    owner = users.staff(username="agreement-keeper")
    not_staff = UserFactory(username="not-staff-keeper", is_staff=False)
    gone = users.staff(username="gone-keeper")
    gone.is_active = False
    gone.save()
    client.force_login(users.staff(groups=[Group.objects.get(name="Partnerships")]))
    response = autocomplete(client, "keeper")
    assert response.status_code == 200
    found = {row["id"] for row in response.json()["results"]}
    assert str(owner.pk) in found
    assert str(not_staff.pk) not in found and str(gone.pk) not in found
    assert set(response.json()["results"][0]) == {"id", "text"}  # a name to pick, nothing more


@pytest.mark.parametrize("role", ["Communications", "Exchange coordinators", "Data protection"])
def test_roles_that_cannot_change_agreements_get_no_staff_list(client, role):
    client.force_login(users.staff(groups=[Group.objects.get(name=role)]))
    assert autocomplete(client).status_code == 403


def test_other_user_autocompletes_stay_closed(client):
    # The wider rule is only for fields that point at users on a form the person may change.
    client.force_login(users.staff(groups=[Group.objects.get(name="Partnerships")]))
    response = client.get(
        f"{reverse('admin:autocomplete')}?app_label=events&model_name=event&field_name=speakers&term="
    )
    assert response.status_code == 403
