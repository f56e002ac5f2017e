"""Demo: a retention run over the demo data, a few access-log entries and one pending erasure request."""

from django.contrib.auth import get_user_model
from django.test import RequestFactory

from privacy import services
from privacy.models import AccessLogEntry, PrivacyRequest, RetentionRun
from privacy.registry import registry


def seed(scale=1, stdout=None, draw_images=True):
    if RetentionRun.objects.exists():
        return  # seeded before: running seed_demo again changes nothing
    run = services.apply_retention(trigger=RetentionRun.Trigger.DEMO)
    _log_entries()
    _pending_request()
    if stdout:
        stdout.write(f"Privacy: retention run removed {run.total} ({run.removed}); "
                     f"{AccessLogEntry.objects.count()} log entries, {PrivacyRequest.objects.pending().count()} pending request.")


def _demo_request(username, path):
    request = RequestFactory().get(path, REMOTE_ADDR="192.0.2.10")
    request.user = get_user_model().objects.filter(username=username).first() or get_user_model().objects.first()
    return request


def _log_entries():
    """What a morning of work leaves in the log: a coordinator reads two applications and a transcript."""
    from exchanges.models import Application, ApplicationDocument

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
    from exchanges.models import Application

    erased = services.erased_ids(Application)
    application = Application.objects.exclude(pk__in=erased).order_by("created_at").first()
    if application and registry.get(Application):
        services.ask_for_erasure(application)
