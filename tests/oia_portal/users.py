"""Users whose password is really stored.

tests.core.factories.UserFactory sets the password after saving and skips the
post-generation save, so the stored row has no password and a session made by
force_login() does not survive the next request (its hash differs). Until
that is fixed there, these helpers save the row once more.
"""

from tests.core.factories import StaffUserFactory, UserFactory

PASSWORD = "a-long-test-password"


def saved(user):
    user.save()
    return user


def superuser(username="root"):
    return saved(UserFactory(username=username, is_staff=True, is_superuser=True))


def staff(username=None, groups=()):
    kwargs = {"groups": list(groups)}
    if username:
        kwargs["username"] = username
    return saved(StaffUserFactory(**kwargs))
