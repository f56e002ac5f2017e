"""After departure: learning agreements (versions of course lines), credit recognition,
the public course-equivalence library, experience reports, and messages to students abroad.

A student reaches all of it from the application's private status link; staff of the
student's department approve, the office records recognition, and every recognised
course becomes an anonymous library record.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.images import PortalImageField
from core.models import Department
from core.private_files import PrivateFileField, validate_pdf
from core.search_indexes import search_indexes, search_text_field, search_vector_field
from exchanges.models import Application, ExchangeProgram
from partners.models import PartnerUniversity

CREDITS = {"max_digits": 5, "decimal_places": 1, "validators": [MinValueValidator(Decimal("0"))]}
NOTE_MAX = 2000
REPORT_MAX = 8000


def department_field(related_name):
    """The department a row belongs to, by the code the application stores."""
    return models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        to_field="code",
        db_column="department",
        related_name=related_name,
        verbose_name=_("department"),
    )


class LearningAgreementQuerySet(models.QuerySet):
    def for_departments(self, codes):
        return self.filter(application__department__in=codes)


class LearningAgreement(models.Model):
    """The agreed list of courses of one student's stay; its versions are never overwritten."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="learning_agreement", verbose_name=_("application")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LearningAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("learning agreement")
        verbose_name_plural = _("learning agreements")

    def __str__(self):
        return f"{self.application.reference} — {_('learning agreement')}"

    def versions_newest_first(self):
        return sorted(self.versions.all(), key=lambda version: version.number, reverse=True)

    def approved_version(self):
        """The latest approved version (from prefetched versions when there are)."""
        return next(
            (v for v in self.versions_newest_first() if v.status == LearningAgreementVersion.Status.APPROVED), None
        )

    def pending_version(self):
        return next(
            (v for v in self.versions_newest_first() if v.status == LearningAgreementVersion.Status.PROPOSED), None
        )


