import bisect
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import content_cache
from core.models import Publishable, PublishableQuerySet
from core.search_indexes import search_indexes
from partners.models import Agreement, PartnerUniversity


def gpa_scale():
    """The institution's GPA scale (settings.GPA_SCALE): validators read it when they run."""
    return settings.GPA_SCALE


class GPAField(models.DecimalField):
    """A GPA: two decimals, from 0 to the institution's scale, in the model and in every form."""

    def __init__(self, *args, **kwargs):
        kwargs.update(max_digits=3, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(gpa_scale)])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("max_digits", "decimal_places", "validators"):
            kwargs.pop(fixed, None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"min_value": Decimal("0"), "max_value": settings.GPA_SCALE, **kwargs})


class ExchangeProgramQuerySet(PublishableQuerySet):

    def offered_in(self, call):
        """Published programmes the call offers."""
        return self.published().filter(offers__call=call)

    def matching_text(self, text):
        """Programmes whose title or partner's name (either language) contains `text`.

        The stored search text (every searched column lower-cased, with a trigram index) holds
        the titles and the partner's names: it finds the candidates through its index, where
        comparing four columns of every programme and its partner grew with the data.
        """
        return self.filter(search_text__contains=text.lower()).filter(
            Q(title_en__icontains=text)
            | Q(title_zh_hant__icontains=text)
            | Q(partner__name_en__icontains=text)
            | Q(partner__name_zh_hant__icontains=text)
        )

    def open_for_application(self, at=None):
        """Programmes offered by an application call open at that moment."""
        # EXISTS, not a join: no duplicate rows to remove with DISTINCT over every column.
        offers = self.model.calls.through.objects.filter(call_open(at, via="call__"), programme=OuterRef("pk"))
        return self.filter(Exists(offers))

    def with_open_deadline(self, at=None):
        """Annotate `open_deadline`: the nearest closing time of a call open now that offers it (or None)."""
        # One aggregate over a join rather than a subquery per programme: the finder sorts them all by it.
        return self.annotate(open_deadline=Min("calls__closes_at", filter=call_open(at, via="calls__")))

    def keys_by_open_deadline(self, bottom, top, at=None, offered_only=False):
        """The keys of rows `bottom` to `top` in the finder's order, nearest open deadline
        first, then by title: a subquery for `pk__in`.

        A programme's deadline is the closing time of the soonest closing open call
        that offers it; sorting every programme by that aggregate grew with the
        programmes. The same order is a series of runs instead: for each closing time
        of an open call, the programmes its calls offer and no sooner one does, then
        the programmes no open call offers, each run by title. Each run's first `top`
        keys are read from the title index, and only those are sorted. `offered_only`:
        the rows are already those of open calls, so the last run would be empty.
        """
        if top <= bottom:
            return []
        at = at or timezone.now()
        offers = self.model.calls.through.objects.filter(call_open(at, via="call__"), programme=OuterRef("pk"))
        closing_times = ApplicationCall.objects.open(at).order_by("closes_at").values_list("closes_at", flat=True).distinct()
        runs = []
        for closes_at in closing_times:
            in_run = self.filter(Exists(offers.filter(call__closes_at=closes_at)))
            runs.append(in_run.exclude(Exists(offers.filter(call__closes_at__lt=closes_at))))
        if not offered_only:
            runs.append(self.exclude(Exists(offers)))
        if not runs:
            return []
        if len(runs) == 1:  # one run: nothing to sort by but the title
            return runs[0].order_by("title", "pk").values("pk")[bottom:top]
        firsts = [
            run.annotate(run=Value(number)).order_by("title", "pk").values_list("pk", "title", "run")[:top]
            for number, run in enumerate(runs)
        ]
        page = firsts[0].union(*firsts[1:], all=True).order_by("run", "title", "pk")[bottom:top]
        # pk__in takes one column; the union must select what it is sorted by, so its keys are
        # picked out of it. The SQL is Django's own, with the values left as parameters.
        sql, params = page.query.sql_with_params()
        return RawSQL(f'SELECT "pk" FROM ({sql}) AS "page"', params)  # noqa: S611, S608

    def with_past_participants(self):
        """Annotate `past_participants`: students recorded as having gone on it."""
        counted = (
            MobilityRecord.objects.filter(programme=OuterRef("pk"))
            .order_by()
            .values("programme")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(past_participants=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)))


