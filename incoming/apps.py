from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncomingConfig(AppConfig):
    """Partners' students coming to us: nominations, applications, acceptance, arrival; our fact sheet."""

    name = "incoming"
    verbose_name = _("Incoming students")

    def ready(self):
        from incoming import signals  # noqa: F401
