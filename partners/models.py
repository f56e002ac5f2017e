import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.images import PortalImageField
from core.models import Publishable, PublishableQuerySet
from core.private_files import PrivateFileField, validate_pdf
from core.search_indexes import search_indexes
from partners.regions import Region, countries_in, region_of

# Days before an agreement ends: the windows staff see it in (dashboard, admin filter) and the
# moments its owner is reminded; the widest window is what "expiring" means.
EXPIRY_WINDOWS = (30, 90, 180)
EXPIRING_WITHIN_DAYS = EXPIRY_WINDOWS[-1]


def _today():
    return timezone.localdate()


class PartnerUniversityQuerySet(PublishableQuerySet):
    def count_by_country(self):
        """{country code: number of partners}, in one query."""
        rows = self.values("country").annotate(total=Count("pk")).order_by()
        return {row["country"]: row["total"] for row in rows}

    def in_region(self, region):
        return self.filter(country__in=countries_in(region))

    def with_agreements_in_force(self, on=None):
        """Partners holding at least one agreement in force on a date."""
        return self.filter(pk__in=Agreement.objects.active(on=on).values("partner_id"))

    def without_agreement_in_force(self, on=None):
        return self.exclude(pk__in=Agreement.objects.active(on=on).values("partner_id"))

    def with_active_agreement_count(self, on=None):
        # A correlated subquery, not a join with GROUP BY: PostgreSQL counts for the rows of
        # the page only (after ORDER BY … LIMIT), not for every partner before sorting them.
        return self.annotate(active_agreement_count=agreements_in_force_counted(on or _today()))


# A day no agreement has: where the condition compiled once reads it, the day asked for goes.
_ANY_DAY = datetime.date(1, 1, 2)


@functools.cache
def _in_force_sql():
    """Agreement.active_q on the agreements' own table, as (SQL, parameters), compiled once."""
    query = Agreement.objects.filter(Agreement.active_q(_ANY_DAY)).query
    return query.where.as_sql(query.get_compiler(connection=connection), connection)


def agreements_in_force_counted(on):
    """A partner's agreements in force on `on`, counted for each row read (a subquery).

    Built from Agreement.active_q once, then as SQL: the same subquery made of expressions cost
    more to build and compile, on every request, than PostgreSQL took to run it."""
    condition, params = _in_force_sql()
    agreement, partner = Agreement._meta, PartnerUniversity._meta
    quote = connection.ops.quote_name
    table = quote(agreement.db_table)
    link = f"{table}.{quote(agreement.get_field('partner').column)} = {quote(partner.db_table)}.{quote(partner.pk.column)}"
    # Table and column names from the models, quoted; the days are parameters.
    sql = f"(SELECT COUNT(*) FROM {table} WHERE {link} AND {condition})"  # noqa: S608
    days = tuple(on if value == _ANY_DAY else value for value in params)
    return RawSQL(sql, days, output_field=models.IntegerField())  # noqa: S611