class ExchangeProgram(Publishable):
    class Kind(models.TextChoices):
        SEMESTER = "semester", _("Semester exchange")
        ACADEMIC_YEAR = "academic-year", _("Academic year exchange")
        DUAL_DEGREE = "dual-degree", _("Dual degree")
        SUMMER = "summer", _("Summer / short-term programme")
        INTERNSHIP = "internship", _("Overseas internship")

    class Level(models.TextChoices):
        UNDERGRADUATE = "undergraduate", _("Undergraduate")
        GRADUATE = "graduate", _("Graduate")
        ALL = "all", _("Undergraduate and graduate")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        CHINESE = "zh", _("Chinese")
        JAPANESE = "ja", _("Japanese")
        KOREAN = "ko", _("Korean")
        FRENCH = "fr", _("French")
        GERMAN = "de", _("German")
        SPANISH = "es", _("Spanish")
        OTHER = "other", _("Other")

    class Term(models.TextChoices):
        FALL = "fall", _("Fall semester")
        SPRING = "spring", _("Spring semester")
        FALL_OR_SPRING = "fall-spring", _("Fall or spring")
        SUMMER = "summer", _("Summer")
        FULL_YEAR = "full-year", _("Full academic year")

    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("partner university")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("agreement"),
        help_text=_("The agreement this programme rests on."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.UNDERGRADUATE)
    language = models.CharField(_("language of instruction"), max_length=10, choices=Language.choices, default=Language.ENGLISH)
    language_requirement = models.CharField(
        _("language requirement"), max_length=255, blank=True, help_text=_("For example: TOEFL iBT 79 or IELTS 6.0.")
    )
    min_gpa = GPAField(
        _("minimum GPA"),
        null=True,
        blank=True,
        help_text=_("On the institution's GPA scale (the GPA_SCALE setting); empty if none."),
    )
    min_language_points = models.PositiveSmallIntegerField(
        _("minimum language points"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "The language requirement on the office's language scale (0–100, e.g. 70 for B2); empty if none. "
            "A result in another language than the programme's does not meet it."
        ),
    )
    seats = models.PositiveSmallIntegerField(_("seats per year"), default=0)
    terms = models.CharField(_("terms offered"), max_length=20, choices=Term.choices, default=Term.FALL_OR_SPRING)
    costs = models.TextField(_("costs"), blank=True, help_text=_("Tuition, housing and living costs students should plan for."))
    tuition_waiver = models.BooleanField(_("tuition waived"), default=True)
    description = models.TextField(_("description"), blank=True)

    objects = ExchangeProgramQuerySet.as_manager()

    @classmethod
    def published_q(cls, via=""):
        """Published programmes of published partners."""
        return super().published_q(via) & PartnerUniversity.published_q(f"{via}partner__")

    class Meta:
        ordering = ["title"]
        verbose_name = _("exchange programme")
        verbose_name_plural = _("exchange programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_gpa__isnull=True) | Q(min_gpa__gte=0), name="programme_min_gpa_range"
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "kind"]),
            # The home page's nearest deadlines read each open call's first offers by title.
            models.Index(fields=["title"], name="programme_title"),
            # The finder's filters and sorts over the published programmes without reading their wide
            # rows (descriptions, search columns: 3 KB a row): its count and a filtered page's keys.
            models.Index(
                fields=["partner"],
                include=["id", "title_en", "title_zh_hant", "kind", "level", "language", "terms", "min_gpa"],
                condition=Q(is_published=True),
                name="programme_published",
            ),
            *search_indexes("programme", ["title_en", "title_zh_hant"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchanges:detail", kwargs={"slug": self.slug})

    @property
    def title_with_partner(self):
        return self.label(self.title, self.partner.name)

    @staticmethod
    def label(title, partner):
        """The title and the partner's name, the name once: "Semester exchange at X", not "... at X — X"."""
        if partner and partner.casefold() not in title.casefold():
            return f"{title} — {partner}"
        return title


def call_open(at=None, via=""):
    """The one rule of an open call, as a filter: opened at or before `at`, closing after it.

    `via` is the path from the queried model to the call ("calls__", "call__");
    ApplicationCall.is_open() says the same of one call already loaded.
    """
    at = at or timezone.now()
    return Q(**{f"{via}opens_at__lte": at, f"{via}closes_at__gt": at})


def _call_moments():
    opens_and_closes = ApplicationCall.objects.values_list("opens_at", "closes_at")
    return sorted({moment for call in opens_and_closes for moment in call})


def call_moments_passed(at):
    """How many call openings and closings lie at or before `at`: it changes exactly when a call
    opens or closes, so what a page shows of calls open now can be kept under it."""
    return bisect.bisect_right(content_cache.cached("call-opening-and-closing-moments", _call_moments), at)


class ApplicationCallQuerySet(models.QuerySet):
    def open(self, at=None):
        return self.filter(call_open(at))

    def upcoming(self, at=None):
        return self.filter(opens_at__gt=at or timezone.now())

    def with_published_results(self, at=None):
        return self.filter(results_published_at__lte=at or timezone.now())


class ApplicationCall(models.Model):
    """A round of applications, e.g. "2027–28 outbound exchange"."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    academic_year = models.PositiveSmallIntegerField(
        _("academic year abroad"),
        null=True,
        blank=True,
        help_text=_("The academic year students of this call go abroad, e.g. 2027 for 2027–28."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    programmes = models.ManyToManyField(
        ExchangeProgram, through="CallProgramme", related_name="calls", verbose_name=_("programmes")
    )
    weight_gpa = models.PositiveSmallIntegerField(_("weight of the GPA"), default=40)
    weight_language = models.PositiveSmallIntegerField(_("weight of the language result"), default=30)
    weight_interview = models.PositiveSmallIntegerField(_("weight of the interview"), default=30)
    placement_confirmed_at = models.DateTimeField(_("placement confirmed at"), null=True, blank=True, editable=False)
    placement_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("placement confirmed by"),
    )
    results_published_at = models.DateTimeField(
        _("results published at"),
        null=True,
        blank=True,
        help_text=_("From this moment the admitted and waiting lists are public, by reference number only."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationCallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        get_latest_by = "opens_at"
        verbose_name = _("application call")
        verbose_name_plural = _("application calls")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, at=None):
        """call_open() for this one call."""
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    def has_closed(self, at=None):
        return (at or timezone.now()) >= self.closes_at

    def get_apply_url(self):
        return reverse("exchanges:apply", kwargs={"slug": self.slug})

    def results_are_public(self, at=None):
        return self.results_published_at is not None and self.results_published_at <= (at or timezone.now())

    def published_results(self):
        """Per programme with admitted or waiting applicants: reference numbers only, in order.

        Four queries whatever the size; no other field of an application is read.
        """
        admitted, waiting = {}, {}
        for programme_id, reference in (
            self.applications.holding_seats()
            .order_by("-score", "reference")
            .values_list("nominated_programme_id", "reference")
        ):
            admitted.setdefault(programme_id, []).append(reference)
        for programme_id, reference in (
            self.waiting_entries.active().order_by("position").values_list(
                "programme_id", "application__reference"
            )
        ):
            waiting.setdefault(programme_id, []).append(reference)
        offers = self.offers.filter(programme__in=set(admitted) | set(waiting)).select_related("programme__partner")
        return [
            {"offer": offer, "admitted": admitted.get(offer.programme_id, []), "waiting": waiting.get(offer.programme_id, [])}
            for offer in offers.order_by("programme__partner__name", "programme__title")
        ]

    def get_results_url(self):
        return reverse("exchanges:results", kwargs={"slug": self.slug})

    def year_abroad(self):
        """The academic year its students go abroad; the year after the deadline if not set."""
        return self.academic_year or timezone.localtime(self.closes_at).year


class MobilityRecordQuerySet(models.QuerySet):
    def of_published_partners(self):
        """The records every public figure counts: a hidden partner never shows in one."""
        return self.filter(PartnerUniversity.published_q("partner__"))

    def outgoing(self):
        return self.filter(direction=MobilityRecord.Direction.OUTGOING)

    def incoming(self):
        return self.filter(direction=MobilityRecord.Direction.INCOMING)

    def abroad_on(self, day):
        """Our students whose stay covers `day` (both dates known)."""
        return self.outgoing().filter(starts_on__lte=day, ends_on__gte=day)


class MobilityRecord(models.Model):
    """A student who went abroad or came to us: the source of every "students sent / received" figure."""

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing (our student abroad)")
        INCOMING = "incoming", _("Incoming (partner's student here)")

    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING, db_index=True
    )
    student_name = models.CharField(_("student name"), max_length=200, help_text=_("Staff only; never shown publicly."))
    department = models.CharField(_("department"), max_length=200, blank=True)
    partner = models.ForeignKey(
        PartnerUniversity, on_delete=models.PROTECT, related_name="mobility_records", verbose_name=_("partner university")
    )
    programme = models.ForeignKey(
        ExchangeProgram,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobility_records",
        verbose_name=_("programme"),
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The year the academic year starts, e.g. 2025 for 2025–26."), db_index=True
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    application = models.OneToOneField(
        "exchanges.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobility_record",
        verbose_name=_("application"),
        help_text=_("The application the student went abroad with, if any."),
    )
    credits_recognised = models.DecimalField(
        _("credits recognised"), max_digits=5, decimal_places=1, null=True, blank=True,
        help_text=_("Written when the credits of the stay are recognised at home."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MobilityRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year", "student_name"]
        # The admin's list in this order (and the primary key last, as the admin adds it): a page
        # is read from the index instead of sorting a whole academic year's records.
        indexes = [models.Index(fields=["-academic_year", "student_name", "-id"], name="mobility_admin_order")]
        verbose_name = _("mobility record")
        verbose_name_plural = _("mobility records")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mobility_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(academic_year__gte=1950, academic_year__lte=2100), name="mobility_academic_year_range"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=["outgoing", "incoming"]), name="mobility_direction_known"
            ),
        ]

    def __str__(self):
        return f"{self.student_name} — {self.partner} ({self.academic_year})"
