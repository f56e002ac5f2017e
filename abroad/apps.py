from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbroadConfig(AppConfig):
    name = "abroad"
    verbose_name = _("Students abroad")
