"""Students' applications to the programmes of a call, their documents and history."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import ApplicantDocument, Department, StatusChange
from core.private_files import PrivateFileField
from exchanges.models.programmes import ApplicationCall, ExchangeProgram, GPAField

STATEMENT_MAX_CHARS = 3000
MAX_CHOICES = 3
# Letters and digits, stored upper-case (forms upper-case what was typed before this runs).
validate_student_id = RegexValidator(r"^[A-Z0-9]{6,12}$", _("A student ID has 6 to 12 letters and digits."))


def new_status_token():
    """The secret in the applicant's status link: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


class ReferenceSequence(models.Model):
    """The last reference number handed out in a year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_number(cls, year):
        """The next number of `year`. One upsert: the row lock it takes lasts until the
        surrounding transaction ends, so concurrent submissions queue and never share a number."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 (table name is ours)
                f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 "
                "RETURNING last_number",
                [year],
            )
            return cursor.fetchone()[0]


class ApplicationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=Application.SEAT_HOLDING)

    def for_admin_list(self):
        return self.select_related("call", "nominated_programme")

    def same_student(self, call, student_id, email):
        """Applications to `call` with this student ID or this e-mail address: one per student."""
        return self.filter(call=call).filter(Q(student_id=student_id) | Q(email__iexact=email)).order_by("created_at")


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under-review", _("Under review")
        NOMINATED = "nominated", _("Nominated to the partner")
        ACCEPTED = "accepted", _("Accepted by the partner")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class YearOfStudy(models.IntegerChoices):
        FIRST = 1, _("Undergraduate, first year")
        SECOND = 2, _("Undergraduate, second year")
        THIRD = 3, _("Undergraduate, third year")
        FOURTH = 4, _("Undergraduate, fourth year")
        MASTERS_FIRST = 5, _("Master's, first year")
        MASTERS_SECOND = 6, _("Master's, second year")
        DOCTORAL = 7, _("Doctoral")

    class LanguageTest(models.TextChoices):
        NONE = "none", _("No test yet")
        TOEFL_IBT = "toefl-ibt", "TOEFL iBT"
        IELTS = "ielts", "IELTS"
        TOEIC = "toeic", "TOEIC"
        JLPT = "jlpt", _("JLPT (Japanese)")
        TOPIK = "topik", _("TOPIK (Korean)")
        CEFR = "cefr", _("CEFR level (A1–C2)")
        OTHER = "other", _("Other test")

    # Statuses in which the applicant holds a seat of the programme nominated to.
    SEAT_HOLDING = (Status.NOMINATED, Status.ACCEPTED)

    call = models.ForeignKey(
        ApplicationCall, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    name_en = models.CharField(_("name in English"), max_length=200, help_text=_("As in the passport."))
    name_zh = models.CharField(_("name in Chinese"), max_length=100, blank=True)
    student_id = models.CharField(
        _("student ID"),
        max_length=12,
        validators=[validate_student_id],
    )
    email = models.EmailField(_("university e-mail"))
    # The code is what the row stores (to_field): the values written before departments became data stay valid.
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, to_field="code", db_column="department", related_name="applications",
        verbose_name=_("department"),
    )
    year_of_study = models.PositiveSmallIntegerField(_("year of study"), choices=YearOfStudy.choices)
    gpa = GPAField(
        _("GPA"),
        help_text=_("On the institution's GPA scale (the GPA_SCALE setting)."),
    )
    language_test = models.CharField(
        _("language test"), max_length=12, choices=LanguageTest.choices, default=LanguageTest.NONE
    )
    language_score = models.CharField(_("score or level"), max_length=40, blank=True)
    statement = models.TextField(_("statement of purpose"), max_length=STATEMENT_MAX_CHARS)
    language = models.CharField(
        _("language applied in"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("E-mails to the applicant are written in this language."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    nominated_programme = models.ForeignKey(
        ExchangeProgram,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("nominated to"),
    )
    interview_score = models.DecimalField(
        _("interview"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("0–100; empty until the interview."),
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Weighted by the call's scoring; recomputed whenever an input changes."),
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Fields that identify or describe the person (for export and erasure requests).
    PERSONAL_FIELDS = (
        "name_en", "name_zh", "student_id", "email", "gpa", "language_score", "statement", "interview_score", "score",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "student_id"], name="one_application_per_student_per_call"),
            models.UniqueConstraint("call", Lower("email"), name="one_application_per_email_per_call"),
            models.CheckConstraint(condition=Q(gpa__gte=0), name="application_gpa_range"),
            models.CheckConstraint(
                condition=Q(interview_score__isnull=True) | Q(interview_score__gte=0, interview_score__lte=100),
                name="application_interview_score_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "under-review", "nominated", "accepted", "declined", "withdrawn"]),
                name="application_status_known",
            ),
            # A seat is held only together with the programme it belongs to.
            models.CheckConstraint(
                condition=~Q(status__in=["nominated", "accepted"]) | Q(nominated_programme__isnull=False),
                name="application_nomination_has_programme",
            ),
        ]
        indexes = [
            models.Index(fields=["call", "status"]),
            models.Index(fields=["department"]),
            # The admin's list, newest first: a page is read from the index, not sorted from every row.
            models.Index(fields=["created_at", "id"], name="application_newest_first"),
        ]

    def __str__(self):
        return f"{self.reference} {self.name_en}"

    @property
    def greeting_name(self):
        """The name to greet the applicant by in the active language: the Chinese name in Chinese, when given."""
        if self.name_zh and translation.get_language() == "zh-hant":
            return self.name_zh
        return self.name_en

    def get_status_url(self):
        """The applicant's private status page, in the language they applied in."""
        with translation.override(self.language):
            return reverse("exchanges:status", kwargs={"token": self.token})

    def get_department_display(self):
        return self.department.name

    def get_department_display_en(self):
        return self.department.name_en

    def nomination_or_none(self):
        """The nomination (selected along with the application), or None."""
        try:
            return self.nomination
        except models.ObjectDoesNotExist:
            return None

    def mobility_record_or_none(self):
        try:
            return self.mobility_record
        except models.ObjectDoesNotExist:
            return None

    def can_be_withdrawn_by_applicant(self, at=None):
        if not can_transition(self.status, self.Status.WITHDRAWN):
            return False
        # After the placement a nominee may give up the seat and a waiting applicant their place;
        # an applicant the partner accepted writes to the office instead.
        placed = self.call.placement_confirmed_at is not None and self.status != self.Status.ACCEPTED
        return placed or not self.call.has_closed(at)


# Which status an application may move to from which: the one table staff and students follow.
S = Application.Status
ALLOWED_TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.NOMINATED, S.DECLINED, S.WITHDRAWN},
    # After nomination the partner decides: accepted or declined.
    S.NOMINATED: {S.ACCEPTED, S.DECLINED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN},
    S.DECLINED: set(),
    S.WITHDRAWN: set(),
}


def can_transition(from_status, to_status):
    return to_status in ALLOWED_TRANSITIONS.get(from_status, set())


def next_statuses(from_status):
    """The statuses reachable in one step, in the order of the Status choices."""
    allowed = ALLOWED_TRANSITIONS.get(from_status, set())
    return [status for status in S if status in allowed]


class ApplicationChoice(models.Model):
    """One of up to three programmes an applicant ranks."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="choices", verbose_name=_("application")
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES)]
    )
    programme = models.ForeignKey(
        ExchangeProgram, on_delete=models.PROTECT, related_name="application_choices", verbose_name=_("programme")
    )

    class Meta:
        ordering = ["application", "rank"]
        verbose_name = _("programme choice")
        verbose_name_plural = _("programme choices")
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="unique_choice_rank"),
            models.UniqueConstraint(fields=["application", "programme"], name="unique_choice_programme"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=MAX_CHOICES), name="choice_rank_range"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.programme}"


class ApplicationDocument(ApplicantDocument):
    class Kind(models.TextChoices):
        TRANSCRIPT = "transcript", _("Transcript")
        LANGUAGE_CERTIFICATE = "language-certificate", _("Language certificate")
        EXTRA = "extra", _("Additional document")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    file = PrivateFileField(_("file"), upload_to="applications/%Y/%m")
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta(ApplicantDocument.Meta):
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="one_document_per_kind")]

    def get_download_url(self):
        return reverse("admin:exchanges_application_document", args=[self.application_id, self.pk])


class ApplicationStatusChange(StatusChange):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("application")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Application.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
        help_text=_("Empty when the applicant made the change."),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True, help_text=_("Shown to the applicant."))

    class Meta(StatusChange.Meta):
        get_latest_by = "changed_at"
