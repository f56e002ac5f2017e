from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from core.images import PortalImageField
from core.models import Publishable, PublishableQuerySet
from core.search_indexes import search_indexes
from partners.models import PartnerUniversity


class ScholarQuerySet(PublishableQuerySet):
    pass


class Scholar(Publishable):
    class Honorific(models.TextChoices):
        PROF = "prof", _("Prof.")
        ASSOC_PROF = "assoc-prof", _("Assoc. Prof.")
        ASST_PROF = "asst-prof", _("Asst. Prof.")
        DR = "dr", _("Dr.")
        MR = "mr", _("Mr.")
        MS = "ms", _("Ms.")

    honorific = models.CharField(_("honorific"), max_length=20, choices=Honorific.choices, blank=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    home_partner = models.ForeignKey(
        PartnerUniversity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scholars",
        verbose_name=_("home institution (partner)"),
    )
    home_institution = models.CharField(
        _("home institution"), max_length=200, blank=True, help_text=_("When the institution is not one of our partners.")
    )
    country = CountryField(_("country"), blank=True)
    field = models.CharField(_("field"), max_length=200, blank=True)
    photo = PortalImageField(_("portrait"), upload_to="scholars", blank=True)
    bio = models.TextField(_("biography"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_is_public = models.BooleanField(
        _("show e-mail publicly"), default=False, help_text=_("Only with the scholar's consent.")
    )

    objects = ScholarQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("scholar")
        verbose_name_plural = _("scholars")
        indexes = search_indexes("scholar", ["name_en", "name_zh_hant"])

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("scholars:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return f"{self.get_honorific_display()} {self.name}".strip()

    @property
    def institution_name(self):
        return self.home_partner.name if self.home_partner_id else self.home_institution

    @property
    def public_email(self):
        return self.email if self.email_is_public else ""


class VisitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(Scholar.published_q("scholar__"))

    def inbound(self):
        return self.filter(direction=Visit.Direction.INBOUND)

    def outbound(self):
        return self.filter(direction=Visit.Direction.OUTBOUND)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on, ends_on__gte=on)

    def upcoming(self, on=None):
        return self.filter(starts_on__gt=on or timezone.localdate())

    def past(self, on=None):
        return self.filter(ends_on__lt=on or timezone.localdate())


class Visit(models.Model):
    class Direction(models.TextChoices):
        INBOUND = "inbound", _("Visiting scholar (inbound)")
        OUTBOUND = "outbound", _("Teacher exchange (outbound)")

    class Purpose(models.TextChoices):
        GUEST_LECTURE = "guest-lecture", _("Guest lecture")
        RESEARCH = "research", _("Short-term research")
        TEACHING = "teaching", _("Teaching")
        SEMINAR = "seminar", _("Seminar")

    scholar = models.ForeignKey(Scholar, on_delete=models.CASCADE, related_name="visits", verbose_name=_("scholar"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INBOUND)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    host_department = models.CharField(_("host department"), max_length=200, blank=True)
    partner = models.ForeignKey(
        PartnerUniversity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("partner university"),
        help_text=_("For teacher exchange: the partner our faculty member visits."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    summary = models.TextField(_("summary"), blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="visit_ends_not_before_start"),
        ]
        indexes = [models.Index(fields=["direction", "starts_on", "ends_on"])]

    def __str__(self):
        return f"{self.scholar} ({self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d})"
