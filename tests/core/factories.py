"""Users and staff members (the ground: every app's tests may use these)."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.edu")
    # Hashed before the row is saved, so force_login sessions stay valid.
    password = factory.django.Password("a-long-test-password")


class StaffUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))
