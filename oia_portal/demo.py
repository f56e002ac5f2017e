"""The demo site: site settings, then each app's own demo data, in dependency order."""

from importlib import import_module

from django.contrib.auth import get_user_model
from django.test import RequestFactory

from core.models import SiteSettings, Weekday
from exchanges.models import Application, ApplicationDocument
from privacy import services
from privacy.models import AccessLogEntry, PrivacyRequest
from privacy.registry import registry

# Apps whose `demo.seed(scale, stdout, draw_images)` fills their part of the demo.
# privacy comes last: its retention run and log entries read the others' data.
DEMO_APPS = ["partners", "scholars", "exchanges", "incoming", "abroad", "events", "privacy"]


def app_seeders():
    seeders = []
    for app in DEMO_APPS:
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError:
            continue
        seeders.append(module.seed)
    return [*seeders, seed_privacy_examples]


def seed_privacy_examples(scale=1, stdout=None, draw_images=True):
    """After the retention run: a morning's access-log entries and one pending erasure request."""
    if AccessLogEntry.objects.exists():
        return  # seeded before: running seed_demo again changes nothing
    _log_entries()
    _pending_request()
    if stdout:
        stdout.write(f"Privacy: {AccessLogEntry.objects.count()} log entries, {PrivacyRequest.objects.pending().count()} pending request.")


def seed_site_settings():
    site = SiteSettings.get_solo()
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
    site.time_zone_label_en = "Taiwan time, UTC+8"
    site.time_zone_label_zh_hant = "臺灣時間，UTC+8"
    site.first_day_of_week = Weekday.SUNDAY  # as on Taiwanese calendars
    site.save()
    return site


def _demo_request(username, path):
    request = RequestFactory().get(path, REMOTE_ADDR="192.0.2.10")
    request.user = get_user_model().objects.filter(username=username).first() or get_user_model().objects.first()
    return request


def _log_entries():
    """What a morning of work leaves in the log: a coordinator reads two applications and a transcript."""
    applications = list(Application.objects.order_by("-created_at")[:2])
    for application in applications:
        path = f"/admin/exchanges/application/{application.pk}/change/"
        services.log_access(_demo_request("exchange-coordinators", path), AccessLogEntry.Action.VIEW, application)
    document = ApplicationDocument.objects.select_related("application").order_by("-pk").first()
    if document:
        path = document.get_download_url()
        services.log_access(_demo_request("exchange-coordinators", path), AccessLogEntry.Action.DOWNLOAD, document)
    if applications:
        services.log_access(
            _demo_request("admin", "/admin/exchanges/application/"), AccessLogEntry.Action.EXPORT, None,
            model=Application, rows=len(applications),
            label=f"{len(applications)} × applications: " + ", ".join(a.reference for a in applications),
        )


def _pending_request():
    erased = services.erased_ids(Application)
    application = Application.objects.exclude(pk__in=erased).order_by("created_at").first()
    if application and registry.get(Application):
        services.ask_for_erasure(application)
