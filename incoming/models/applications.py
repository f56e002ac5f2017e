"""A partner's student coming to us: nominated by the partner, completed by the student,
reviewed by our coordinators, accepted with a letter, welcomed with an arrival checklist."""

import secrets

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import ApplicantDocument, Department, StatusChange
from core.private_files import PrivateFileField
from partners.models import PartnerUniversity


def new_private_token():
    """The secret in a nominee's private link: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_letter_code():
    """The code printed on an acceptance letter that lets anyone check the letter is ours."""
    return secrets.token_hex(8).upper()


class IncomingReferenceSequence(models.Model):
    """The last incoming reference number handed out in a year (INC-2026-00001)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("incoming reference sequence")
        verbose_name_plural = _("incoming reference sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, year):
        """One upsert: its row lock lasts to the end of the transaction, so no number is handed out twice."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 (table name is ours)
                f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 RETURNING last_number",
                [year],
            )
            return f"INC-{year}-{cursor.fetchone()[0]:05d}"


class IncomingApplicationQuerySet(models.QuerySet):
    def for_admin_list(self):
        return self.select_related("partner")

    def accepted(self):
        return self.filter(status=IncomingApplication.Status.ACCEPTED)


class IncomingApplication(models.Model):
    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated by the partner")
        SUBMITTED = "submitted", _("Application submitted")
        UNDER_REVIEW = "under-review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Term(models.TextChoices):
        FALL = "fall", _("Fall semester")
        SPRING = "spring", _("Spring semester")
        FULL_YEAR = "full-year", _("Full academic year")

    class StudyLevel(models.TextChoices):
        # EQF levels, as EWP uses them.
        BACHELOR = "6", _("Bachelor (EQF 6)")
        MASTER = "7", _("Master (EQF 7)")
        DOCTORATE = "8", _("Doctorate (EQF 8)")

    class Housing(models.TextChoices):
        NOT_NEEDED = "not-needed", _("I arrange my own housing")
        DORMITORY = "dormitory", _("A room in the university dormitory")
        HELP = "help", _("Help finding housing off campus")

    # Who may do what next: the one table staff and the student follow.
    TRANSITIONS = {
        Status.NOMINATED: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.UNDER_REVIEW, Status.REJECTED, Status.WITHDRAWN},
        Status.UNDER_REVIEW: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
        Status.ACCEPTED: {Status.WITHDRAWN},
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
    }

    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.PROTECT, related_name="incoming_applications", verbose_name=_("home university")
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_private_token, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOMINATED)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en",
        help_text=_("E-mails to the student are written in this language."),
    )
    # What the partner's coordinator gave.
    coordinator_name = models.CharField(_("nominated by"), max_length=200)
    coordinator_email = models.EmailField(_("coordinator e-mail"))
    name = models.CharField(_("name"), max_length=200, help_text=_("As in the passport."))
    email = models.EmailField(_("e-mail"))
    study_level = models.CharField(_("study level"), max_length=1, choices=StudyLevel.choices)
    field_of_study = models.CharField(_("field of study"), max_length=200)
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The year it starts, e.g. 2027 for 2027/2028.")
    )
    term = models.CharField(_("period"), max_length=10, choices=Term.choices)
    # What the student completes.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    wanted_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, to_field="code", db_column="wanted_department", null=True, blank=True,
        related_name="incoming_applications", verbose_name=_("department wanted"),
    )
    housing = models.CharField(_("housing"), max_length=12, choices=Housing.choices, blank=True)
    needs_visa = models.BooleanField(_("needs a visa"), default=False)
    needs_notes = models.TextField(_("other needs"), max_length=1000, blank=True)
    submitted_at = models.DateTimeField(_("application submitted at"), null=True, blank=True, editable=False)
    # Acceptance.
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    letter_code = models.CharField(_("letter verification code"), max_length=16, unique=True, null=True, blank=True, editable=False)
    letter_pdf = PrivateFileField(
        _("acceptance letter (PDF)"), upload_to="incoming/letters/%Y", blank=True, editable=False,
        help_text=_("Built by a worker once the student is accepted, then sent as it was issued."),
    )
    mobility_record = models.OneToOneField(
        "exchanges.MobilityRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incoming_application",
        verbose_name=_("mobility record"),
        editable=False,
    )
    # Arrival checklist (after acceptance).
    insurance_provider = models.CharField(_("insurance company"), max_length=200, blank=True)
    insurance_policy_number = models.CharField(_("insurance policy number"), max_length=60, blank=True)
    visa_letter_requested = models.BooleanField(_("visa support letter requested"), default=False)
    visa_letter_sent_on = models.DateField(_("visa letter sent on"), null=True, blank=True)
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    created_at = models.DateTimeField(_("nominated at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncomingApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("incoming application")
        verbose_name_plural = _("incoming applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["nominated", "submitted", "under-review", "accepted", "rejected", "withdrawn"]),
                name="incoming_status_known",
            ),
            models.CheckConstraint(condition=Q(academic_year__gte=1950, academic_year__lte=2100), name="incoming_year_range"),
            # Accepted means a letter exists to check.
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False, letter_code__isnull=False),
                name="incoming_accepted_has_letter",
            ),
            # One live nomination per student and term from a partner.
            models.UniqueConstraint(
                fields=["partner", "email", "academic_year", "term"],
                condition=~Q(status="withdrawn"),
                name="one_incoming_nomination_per_term",
            ),
        ]
        indexes = [models.Index(fields=["status", "academic_year"])]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def get_wanted_department_display(self):
        return self.wanted_department.name if self.wanted_department else ""

    def get_private_url(self):
        with translation.override(self.language):
            return reverse("incoming:application", kwargs={"token": self.token})

    def get_letter_url(self):
        with translation.override(self.language):
            return reverse("incoming:letter", kwargs={"token": self.token})

    def get_verification_url(self):
        return reverse("incoming:verify", kwargs={"code": self.letter_code}) if self.letter_code else ""

    @property
    def academic_year_text(self):
        return f"{self.academic_year}/{self.academic_year + 1}"

    def can_become(self, status):
        return status in self.TRANSITIONS.get(self.status, set())

    def next_statuses(self):
        allowed = self.TRANSITIONS.get(self.status, set())
        return [status for status in self.Status if status in allowed]

    @property
    def awaits_student(self):
        return self.status == self.Status.NOMINATED

    def checklist(self):
        """The arrival checklist as (label, done) pairs, for the student's page and the admin."""
        return [
            (_("Housing request"), bool(self.housing)),
            (_("Health insurance"), bool(self.insurance_provider and self.insurance_policy_number)),
            (_("Visa support letter"), (not self.needs_visa) or bool(self.visa_letter_sent_on)),
            (_("Arrival date"), self.arrival_date is not None),
        ]

    @property
    def checklist_done(self):
        return sum(1 for _label, done in self.checklist() if done)


class IncomingDocument(ApplicantDocument):
    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Passport copy")
        TRANSCRIPT = "transcript", _("Transcript")
        LANGUAGE_CERTIFICATE = "language-certificate", _("Language certificate")

    application = models.ForeignKey(
        IncomingApplication, on_delete=models.CASCADE, related_name="documents", verbose_name=_("incoming application")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    file = PrivateFileField(_("file"), upload_to="incoming/%Y/%m")
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta(ApplicantDocument.Meta):
        verbose_name = _("incoming document")
        verbose_name_plural = _("incoming documents")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="one_incoming_document_per_kind")]

    def get_download_url(self):
        return reverse("admin:incoming_incomingapplication_document", args=[self.application_id, self.pk])


class IncomingStatusChange(StatusChange):
    application = models.ForeignKey(
        IncomingApplication, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("incoming application")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=IncomingApplication.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=IncomingApplication.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
        help_text=_("Empty when the partner or the student made the change."),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True, help_text=_("Shown to the student."))
