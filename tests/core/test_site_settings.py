"""The site settings: one row, cached, refreshed on save."""

import pytest

from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_site_settings_stay_one_row():
    first = SiteSettings.get_solo()
    SiteSettings(short_name="OTHER").save()
    assert SiteSettings.objects.count() == 1
    assert first.pk == SiteSettings.objects.get().pk == 1


def test_site_settings_save_refreshes_the_cached_copy():
    site = SiteSettings.get_solo()
    site.short_name = "NEWU"
    site.save()
    assert SiteSettings.get_solo().short_name == "NEWU"