class PartnerUniversity(Publishable):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    hei_id = models.CharField(
        _("HEI identifier"),
        max_length=100,
        blank=True,
        help_text=_("The partner's Erasmus Without Paper / SCHAC code, usually its domain, e.g. uni-example.de."),
    )
    logo = PortalImageField(_("logo"), upload_to="partners/logos", blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Fact sheet for students going there (public).
    academic_calendar = models.TextField(
        _("academic calendar"), blank=True, help_text=_("Semester dates as students should read them.")
    )
    language_requirements = models.TextField(_("language requirements"), blank=True)
    nomination_deadlines = models.CharField(
        _("nomination deadlines"), max_length=200, blank=True, help_text=_("For example: 15 March (fall), 15 October (spring).")
    )
    application_deadlines = models.CharField(_("application deadlines"), max_length=200, blank=True)
    decision_weeks = models.PositiveSmallIntegerField(
        _("weeks to decide on nominees"),
        null=True,
        blank=True,
        help_text=_("How soon after a nomination the partner answers (fact sheet); the dashboard lists partners later than that."),
    )
    courses_url = models.URLField(_("course catalogue"), blank=True)
    international_office_email = models.EmailField(_("international office e-mail"), blank=True)
    international_office_url = models.URLField(_("international office website"), blank=True)
    is_published = models.BooleanField(_("published"), default=True, help_text=_("Shown on public pages."))

    objects = PartnerUniversityQuerySet.as_manager()
    # The search vector is derived from the other fields; it is not a change.
    history = HistoricalRecords(excluded_fields=["search_vector", "search_text"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner university")
        verbose_name_plural = _("partner universities")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="partner_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="partner_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "country"]),
            # The partner list's page is read in name order from the index, not by sorting every partner.
            models.Index(fields=["name"], name="partner_name"),
            # Which partners are published, and where, without reading their wide rows:
            # the finder's and the lists' counts join this instead of the table.
            models.Index(
                fields=["id"], include=["country"], condition=Q(is_published=True), name="partner_published"
            ),
            *search_indexes("partner", ["name_en", "name_zh_hant"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def region(self):
        return region_of(self.country.code)

    @property
    def region_label(self):
        region = self.region
        return Region(region).label if region else ""


class AgreementQuerySet(models.QuerySet):
    """One method per status; together they split agreements exactly as `Agreement.status_on` does."""

    def active(self, on=None):
        """Agreements in force on a date (today by default)."""
        return self.filter(Agreement.active_q(on or _today()))

    def expiring(self, within=EXPIRING_WITHIN_DAYS, on=None):
        """In force today and ending within `within` days (inclusive)."""
        on = on or _today()
        return self.active(on=on).filter(ends_on__lte=on + datetime.timedelta(days=within))

    def active_not_expiring(self, on=None):
        on = on or _today()
        limit = on + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
        return self.active(on=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=limit))

    def not_terminated(self, on=None):
        return self.filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=on or _today()))

    def published(self, on=None):
        """Signed agreements of published partners, not terminated: what partners' systems may read."""
        return self.not_terminated(on).filter(
            PartnerUniversity.published_q("partner__"), signed_on__isnull=False, starts_on__isnull=False
        )

    def drafts(self, on=None):
        """Not signed yet (or without a start date): waiting for signature."""
        return self.not_terminated(on).filter(Q(signed_on__isnull=True) | Q(starts_on__isnull=True))

    def signed_not_started(self, on=None):
        on = on or _today()
        return self.not_terminated(on).filter(signed_on__isnull=False, starts_on__gt=on)

    def expired(self, on=None):
        on = on or _today()
        return self.not_terminated(on).filter(signed_on__isnull=False, starts_on__isnull=False, ends_on__lt=on)

    def terminated(self, on=None):
        return self.filter(terminated_on__lte=on or _today())

    def with_status(self, status, on=None):
        """The agreements whose `status_on(on)` is `status`."""
        by_status = {
            Agreement.Status.DRAFT: self.drafts,
            Agreement.Status.SIGNED: self.signed_not_started,
            Agreement.Status.ACTIVE: self.active_not_expiring,
            Agreement.Status.EXPIRING: self.expiring,
            Agreement.Status.EXPIRED: self.expired,
            Agreement.Status.TERMINATED: self.terminated,
        }
        method = by_status.get(status)
        if method is None:
            return self.none()
        return method(on=on)


class Agreement(models.Model):
    class Kind(models.TextChoices):
        SISTER_SCHOOL = "sister-school", _("Sister-school agreement / MOU")
        STUDENT_EXCHANGE = "student-exchange", _("Student exchange")
        DUAL_DEGREE = "dual-degree", _("Dual degree")
        FACULTY_EXCHANGE = "faculty-exchange", _("Faculty exchange")
        RESEARCH = "research", _("Research collaboration")

    class Level(models.TextChoices):
        # Which unit of ours signed it (EWP: the IIA's organisational unit, if not the whole university).
        UNIVERSITY = "university", _("University")
        COLLEGE = "college", _("College")
        DEPARTMENT = "department", _("Department")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed, not yet in force")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("partner university")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.UNIVERSITY)
    owning_unit = models.CharField(
        _("owning unit"),
        max_length=200,
        blank=True,
        help_text=_("The college or department that owns the agreement; empty for a university-level one."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, help_text=_("Empty while the agreement is a draft."))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Empty for an open-ended agreement."))
    terminated_on = models.DateField(
        _("terminated on"), null=True, blank=True, help_text=_("Set when either side ends the agreement early.")
    )
    auto_renews = models.BooleanField(_("renews automatically"), default=False)
    outbound_seats = models.PositiveSmallIntegerField(
        _("outbound seats per year"), default=0, help_text=_("Our students the partner takes each year.")
    )
    inbound_seats = models.PositiveSmallIntegerField(
        _("inbound seats per year"), default=0, help_text=_("Partner students we take each year.")
    )
    subject_areas = models.CharField(_("subject areas"), max_length=255, blank=True)
    renewal_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals", verbose_name=_("renewal of")
    )
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Staff only; never shown publicly."))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_agreements",
        verbose_name=_("owner"),
        help_text=_("The staff member who keeps this agreement current and receives reminders."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "-starts_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_not_before_start",
            ),
            # A college or department agreement names its unit; a university one needs none.
            models.CheckConstraint(
                condition=Q(level="university") | ~Q(owning_unit=""), name="agreement_unit_named_below_university"
            ),
        ]
        indexes = [models.Index(fields=["partner", "ends_on"]), models.Index(fields=["ends_on"])]

    def __str__(self):
        return f"{self.partner} — {self.get_kind_display()}"

    def clean(self):
        # Said in staff's words on the field; full_clean then skips the database
        # constraint, whose own message would only give its name.
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")}, code="ends_before_start")

    @staticmethod
    def active_q(on, prefix=""):
        """The condition for "in force on `on`", shared by querysets and annotations.

        `prefix` reaches the agreement through a relation, e.g. "agreements__".
        """
        return (
            Q(**{f"{prefix}signed_on__isnull": False, f"{prefix}starts_on__lte": on})
            & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on}))
            & (Q(**{f"{prefix}terminated_on__isnull": True}) | Q(**{f"{prefix}terminated_on__gt": on}))
        )

    def status_on(self, on=None):
        on = on or _today()
        if self.terminated_on and self.terminated_on <= on:
            return self.Status.TERMINATED
        if self.signed_on is None or self.starts_on is None:
            return self.Status.DRAFT
        if self.ends_on and self.ends_on < on:
            return self.Status.EXPIRED
        if self.starts_on > on:
            return self.Status.SIGNED
        if self.ends_on and self.ends_on <= on + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return self.Status.EXPIRING
        return self.Status.ACTIVE

    @property
    def status(self):
        return self.status_on()

    @property
    def is_in_force(self):
        return self.status in (self.Status.ACTIVE, self.Status.EXPIRING)

    # Internal notes hold negotiation details: only those who manage agreements (Partnerships,
    # superusers) read them; a coordinator who may view agreements sees everything else.
    INTERNAL_NOTES_PERMISSION = "partners.change_agreement"

    @classmethod
    def internal_notes_readable_by(cls, user):
        return user.is_active and user.has_perm(cls.INTERNAL_NOTES_PERMISSION)

    def renewal_chain(self):
        """The agreements this one renews and its renewals, oldest first.

        One query for the partner's agreements, whatever the chain's length:
        renewals always stay with the same partner.
        """
        return renewal_chain_of(self, self.partner.agreements.all())


