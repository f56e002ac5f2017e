"""Selection of a call's applicants: the language scale, extra scoring criteria, the
coordinator's pins and exclusions, and the waiting lists a confirmed placement leaves."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchanges.models.applications import Application
from exchanges.models.programmes import ApplicationCall, ExchangeProgram

POINTS_MAX = Decimal("100")
points_validators = [MinValueValidator(0), MaxValueValidator(100)]

# Tests whose result is a number (the band applies from `minimum` up) and tests whose
# result is a level (the band names it exactly).
NUMERIC_TESTS = {
    Application.LanguageTest.TOEFL_IBT,
    Application.LanguageTest.IELTS,
    Application.LanguageTest.TOEIC,
    Application.LanguageTest.TOPIK,
}
# The language each test certifies; CEFR and "other" say nothing about which one.
TEST_LANGUAGE = {
    Application.LanguageTest.TOEFL_IBT: "en",
    Application.LanguageTest.IELTS: "en",
    Application.LanguageTest.TOEIC: "en",
    Application.LanguageTest.JLPT: "ja",
    Application.LanguageTest.TOPIK: "ko",
}


def parse_number(text):
    try:
        return Decimal(str(text).strip().replace(",", "."))
    except ArithmeticError:
        return None


def normalise_level(text):
    return "".join(str(text).split()).upper()


class LanguageScoreBandQuerySet(models.QuerySet):
    def scale(self):
        """The whole table, as the `LanguageScale` that scores applicants without more queries."""
        return LanguageScale(self.order_by("test", "-minimum", "level"))


class LanguageScoreBand(models.Model):
    """One row of the table that puts every test's results on one 0–100 scale."""

    test = models.CharField(_("test"), max_length=12, choices=Application.LanguageTest.choices)
    minimum = models.DecimalField(
        _("from score"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For tests with a numeric score (TOEFL iBT, IELTS, TOEIC, TOPIK): this score and above."),
    )
    level = models.CharField(
        _("level"), max_length=8, blank=True, help_text=_("For tests with levels (JLPT N1–N5, CEFR A1–C2).")
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, validators=points_validators)

    objects = LanguageScoreBandQuerySet.as_manager()

    class Meta:
        ordering = ["test", "-points"]
        verbose_name = _("language score band")
        verbose_name_plural = _("language score scale")
        constraints = [
            models.CheckConstraint(
                condition=(Q(minimum__isnull=False) & Q(level="")) | (Q(minimum__isnull=True) & ~Q(level="")),
                name="language_band_minimum_or_level",
            ),
            models.CheckConstraint(condition=Q(points__gte=0, points__lte=100), name="language_band_points_range"),
            models.UniqueConstraint(
                fields=["test", "minimum"], condition=Q(minimum__isnull=False), name="unique_language_band_minimum"
            ),
            models.UniqueConstraint(fields=["test", "level"], condition=~Q(level=""), name="unique_language_band_level"),
        ]

    def __str__(self):
        return f"{self.get_test_display()} {self.minimum if self.minimum is not None else self.level} → {self.points}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.test in NUMERIC_TESTS and (self.minimum is None or self.level):
            raise ValidationError({"minimum": _("This test has numeric scores: give the score the band starts from.")})
        if self.test not in NUMERIC_TESTS and (self.minimum is not None or not self.level):
            raise ValidationError({"level": _("This test has levels: give the level, not a score.")})
        self.level = normalise_level(self.level)


class LanguageScale:
    """The score bands in memory: turns an applicant's test and result into points."""

    def __init__(self, bands):
        self.numeric = {}
        self.levels = {}
        for band in bands:
            if band.minimum is not None:
                self.numeric.setdefault(band.test, []).append((band.minimum, band.points))
            else:
                self.levels[(band.test, normalise_level(band.level))] = band.points
        for rows in self.numeric.values():
            rows.sort(reverse=True)

    def points(self, test, result):
        """Points of a result; 0 when there is no test or the result is not in the table."""
        if test in NUMERIC_TESTS:
            value = parse_number(result)
            if value is None:
                return Decimal(0)
            return next((points for minimum, points in self.numeric.get(test, ()) if value >= minimum), Decimal(0))
        return self.levels.get((test, normalise_level(result)), Decimal(0))


class ScoringCriterion(models.Model):
    """A criterion the office adds to a call's scoring (portfolio, recommendation letter...)."""

    call = models.ForeignKey(
        ApplicationCall, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    name = models.CharField(_("name"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight"), default=10)

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("other scoring criteria")
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="unique_criterion_name_per_call")]

    def __str__(self):
        return self.name


class CriterionScore(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="criterion_scores", verbose_name=_("application")
    )
    criterion = models.ForeignKey(
        ScoringCriterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    points = models.DecimalField(_("points (0–100)"), max_digits=5, decimal_places=2, validators=points_validators)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("scores on other criteria")
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0, points__lte=100), name="criterion_points_range"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"


class PlacementOverride(models.Model):
    """A coordinator's decision the placement must follow: a pinned seat or an exclusion."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Pinned to a programme")
        EXCLUDE = "exclude", _("Excluded from placement")

    call = models.ForeignKey(
        ApplicationCall, on_delete=models.CASCADE, related_name="placement_overrides", verbose_name=_("call")
    )
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="placement_override", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    programme = models.ForeignKey(
        ExchangeProgram, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("programme")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement override")
        verbose_name_plural = _("placement overrides")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="pin") & Q(programme__isnull=False)) | (Q(kind="exclude") & Q(programme__isnull=True)),
                name="override_pin_has_programme",
            ),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.get_kind_display()}"


class WaitingListEntryQuerySet(models.QuerySet):
    def active(self):
        """Entries of applicants still waiting: not promoted, not withdrawn or declined since.

        A nominee placed on a lower choice still waits on the choices they ranked higher
        until their partner decides (placement.still_wants has the full rule).
        """
        return self.filter(promoted_at__isnull=True).filter(
            Q(application__status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW])
            | Q(application__status=Application.Status.NOMINATED, application__nomination__decision="awaiting")
        )


class WaitingListEntry(models.Model):
    """An applicant's place on one programme's waiting list (備取), from the confirmed placement."""

    call = models.ForeignKey(
        ApplicationCall, on_delete=models.CASCADE, related_name="waiting_entries", verbose_name=_("call")
    )
    programme = models.ForeignKey(
        ExchangeProgram, on_delete=models.CASCADE, related_name="waiting_entries", verbose_name=_("programme")
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="waiting_entries", verbose_name=_("application")
    )
    position = models.PositiveIntegerField(_("position"))
    promoted_at = models.DateTimeField(_("given a seat at"), null=True, blank=True)

    objects = WaitingListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["call", "programme", "position"]
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting lists")
        constraints = [
            models.UniqueConstraint(fields=["programme", "application"], name="one_waiting_entry_per_programme"),
            models.UniqueConstraint(fields=["call", "programme", "position"], name="unique_waiting_position"),
        ]

    def __str__(self):
        return f"{self.programme} #{self.position}"
