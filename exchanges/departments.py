"""The university's departments, as applicants pick them and statistics group them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.TextChoices):
    ELECTRICAL = "EE", _("Department of Electrical Engineering")
    ELECTRONIC = "ET", _("Department of Electronic Engineering")
    MECHANICAL = "ME", _("Department of Mechanical Engineering")
    CHEMICAL = "CM", _("Department of Chemical and Materials Engineering")
    COMPUTER_SCIENCE = "CS", _("Department of Computer Science and Information Engineering")
    INFORMATION_MANAGEMENT = "IM", _("Department of Information Management")
    BUSINESS = "BA", _("Department of Business Administration")
    FINANCE = "FN", _("Department of Finance")
    INTERNATIONAL_BUSINESS = "IB", _("Department of International Business")
    ACCOUNTING = "AC", _("Department of Accounting Information")
    LEISURE = "LS", _("Department of Leisure and Recreation Management")
    APPLIED_ENGLISH = "AE", _("Department of Applied English")
    APPLIED_JAPANESE = "AJ", _("Department of Applied Japanese")
    MULTIMEDIA = "MD", _("Department of Multimedia and Entertainment Science")
    VISUAL_DESIGN = "VD", _("Department of Visual Communication Design")
    CREATIVE_PRODUCT = "CP", _("Department of Creative Product Design")
    BIOTECHNOLOGY = "BT", _("Department of Biotechnology and Food Technology")
    OTHER = "OT", _("Other department")
