from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OiaPortalConfig(AppConfig):
    name = "oia_portal"
    verbose_name = _("Portal")

    def ready(self):
        from core.roles import sync_staff_groups
        from oia_portal.search import documents

        documents.connect_signals()
        # Rows added without save() (bulk_create, a restored dump) get their search words.
        post_migrate.connect(documents.refresh_missing_after_migrate, sender=self, dispatch_uid="oia_portal.search_vectors")
        # Models added after the groups' data migration get their
        # permissions on the next migrate, without another data migration.
        post_migrate.connect(sync_staff_groups, dispatch_uid="oia_portal.sync_staff_groups")
