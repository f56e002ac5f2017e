"""Staff passwords go through Django's validators (issue 6)."""

import pytest
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["short1!", "password1234", "123456789012", "oiaeditor2026"])
def test_weak_staff_password_is_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=_user_named("oiaeditor2026"))


def test_strong_staff_password_is_accepted():
    assert validate_password("correct-horse-battery-staple-9", user=_user_named("editor")) is None


def test_admin_user_form_refuses_a_common_password():
    form = AdminUserCreationForm(
        data={"username": "newstaff", "password1": "password1234", "password2": "password1234", "usable_password": "true"}
    )
    assert not form.is_valid()
    assert "password2" in form.errors


def _user_named(username):
    from django.contrib.auth import get_user_model

    return get_user_model()(username=username)
