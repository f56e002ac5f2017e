"""What a call offers: a programme with its seats this round, and how many of them are claimed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchanges.models.applications import Application
from exchanges.models.programmes import ApplicationCall, ExchangeProgram


class CallProgrammeQuerySet(models.QuerySet):
    def open_soonest_closing(self, limit, at=None):
        """The first `limit` offers of calls open now, published programmes only, nearest deadline first.

        Sorting every offer of the open calls to keep five grew with the programmes
        offered. Each open call's first offers by title come from the title index
        instead (a few rows, whatever the call offers), and only those are sorted.
        """
        published = self.filter(ExchangeProgram.published_q("programme__"))
        calls = ApplicationCall.objects.open(at).order_by("closes_at", "pk").values_list("pk", flat=True)[:limit]
        firsts = [published.filter(call=call).order_by("programme__title").values("pk")[:limit] for call in calls]
        if not firsts:
            return self.none()
        return (
            self.filter(pk__in=firsts[0].union(*firsts[1:], all=True))
            .select_related("call", "programme__partner")
            .order_by("call__closes_at", "programme__title")[:limit]
        )

    def not_closed(self, at=None):
        """Offers of calls open now or still to open, the soonest opening first."""
        at = at or timezone.now()
        return self.filter(call__closes_at__gt=at).order_by("call__opens_at", "call__closes_at")

    def with_seats_claimed(self):
        """Annotate `seats_claimed`: nominations (and acceptances) to this programme in this call."""
        claimed = (
            Application.objects.filter(
                call=OuterRef("call"), nominated_programme=OuterRef("programme"), status__in=Application.SEAT_HOLDING
            )
            .order_by()
            .values("call")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(seats_claimed=Coalesce(Subquery(claimed, output_field=IntegerField()), Value(0)))


class CallProgramme(models.Model):
    """A programme offered in a call, with the seats on offer this round."""

    call = models.ForeignKey(ApplicationCall, on_delete=models.CASCADE, related_name="offers", verbose_name=_("call"))
    programme = models.ForeignKey(
        ExchangeProgram, on_delete=models.CASCADE, related_name="offers", verbose_name=_("programme")
    )
    seats = models.PositiveSmallIntegerField(_("seats this round"), default=0)

    objects = CallProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["call", "programme__title"]
        verbose_name = _("programme offered")
        verbose_name_plural = _("programmes offered")
        constraints = [
            models.UniqueConstraint(fields=["call", "programme"], name="unique_programme_per_call"),
        ]

    def __str__(self):
        return f"{self.call} — {self.programme}"

    def seats_claimed_now(self):
        """Nominations (and acceptances) to this programme in this call, counted now."""
        return (
            Application.objects.holding_seats()
            .filter(call_id=self.call_id, nominated_programme_id=self.programme_id)
            .count()
        )

    def clean(self):
        super().clean()
        if self.call_id and self.programme_id and self.seats is not None:
            claimed = self.seats_claimed_now()
            if self.seats < claimed:
                raise ValidationError(
                    {
                        "seats": ngettext(
                            "%(claimed)d student is already nominated to this programme in this call: "
                            "the seats cannot be fewer than %(claimed)d.",
                            "%(claimed)d students are already nominated to this programme in this call: "
                            "the seats cannot be fewer than %(claimed)d.",
                            claimed,
                        )
                        % {"claimed": claimed}
                    },
                    code="seats_below_nominations",
                )

    @property
    def exceeds_programme_seats(self):
        """More seats in this round than the programme has in a year (0 there: not set)."""
        return bool(self.programme.seats) and self.seats > self.programme.seats

    @property
    def seats_unclaimed(self):
        """Seats not yet taken by nominations; needs `with_seats_claimed()`."""
        return max(self.seats - self.seats_claimed, 0)
