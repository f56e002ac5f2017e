"""Our institution's fact sheet for partners and their students (EWP Factsheet meanings)."""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel

MONTH_DAY = RegexValidator(
    r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", _("Write the day as MM-DD, for example 04-15 for 15 April.")
)


class FactSheet(SingletonModel):
    """One row, edited by staff next to the site settings; read by the public page, the PDF and the JSON."""

    hei_id = models.CharField(
        _("our HEI identifier"), max_length=100, blank=True,
        help_text=_("Our Erasmus Without Paper / SCHAC code, usually our domain, e.g. stust.edu.tw."),
    )
    head_of_office = models.CharField(_("head of office"), max_length=200, blank=True, help_text=_("Signs acceptance letters."))
    head_of_office_title = models.CharField(_("head of office's title"), max_length=200, blank=True)
    autumn_nomination_deadline = models.CharField(
        _("nomination deadline, fall semester"), max_length=5, validators=[MONTH_DAY], default="04-15"
    )
    spring_nomination_deadline = models.CharField(
        _("nomination deadline, spring semester"), max_length=5, validators=[MONTH_DAY], default="10-15"
    )
    autumn_application_deadline = models.CharField(
        _("application deadline, fall semester"), max_length=5, validators=[MONTH_DAY], default="05-01"
    )
    spring_application_deadline = models.CharField(
        _("application deadline, spring semester"), max_length=5, validators=[MONTH_DAY], default="11-01"
    )
    decision_weeks = models.PositiveSmallIntegerField(
        _("decision within (weeks)"), default=5, validators=[MaxValueValidator(52)],
        help_text=_("Weeks from the application deadline to our decision."),
    )
    transcript_weeks = models.PositiveSmallIntegerField(
        _("transcript within (weeks)"), default=5, validators=[MaxValueValidator(52)],
        help_text=_("Weeks from the end of the term to the transcript of records."),
    )
    language_requirements = models.TextField(_("language requirements"), blank=True)
    housing_info = models.TextField(_("housing"), blank=True)
    housing_url = models.URLField(_("housing web page"), blank=True)
    visa_info = models.TextField(_("visa"), blank=True)
    visa_url = models.URLField(_("visa web page"), blank=True)
    insurance_info = models.TextField(_("insurance"), blank=True)
    insurance_url = models.URLField(_("insurance web page"), blank=True)
    academic_calendar = models.TextField(_("academic calendar"), blank=True)
    contact_email = models.EmailField(_("contact e-mail for incoming students"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fact sheet")
        verbose_name_plural = _("fact sheet")

    def __str__(self):
        return str(_("Fact sheet"))

    def get_absolute_url(self):
        return reverse("incoming:factsheet")

    def deadlines(self):
        """(term label, nomination deadline, application deadline) per term, as MM-DD."""
        return [
            (_("Fall semester"), self.autumn_nomination_deadline, self.autumn_application_deadline),
            (_("Spring semester"), self.spring_nomination_deadline, self.spring_application_deadline),
        ]
