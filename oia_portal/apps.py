from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OiaPortalConfig(AppConfig):
    name = "oia_portal"
    verbose_name = _("Portal")

    def ready(self):
        from oia_portal.page_cache import connect_signals
        from oia_portal.roles import sync_staff_groups

        connect_signals()
        # Models added after the groups' data migration get their
        # permissions on the next migrate, without another data migration.
        post_migrate.connect(sync_staff_groups, dispatch_uid="oia_portal.sync_staff_groups")