def renewal_chain_of(agreement, agreements):
    """The chain through `agreement` among `agreements` (one partner's), oldest first.

    Where an agreement was renewed twice (a second draft), the newest renewal continues the chain.
    """
    by_pk = {item.pk: item for item in agreements}
    renewed_by = {}
    for item in agreements:
        if item.renewal_of_id:
            renewed_by.setdefault(item.renewal_of_id, []).append(item)
    start = by_pk.get(agreement.pk, agreement)
    seen = {start.pk}
    while start.renewal_of_id in by_pk and start.renewal_of_id not in seen:
        start = by_pk[start.renewal_of_id]
        seen.add(start.pk)
    chain = [start]
    current = start
    while renewed_by.get(current.pk):
        current = sorted(renewed_by[current.pk], key=lambda item: item.pk)[-1]
        if current in chain:
            break
        chain.append(current)
    return chain


class AgreementDocument(models.Model):
    """A signed copy of an agreement (one per language version, annexes...). Private."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        CHINESE = "zh-hant", _("Traditional Chinese")
        BILINGUAL = "bilingual", _("Bilingual")
        OTHER = "other", _("Other language")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("For example: Signed copy, English version."))
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH)
    file = PrivateFileField(_("PDF file"), upload_to="agreements", validators=[validate_pdf])
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "language", "title"]
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")

    def __str__(self):
        return self.title

    def get_download_url(self):
        return reverse("admin:partners_agreementdocument_download", kwargs={"pk": self.pk})

    @property
    def download_name(self):
        # The partner's slug, not its name: a Chinese name would slugify to nothing.
        return f"{self.agreement.partner.slug[:60]}-{self.agreement.kind}-{self.language}.pdf"


class PartnerContact(models.Model):
    """A person at the partner university. Staff only: never shown on public pages."""

    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner university")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("For example: Exchange coordinator."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    receives_nominations = models.BooleanField(
        _("exchange contact"),
        default=False,
        help_text=_("Nominations of outgoing students are e-mailed to this person."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class AgreementReminder(models.Model):
    """A reminder e-mail that was sent, so each threshold is mailed once per end date."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("agreement")
    )
    threshold_days = models.PositiveSmallIntegerField(_("days before the end"))
    ends_on = models.DateField(_("end date reminded of"))
    recipient = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("agreement reminder")
        verbose_name_plural = _("agreement reminders")
        constraints = [
            # An extended agreement (new end date) gets its reminders again.
            models.UniqueConstraint(
                fields=["agreement", "threshold_days", "ends_on"], name="unique_reminder_per_threshold"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} — {self.threshold_days}"


# Models in their own module for length; imported here so that Django registers them.
from partners.cooperation import CooperationCondition  # noqa: E402

__all__ = [
    "Agreement",
    "AgreementDocument",
    "AgreementReminder",
    "CooperationCondition",
    "PartnerContact",
    "PartnerUniversity",
]
