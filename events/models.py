import datetime
import functools
import secrets

from django.db import connection, models
from django.db.models import Min, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import content_cache
from core.images import PortalImageField
from core.models import Publishable, PublishableQuerySet
from core.search_indexes import search_indexes
from partners.models import PartnerUniversity
from scholars.models import Scholar


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, at=None):
        """Published events that have not ended yet, soonest first."""
        return self.published().filter(ends_at__gte=at or timezone.now()).order_by("starts_at")

    def past(self, at=None):
        return self.published().filter(ends_at__lt=at or timezone.now()).order_by("-starts_at")

    def in_month(self, year, month):
        """Events that overlap a calendar month (Asia/Taipei)."""
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.datetime(year, month, 1), tz)
        end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1), tz)
        return self.filter(starts_at__lt=end, ends_at__gte=start)

    def with_registration_counts(self):
        """Annotate confirmed/waitlisted counts in the same query (lists, the event page, admin)."""
        return self.annotate(
            confirmed_count=registrations_counted(Registration.Status.CONFIRMED),
            waitlisted_count=registrations_counted(Registration.Status.WAITLISTED),
        )


@functools.cache
def _registrations_counted_sql():
    quote = connection.ops.quote_name
    event, registration = Event._meta, Registration._meta
    counted = quote(registration.db_table)
    link = f"{counted}.{quote(registration.get_field('event').column)}"
    outer = f"{quote(event.db_table)}.{quote(event.pk.column)}"
    status = f"{counted}.{quote(registration.get_field('status').column)}"
    # Table and column names from the models, quoted; the status is a parameter.
    return f"(SELECT COUNT(*) FROM {counted} WHERE {link} = {outer} AND {status} = %s)"  # noqa: S608


def registrations_counted(status):
    """An event's registrations with `status`, counted for each row read (a subquery).

    Written as SQL once from the models' tables: a join grouped by every column of the event
    cost more to build, on every request, than to run, and grouped rows a count did not need."""
    return RawSQL(_registrations_counted_sql(), (status,), output_field=models.IntegerField())  # noqa: S611


class Event(Publishable):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        CONFERENCE = "conference", _("Conference")
        INFO_SESSION = "info-session", _("Info session")
        CULTURAL = "cultural", _("Cultural event")
        WORKSHOP = "workshop", _("Workshop")
        LECTURE = "lecture", _("Lecture")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    speakers = models.ManyToManyField(Scholar, blank=True, related_name="events", verbose_name=_("speakers"))
    partners = models.ManyToManyField(
        PartnerUniversity, blank=True, related_name="events", verbose_name=_("partner universities")
    )
    cover = PortalImageField(_("cover image"), upload_to="events", blank=True)
    cover_alt = models.CharField(_("cover image description"), max_length=200, blank=True)
    registration_open = models.BooleanField(_("takes registrations"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty for no limit."))
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_not_before_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True) | Q(registration_deadline__lte=models.F("starts_at")),
                name="event_deadline_not_after_start",
                violation_error_message=_("The registration deadline cannot be after the event starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "starts_at"]),
            models.Index(fields=["is_published", "ends_at"]),
            *search_indexes("event", ["title_en", "title_zh_hant"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_online(self):
        return bool(self.online_url)

    def registration_closed_reason(self, at=None):
        """Why registration is closed right now, or "" when it is open."""
        at = at or timezone.now()
        if not self.registration_open:
            return _("This event does not take registrations.")
        if self.starts_at <= at:
            return _("Registration has closed: the event has started.")
        if self.registration_deadline and self.registration_deadline < at:
            return _("Registration has closed: the deadline has passed.")
        return ""

    def accepts_registrations(self, at=None):
        return not self.registration_closed_reason(at)

    def seats_left(self, confirmed=None):
        """Free seats (None = no limit). Pass an annotated count to avoid a query."""
        if self.capacity is None:
            return None
        if confirmed is None:
            confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.confirmed().count()
        return max(self.capacity - confirmed, 0)

    def has_free_seat(self):
        """Whether one more registration is confirmed rather than waitlisted (counted now)."""
        return self.seats_left() != 0


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED)

    def holding(self, email):
        """The active registrations under this e-mail address, whatever its case."""
        return self.active().filter(email__iexact=email.strip())


def new_cancel_token():
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    consent = models.BooleanField(_("consent given"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    language = models.CharField(_("language"), max_length=10, default="en")
    cancel_token = models.CharField(max_length=64, unique=True, default=new_cancel_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One live registration per e-mail and event; a cancelled one may be followed by a new one.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}> – {self.event}"

    def get_cancel_url(self):
        return reverse("events:cancel-registration", kwargs={"token": self.cancel_token})


class NewsArticleQuerySet(PublishableQuerySet):
    def published(self, at=None):
        """Visible to the public: flag on and the publication time reached."""
        return self.filter(NewsArticle.published_q(at=at))

    def next_publication(self, after):
        """When the next article scheduled after `after` comes out (None: none is scheduled)."""
        scheduled = self.filter(is_published=True, published_at__gt=after)
        return scheduled.aggregate(moment=Min("published_at"))["moment"]

    def related_to(self, article, limit=3):
        return self.published().filter(category=article.category).exclude(pk=article.pk)[:limit]


def next_news_publication(at):
    """When the next scheduled article comes out after `at` (None: none is scheduled), kept until it
    does or an article changes: what shows published articles can be kept under it."""

    def find():
        moment = NewsArticle.objects.next_publication(at)
        return moment, moment

    return content_cache.cached_until("news:next-scheduled", find)


class NewsArticle(Publishable):
    class Category(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("Announcement")
        EXCHANGE = "exchange", _("Student exchange")
        PARTNERSHIP = "partnership", _("Partnerships")
        SCHOLARS = "scholars", _("Visiting scholars")
        EVENTS = "events", _("Events")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.ANNOUNCEMENT, db_index=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    cover = PortalImageField(_("cover image"), upload_to="news", blank=True)
    cover_alt = models.CharField(_("cover image description"), max_length=200, blank=True)
    published_at = models.DateTimeField(
        _("publish at"), default=timezone.now, help_text=_("A time in the future schedules the article.")
    )
    is_published = models.BooleanField(_("published"), default=False)

    objects = NewsArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["is_published", "published_at"]), *search_indexes("news", ["title_en", "title_zh_hant"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:news-detail", kwargs={"slug": self.slug})

    @classmethod
    def published_q(cls, via="", at=None):
        """Visible to the public: flag on and the publication time reached."""
        return super().published_q(via) & Q(**{f"{via}published_at__lte": at or timezone.now()})

    def is_visible(self, at=None):
        return self.is_published and self.published_at <= (at or timezone.now())

    is_visible.boolean = True
    is_visible.short_description = _("visible")
