from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScholarsConfig(AppConfig):
    name = "scholars"
    verbose_name = _("Visiting scholars")
