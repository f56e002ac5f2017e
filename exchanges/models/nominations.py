"""Nominations to partner universities, the e-mails that send them, and the hosts' decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.private_files import PrivateFileField
from exchanges.models.applications import Application
from exchanges.models.programmes import ApplicationCall, ExchangeProgram
from partners.models import PartnerUniversity


class PartnerDispatch(models.Model):
    """One e-mail that sent a call's nominees to a partner's exchange contact."""

    call = models.ForeignKey(ApplicationCall, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("call"))
    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.CASCADE, related_name="nomination_dispatches", verbose_name=_("partner")
    )
    recipient = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("sent by"),
    )
    nominee_count = models.PositiveSmallIntegerField(_("nominees"))
    is_resend = models.BooleanField(_("resent"), default=False)

    class Meta:
        ordering = ["-sent_at"]
        get_latest_by = "sent_at"
        verbose_name = _("nomination e-mail")
        verbose_name_plural = _("nomination e-mails")

    def __str__(self):
        return f"{self.partner} — {self.call} ({self.sent_at:%Y-%m-%d})"


class NominationQuerySet(models.QuerySet):
    def awaiting(self):
        return self.filter(decision=Nomination.Decision.AWAITING, application__status=Application.Status.NOMINATED)


class Nomination(models.Model):
    """A student the office nominates to a partner: what a confirmed placement (or a promotion) creates."""

    class Decision(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting the partner's decision")
        ACCEPTED = "accepted", _("Accepted by the partner")
        REJECTED = "rejected", _("Not accepted by the partner")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="nomination", verbose_name=_("application")
    )
    call = models.ForeignKey(ApplicationCall, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("call"))
    programme = models.ForeignKey(
        ExchangeProgram, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("partner")
    )
    nominated_at = models.DateTimeField(_("nominated at"), default=timezone.now)
    dispatch = models.ForeignKey(
        PartnerDispatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominations",
        verbose_name=_("last sent in"),
    )
    sent_at = models.DateTimeField(_("first sent to the partner at"), null=True, blank=True, editable=False)
    decision = models.CharField(_("host decision"), max_length=10, choices=Decision.choices, default=Decision.AWAITING)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    acceptance_letter = PrivateFileField(_("acceptance letter"), upload_to="acceptance-letters/%Y", blank=True)

    PERSONAL_FIELDS = ("acceptance_letter",)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["call", "partner", "programme", "application"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations and host decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="awaiting") | Q(decided_at__isnull=False), name="nomination_decision_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} → {self.programme}"

    def get_letter_download_url(self):
        from django.urls import reverse

        return reverse("admin:exchanges_nomination_letter", args=[self.pk])
