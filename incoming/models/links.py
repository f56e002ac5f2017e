"""Each partner's nomination link, and the log of what came through it."""

import hashlib
import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerUniversity


def new_link_token():
    """256 random bits, URL-safe: the whole secret of a nomination link."""
    return secrets.token_urlsafe(32)


def token_fingerprint(token):
    """A short, one-way mark of a token for the log: tells links apart without storing them twice."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]


class NominationLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(PartnerUniversity.published_q("partner__"), is_enabled=True)


class NominationLink(models.Model):
    """The secret address where a partner's coordinator nominates students. No account needed.

    Rotating it gives a new token at once: the old address then answers exactly like one
    that never existed.
    """

    partner = models.OneToOneField(
        PartnerUniversity, on_delete=models.CASCADE, related_name="nomination_link", verbose_name=_("partner university")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_link_token, editable=False)
    is_enabled = models.BooleanField(_("enabled"), default=True, help_text=_("Switch off to close the link without a new one."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    rotated_at = models.DateTimeField(_("last rotated at"), null=True, blank=True, editable=False)

    objects = NominationLinkQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("nomination link")
        verbose_name_plural = _("nomination links")

    def __str__(self):
        return str(self.partner)

    def get_absolute_url(self):
        return reverse("incoming:nominate", kwargs={"token": self.token})

    @property
    def fingerprint(self):
        return token_fingerprint(self.token)


class NominationLogEntry(models.Model):
    """One attempt to nominate through a link: who, from where, and what became of it."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("Nomination created")
        REFUSED = "refused", _("Refused: invalid form")
        RATE_LIMITED = "rate-limited", _("Refused: too many attempts")

    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.CASCADE, related_name="nomination_log", verbose_name=_("partner university")
    )
    link_fingerprint = models.CharField(_("link fingerprint"), max_length=12)
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices)
    coordinator_email = models.EmailField(_("coordinator e-mail"), blank=True)
    nominee_email = models.EmailField(_("nominee e-mail"), blank=True)
    application = models.ForeignKey(
        "incoming.IncomingApplication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("incoming application"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination log entry")
        verbose_name_plural = _("nomination log")

    def __str__(self):
        return f"{self.partner} {self.get_outcome_display()} {self.created_at:%Y-%m-%d %H:%M}"
