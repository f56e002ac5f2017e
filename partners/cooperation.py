"""What an agreement promises in each direction, in the meanings of Erasmus Without Paper.

EWP's Inter-Institutional Agreement (IIA v7) splits an agreement into cooperation
conditions, one per direction and mobility type: who sends, who receives, for which
academic years, how many mobilities and months a year, in which subject areas (ISCED-F),
at which study level (EQF) and with which recommended language skills (CEFR). The JSON
that partners' systems read (partners.api) uses these rows and EWP's field names.
"""

import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# ISCED-F 2013 detailed fields are 4 digits, narrow fields 3, broad fields 2 ("0613", "061", "06").
ISCED_F_CODE = RegexValidator(r"^\d{2,4}$", _("An ISCED-F code has 2 to 4 digits, for example 0613."))
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
# "en:B2, zh:B1": an ISO 639-1 language (optionally with a region) and a CEFR level.
_SKILL = r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?:(?:A1|A2|B1|B2|C1|C2)"
LANGUAGE_SKILLS = RegexValidator(
    rf"^{_SKILL}(?:\s*,\s*{_SKILL})*$",
    _("Write each language as code:level, separated by commas, for example “en:B2, zh:B1”."),
)


def validate_isced_codes(codes):
    for code in codes:
        ISCED_F_CODE(code)


def validate_eqf_levels(levels):
    for level in levels:
        if not 5 <= level <= 8:
            raise ValidationError(
                _("EQF levels of higher education are 5 to 8 (%(level)s is not)."), code="eqf_level", params={"level": level}
            )


class CooperationConditionQuerySet(models.QuerySet):
    def covering(self, academic_year):
        """Conditions in force for the academic year starting in `academic_year`."""
        return self.filter(first_academic_year__lte=academic_year, last_academic_year__gte=academic_year)

    def student(self):
        return self.filter(mobility_type__in=CooperationCondition.STUDENT_TYPES)


class CooperationCondition(models.Model):
    """One direction and mobility type of an agreement (EWP IIA "cooperation condition")."""

    class Direction(models.TextChoices):
        # Seen from the institution running the portal.
        OUTGOING = "outgoing", _("We send, the partner receives")
        INCOMING = "incoming", _("The partner sends, we receive")

    class MobilityType(models.TextChoices):
        STUDENT_STUDIES = "student-studies", _("Student mobility for studies")
        STUDENT_TRAINEESHIP = "student-traineeship", _("Student mobility for traineeships")
        STAFF_TEACHING = "staff-teacher", _("Staff mobility for teaching")
        STAFF_TRAINING = "staff-training", _("Staff mobility for training")

    STUDENT_TYPES = (MobilityType.STUDENT_STUDIES, MobilityType.STUDENT_TRAINEESHIP)

    agreement = models.ForeignKey(
        "partners.Agreement", on_delete=models.CASCADE, related_name="conditions", verbose_name=_("agreement")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    mobility_type = models.CharField(_("mobility type"), max_length=20, choices=MobilityType.choices)
    first_academic_year = models.PositiveSmallIntegerField(
        _("first academic year"), help_text=_("The year it starts, e.g. 2026 for 2026/2027.")
    )
    last_academic_year = models.PositiveSmallIntegerField(
        _("last academic year"), help_text=_("The year it starts, e.g. 2030 for 2030/2031.")
    )
    mobilities_per_year = models.PositiveSmallIntegerField(
        _("mobilities per year"), validators=[MinValueValidator(1)], help_text=_("People each academic year.")
    )
    total_months_per_year = models.DecimalField(
        _("total months per year"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("All the mobilities of a year together, in months."),
    )
    subject_areas = ArrayField(
        models.CharField(max_length=4, validators=[ISCED_F_CODE]),
        verbose_name=_("subject areas (ISCED-F)"),
        default=list,
        blank=True,
        validators=[validate_isced_codes],
        help_text=_("ISCED-F codes separated by commas, e.g. 0613,0714; empty for all areas."),
    )
    eqf_levels = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(5), MaxValueValidator(8)]),
        verbose_name=_("study levels (EQF)"),
        default=list,
        blank=True,
        validators=[validate_eqf_levels],
        help_text=_("6 bachelor, 7 master, 8 doctorate; separated by commas."),
    )
    language_skills = models.CharField(
        _("recommended language skills"),
        max_length=200,
        blank=True,
        validators=[LANGUAGE_SKILLS],
        help_text=_("Language code and CEFR level, e.g. “en:B2, zh:B1”."),
    )

    objects = CooperationConditionQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "direction", "mobility_type", "first_academic_year"]
        verbose_name = _("cooperation condition")
        verbose_name_plural = _("cooperation conditions")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_academic_year__gte=models.F("first_academic_year")),
                name="condition_years_in_order",
            ),
            models.CheckConstraint(
                condition=Q(first_academic_year__gte=1950, last_academic_year__lte=2100),
                name="condition_years_range",
            ),
            models.CheckConstraint(condition=Q(mobilities_per_year__gte=1), name="condition_has_mobilities"),
            models.CheckConstraint(condition=Q(direction__in=["outgoing", "incoming"]), name="condition_direction_known"),
        ]

    def __str__(self):
        return f"{self.get_direction_display()} — {self.get_mobility_type_display()} ({self.academic_years_text})"

    def clean(self):
        if (
            self.first_academic_year is not None
            and self.last_academic_year is not None
            and self.last_academic_year < self.first_academic_year
        ):
            raise ValidationError(
                {"last_academic_year": _("The last academic year cannot come before the first.")}, code="years_order"
            )

    @property
    def academic_years(self):
        """EWP academic-year ids, "2026/2027", one per year covered."""
        return [f"{year}/{year + 1}" for year in range(self.first_academic_year, self.last_academic_year + 1)]

    @property
    def academic_years_text(self):
        return f"{self.first_academic_year}/{self.first_academic_year + 1}–{self.last_academic_year}/{self.last_academic_year + 1}"

    def language_skill_pairs(self):
        """[("en", "B2"), ...] from the text staff typed. The form checks the shape, but a row written
        another way (an import, the shell) must not break the public JSON: malformed parts are left out."""
        pairs = (part.split(":") for part in re.split(r"\s*,\s*", self.language_skills.strip()) if part)
        return [(pair[0].strip(), pair[1].strip()) for pair in pairs if len(pair) == 2 and all(pair)]
