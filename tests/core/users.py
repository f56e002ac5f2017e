"""Users to log in with: a superuser, or a staff member in some groups (core.roles)."""

from tests.core.factories import StaffUserFactory, UserFactory

PASSWORD = "a-long-test-password"  # what the user factories hash before the row is saved


def superuser(username="root"):
    return UserFactory(username=username, is_staff=True, is_superuser=True)


def staff(username=None, groups=()):
    kwargs = {"groups": list(groups)}
    if username:
        kwargs["username"] = username
    return StaffUserFactory(**kwargs)
