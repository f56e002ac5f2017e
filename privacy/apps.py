from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


def _sync_rules(sender, **kwargs):
    from privacy.services import sync_retention_rules

    sync_retention_rules()


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        # Each app's personal_data.py registers its models and retention kinds, like admin.py.
        autodiscover_modules("personal_data")
        from privacy import receivers

        receivers.connect()
        post_migrate.connect(_sync_rules, sender=self, dispatch_uid="privacy:sync-rules")
