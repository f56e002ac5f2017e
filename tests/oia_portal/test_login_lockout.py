"""Admin login against brute force (django-axes): five failures lock a user name on an address."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests.core import users

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


def attempt(client, username, password, address=ATTACKER):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def editor():
    return users.superuser("editor")


def fail_five_times(client, editor):
    for _attempt in range(5):
        response = attempt(client, editor.username, "wrong-password")
    return response


def test_four_failures_still_allow_the_right_password(client, editor):
    for _attempt in range(4):
        assert attempt(client, editor.username, "wrong-password").status_code == 200
    response = attempt(client, editor.username, users.PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_sixth_attempt_is_refused_even_with_the_right_password(client, editor):
    fail_five_times(client, editor)
    response = attempt(client, editor.username, users.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many failed logins" in response.content.decode()


def test_fifth_failure_already_answers_with_the_lockout_page(client, editor):
    assert fail_five_times(client, editor).status_code == 429


def test_lockout_is_per_user_name_and_address(client, editor):
    fail_five_times(client, editor)
    response = attempt(client, editor.username, users.PASSWORD, address=COLLEAGUE)
    assert response.status_code == 302


def test_failures_are_recorded_for_staff_to_see(client, editor):
    fail_five_times(client, editor)
    record = AccessAttempt.objects.get(username=editor.username)
    assert record.failures_since_start == 5 and record.ip_address == ATTACKER


def test_axes_reset_unlocks_the_account(client, editor):
    fail_five_times(client, editor)
    call_command("axes_reset", verbosity=0)
    response = attempt(client, editor.username, users.PASSWORD)
    assert response.status_code == 302


def test_test_client_login_without_a_request_still_works(client, editor):
    # Logins without a request (test client, scripts) are not web attempts and are not counted.
    assert client.login(username=editor.username, password=users.PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, editor):
    for number in range(5):
        client.post(
            reverse("admin:login"),
            {"username": editor.username, "password": "wrong-password", "next": "/admin/"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": users.PASSWORD, "next": "/admin/"},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert response.status_code == 429
