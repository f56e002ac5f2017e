from django.conf import settings as django_settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel

from core.images import PortalImageField
from core.search_indexes import search_text_field

# The stored search words of a Publishable row: most of its bytes, never shown on a page.
SEARCH_COLUMNS = ("search_vector", "search_text")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see (the model's published_q)."""
        return self.filter(self.model.published_q())


class Publishable(models.Model):
    """Content staff publish to the public pages, with its timestamps and stored search words.

    `published_q(via)` is the one rule of "published" for a model, also across a relation
    (`PartnerUniversity.published_q("partner__")`); a model whose visibility depends on
    another row extends it (a programme needs its partner published too).
    """

    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Words for site search, kept by oia_portal.search.documents (PostgreSQL only).
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = search_text_field()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def published_q(cls, via=""):
        return Q(**{f"{via}is_published": True})


class ApplicantDocument(models.Model):
    """A file uploaded with an application, one per kind; the model gives `application`, `kind` and `file`."""

    class Meta:
        abstract = True
        ordering = ["application", "kind"]

    def __str__(self):
        return f"{self.application.reference} — {self.get_kind_display()}"

    def download_name(self):
        """The name staff's browsers save it under: reference and kind, never the uploader's name."""
        suffix = self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"
        return f"{self.application.reference}-{self.kind}.{suffix}"


class StatusChange(models.Model):
    """One step of an application's history, as its applicant sees it; the model gives the fields."""

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.application.reference}: {self.from_status or '—'} → {self.to_status}"


class Weekday(models.IntegerChoices):
    """Python's numbering (calendar.MONDAY == 0)."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SiteSettings(SingletonModel):
    """The institution running the portal: one row, edited by staff.

    Nothing about the institution is hard-coded; templates read this.
    """

    institution_name = models.CharField(
        _("institution name"), max_length=200, default="Southern Taiwan University of Science and Technology"
    )
    short_name = models.CharField(_("short name"), max_length=30, default="STUST")
    office_name = models.CharField(_("office name"), max_length=200, default="Office of International Affairs")
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    logo = PortalImageField(_("logo"), upload_to="site", blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram account"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    line_url = models.URLField(_("LINE account"), blank=True)
    time_zone_label = models.CharField(
        _("time zone, as shown"),
        max_length=60,
        blank=True,
        help_text=_("Shown beside times on the site and in e-mails, e.g. “Taiwan time, UTC+8”; empty shows the time zone's name."),
    )
    first_day_of_week = models.PositiveSmallIntegerField(
        _("first day of the week"), choices=Weekday.choices, default=Weekday.SUNDAY, help_text=_("Where the events calendar's weeks start.")
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        db_table = "oia_portal_sitesettings"  # the table from before the model moved to core

    def __str__(self):
        return self.institution_name

    @property
    def time_zone_name(self):
        return self.time_zone_label or django_settings.TIME_ZONE

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("LINE", self.line_url),
        ]
        return [(label, url) for label, url in links if url]


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Department(models.Model):
    """One of the institution's departments: what applicants pick, what department staff approve for."""

    code = models.CharField(
        _("code"), max_length=4, unique=True, help_text=_("Short and permanent: records store it. For example: EE.")
    )
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A department that is closed stays on old records but is offered no more."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name