class LearningAgreementVersion(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, awaiting the department")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    agreement = models.ForeignKey(
        LearningAgreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("learning agreement")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    student_note = models.TextField(_("note from the student"), blank=True, max_length=NOTE_MAX)
    comment = models.TextField(
        _("comment from the department"),
        blank=True,
        max_length=NOTE_MAX,
        help_text=_("Required when the version is returned; the student reads it on the status page."),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["agreement", "-number"]
        verbose_name = _("learning agreement version")
        verbose_name_plural = _("learning agreement versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="one_learning_agreement_version_number"),
            # One proposal waits at a time: a change proposed meanwhile replaces nothing silently.
            models.UniqueConstraint(
                fields=["agreement"], condition=Q(status="proposed"), name="one_pending_learning_agreement_version"
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_at__isnull=False), name="decided_version_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.agreement.application.reference} v{self.number}"

    def total_host_credits(self):
        return sum((line.host_credits for line in self.courses.all()), Decimal("0"))

    def total_home_credits(self):
        return sum((line.home_credits for line in self.courses.all()), Decimal("0"))


class CourseLine(models.Model):
    """One host course of a version and the home course it replaces (or elective credits)."""

    version = models.ForeignKey(
        LearningAgreementVersion, on_delete=models.CASCADE, related_name="courses", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    host_code = models.CharField(_("host course code"), max_length=40)
    host_title = models.CharField(_("host course title"), max_length=200)
    host_credits = models.DecimalField(
        _("host credits"), help_text=_("In the host's unit (ECTS, US credits…)."), **CREDITS
    )
    home_code = models.CharField(_("home course code"), max_length=40, blank=True)
    home_title = models.CharField(
        _("home course title"), max_length=200, blank=True, help_text=_("Empty: counts as elective credits.")
    )
    home_credits = models.DecimalField(_("home credits"), **CREDITS)

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return f"{self.host_code} {self.host_title} → {self.home_label()}"

    @property
    def is_elective(self):
        return not self.home_title

    def home_label(self):
        return f"{self.home_code} {self.home_title}".strip() if self.home_title else str(_("Elective credits"))


class Recognition(models.Model):
    """On return: the host transcript (private) and, per course, the grade and the credits recognised."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting the host transcript")
        RECEIVED = "received", _("Transcript received, being recognised")
        RECOGNISED = "recognised", _("Credits recognised")

    agreement = models.OneToOneField(
        LearningAgreement, on_delete=models.CASCADE, related_name="recognition", verbose_name=_("learning agreement")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AWAITING)
    transcript = PrivateFileField(
        _("host transcript"), upload_to="transcripts/%Y/%m", blank=True, validators=[validate_pdf]
    )
    transcript_size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    transcript_uploaded_at = models.DateTimeField(_("transcript uploaded at"), null=True, blank=True)
    recognised_at = models.DateTimeField(_("recognised at"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recognised by"),
    )

    class Meta:
        ordering = ["-recognised_at", "-pk"]
        verbose_name = _("credit recognition")
        verbose_name_plural = _("credit recognitions")

    def __str__(self):
        return f"{self.agreement.application.reference} — {_('credit recognition')}"

    def total_recognised(self):
        return sum((line.recognised_credits for line in self.lines.all()), Decimal("0"))

    def download_name(self):
        return f"{self.agreement.application.reference}-host-transcript.pdf"

    def get_download_url(self):
        return reverse("admin:abroad_recognition_transcript", args=[self.pk])


class RecognitionLine(models.Model):
    recognition = models.ForeignKey(
        Recognition, on_delete=models.CASCADE, related_name="lines", verbose_name=_("recognition")
    )
    course = models.ForeignKey(
        CourseLine, on_delete=models.PROTECT, related_name="recognitions", verbose_name=_("course")
    )
    grade = models.CharField(_("grade at the host"), max_length=20)
    recognised_credits = models.DecimalField(_("credits recognised"), **CREDITS)

    class Meta:
        ordering = ["recognition", "course__position", "pk"]
        verbose_name = _("recognised course")
        verbose_name_plural = _("recognised courses")
        constraints = [models.UniqueConstraint(fields=["recognition", "course"], name="one_recognition_per_course")]

    def __str__(self):
        return f"{self.course.host_code}: {self.grade} → {self.recognised_credits}"


class CourseEquivalenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(PartnerUniversity.published_q("partner__"), is_published=True)


class CourseEquivalence(models.Model):
    """A course recognised before, with nothing about who took it: the public library."""

    partner = models.ForeignKey(
        PartnerUniversity,
        on_delete=models.CASCADE,
        related_name="course_equivalences",
        verbose_name=_("partner university"),
    )
    programme = models.ForeignKey(
        ExchangeProgram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_equivalences",
        verbose_name=_("programme"),
    )
    department = department_field("course_equivalences")
    academic_year = models.PositiveSmallIntegerField(_("academic year"), db_index=True)
    host_code = models.CharField(_("host course code"), max_length=40)
    host_title = models.CharField(_("host course title"), max_length=200)
    host_credits = models.DecimalField(_("host credits"), **CREDITS)
    home_code = models.CharField(_("home course code"), max_length=40, blank=True)
    home_title = models.CharField(_("home course title"), max_length=200, blank=True)
    home_credits = models.DecimalField(_("credits recognised"), **CREDITS)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_vector = search_vector_field()
    search_text = search_text_field()

    objects = CourseEquivalenceQuerySet.as_manager()

    class Meta:
        ordering = ["host_code", "-academic_year", "pk"]
        verbose_name = _("course equivalence")
        verbose_name_plural = _("course-equivalence library")
        indexes = [
            models.Index(fields=["partner", "is_published", "academic_year"]),
            *search_indexes("courseequiv", ["host_title", "home_title"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(academic_year__gte=1950, academic_year__lte=2100), name="equivalence_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.host_code} {self.host_title} → {self.home_label()}"

    def get_absolute_url(self):
        return f"{reverse('abroad:courses')}?partner={self.partner.slug}#course-{self.pk}"

    def home_label(self):
        return f"{self.home_code} {self.home_title}".strip() if self.home_title else str(_("Elective credits"))

    def get_department_display(self):
        return self.department.name

    @property
    def academic_year_text(self):
        return f"{self.academic_year}–{(self.academic_year + 1) % 100:02d}"


class ExperienceReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(PartnerUniversity.published_q("partner__"), status=ExperienceReport.Status.PUBLISHED, consent=True)


class ExperienceReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        CHINESE = "zh-hant", _("Traditional Chinese")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="experience_report", verbose_name=_("application")
    )
    partner = models.ForeignKey(
        PartnerUniversity,
        on_delete=models.CASCADE,
        related_name="experience_reports",
        verbose_name=_("partner university"),
    )
    programme = models.ForeignKey(
        ExchangeProgram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_reports",
        verbose_name=_("programme"),
    )
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("report"), max_length=REPORT_MAX)
    show_name = models.BooleanField(_("show my name"), default=False)
    author_name = models.CharField(
        _("name shown"), max_length=200, blank=True, help_text=_("Shown only when the student chose to show it.")
    )
    consent = models.BooleanField(_("consent to publication"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    moderation_note = models.TextField(_("note from the office"), blank=True, max_length=NOTE_MAX)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = search_vector_field()
    search_text = search_text_field()

    objects = ExperienceReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-submitted_at"]
        verbose_name = _("experience report")
        verbose_name_plural = _("experience reports")
        indexes = [
            models.Index(fields=["partner", "status", "published_at"]),
            *search_indexes("report", ["title"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(consent=True), name="published_report_has_consent"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("abroad:report", args=[self.pk])

    @property
    def byline(self):
        return self.author_name if self.show_name and self.author_name else str(_("A returning student"))

    @property
    def academic_year_text(self):
        return f"{self.academic_year}–{(self.academic_year + 1) % 100:02d}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(
        ExperienceReport, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report")
    )
    image = PortalImageField(_("photo"), upload_to="reports")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["report", "position", "pk"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self):
        return self.caption or f"{self.report} #{self.position}"


class AbroadMessage(models.Model):
    """A message to everyone abroad in a country (or a city of it) at one moment, as sent."""

    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("Empty: the whole country."))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("sent by")
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    batch = models.ForeignKey(
        "outbox.Batch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("bulk send")
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message to students abroad")
        verbose_name_plural = _("messages to students abroad")
        permissions = [
            ("view_abroadnow", _("Can see who is abroad now")),
            ("see_emergencycontacts", _("Can see the emergency contacts of students abroad")),
        ]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d} {self.country.code} {self.city}: {self.subject}"


class DepartmentStaff(models.Model):
    """A staff member who approves learning agreements and recognises credits for one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="department_roles",
        verbose_name=_("staff user"),
    )
    department = department_field("approvers")

    class Meta:
        ordering = ["department", "user"]
        verbose_name = _("department approver")
        verbose_name_plural = _("department approvers")
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="one_link_per_user_and_department")]

    def __str__(self):
        return f"{self.user} — {self.department}"
