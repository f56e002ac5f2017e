import pytest

from tests.core.factories import StaffUserFactory


@pytest.mark.django_db
def test_the_shared_rows_and_a_staff_member_are_saved(one_of_each):
    objects = [*one_of_each, StaffUserFactory(groups=["Partnerships"])]
    assert all(obj.pk for obj in objects)
    assert objects[-1].groups.get().name == "Partnerships"
