from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: shared abstract models, helpers and the site settings; imports no app of ours."""

    name = "core"
    verbose_name = _("Portal")

    def ready(self):
        from core import content_cache

        content_cache.connect_signals()
