"""The demo site: site settings, then each app's own demo data, in dependency order."""

from importlib import import_module

from oia_portal.models import SiteSettings

# Apps whose `demo.seed(scale, stdout, draw_images)` fills their part of the demo.
# privacy comes last: its retention run and log entries read the others' data.
DEMO_APPS = ["partners", "scholars", "exchanges", "incoming", "events", "privacy"]


def app_seeders():
    seeders = []
    for app in DEMO_APPS:
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError:
            continue
        seeders.append(module.seed)
    return seeders


def seed_site_settings():
    site = SiteSettings.load()
    if site.address:
        return site
    site.institution_name_en = "Southern Taiwan University of Science and Technology"
    site.institution_name_zh_hant = "南臺科技大學"
    site.short_name = "STUST"
    site.office_name_en = "Office of International Affairs"
    site.office_name_zh_hant = "國際事務處"
    site.tagline_en = "Study abroad, welcome the world"
    site.tagline_zh_hant = "走向世界，迎接世界"
    site.address_en = "No. 1, Nan-Tai Street, Yongkang District, Tainan City 710301, Taiwan"
    site.address_zh_hant = "710301 臺南市永康區南臺街 1 號"
    site.email = "oia@stust.example.edu.tw"
    site.phone = "+886 6 253 3131"
    site.office_hours_en = "Monday to Friday, 8:00–17:00"
    site.office_hours_zh_hant = "週一至週五 8:00–17:00"
    site.facebook_url = "https://www.facebook.com/stust.oia.example"
    site.save()
    return site
