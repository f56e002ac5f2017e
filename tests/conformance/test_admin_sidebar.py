"""The admin's kept app lists (the sidebar, the index's list) are what Django's templates draw.

The addresses come from the admin site's registry (each model's list, add and change pages,
each app's page, the index), for a superuser and for a member of each staff role, in both
languages: the current app and model are marked in the kept copy exactly as Django marks them.
"""

import contextlib

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from core.fragment_cache import forget_kept_here

pytestmark = pytest.mark.django_db


def admin_addresses():
    addresses = {reverse("admin:index")}
    for model in admin.site._registry:
        opts = model._meta
        addresses.add(reverse("admin:app_list", args=[opts.app_label]))
        for name, args in (("changelist", []), ("add", []), ("change", ["1"])):
            with contextlib.suppress(NoReverseMatch):  # a model without that page
                addresses.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args))
    return sorted(addresses)


def staff_users(superuser):
    users = [superuser]
    for group in Group.objects.order_by("name"):
        user = type(superuser).objects.create_user(f"sidebar-{group.pk}", is_staff=True)
        user.groups.add(group)
        users.append(user)
    return users


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_kept_sidebar_is_djangos_on_every_admin_address(seeded_site, django_db_blocker, language):
    kept = Template("{% load admin_sidebar %}{% kept_nav_sidebar %}")
    django_sidebar = get_template("admin/nav_sidebar.html")
    addresses = admin_addresses()
    compared, marked, differences = 0, 0, []
    with django_db_blocker.unblock(), translation.override(language):
        forget_kept_here()
        for user in staff_users(seeded_site):
            for address in addresses:
                request = RequestFactory().get(address)
                request.user = user
                context = admin.site.each_context(request)
                expected = django_sidebar.render(context, request)
                drawn = kept.render(Context({**context, "request": request}))
                compared += 1
                marked += "current-model" in expected
                if drawn.strip() != expected.strip():
                    differences.append(f"{user.username} {address}")
    assert not differences, differences[:10]
    assert compared > 100 and marked > 50  # many addresses, most with a model marked current


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_kept_index_app_list_is_djangos_for_every_staff_role(seeded_site, django_db_blocker, language):
    kept = Template("{% load admin_sidebar %}{% kept_app_list app_list %}")
    django_list = get_template("admin/app_list.html")
    with django_db_blocker.unblock(), translation.override(language):
        forget_kept_here()
        users = staff_users(seeded_site)
        for user in users:
            request = RequestFactory().get(reverse("admin:index"))
            request.user = user
            app_list = admin.site.get_app_list(request)
            context = {**admin.site.each_context(request), "app_list": app_list}
            expected = django_list.render({**context, "show_changelinks": True}, request)
            assert kept.render(Context({**context, "request": request})).strip() == expected.strip(), user.username
            assert ("changelink" in expected or "viewlink" in expected) == bool(app_list)
    assert len(users) > 3
