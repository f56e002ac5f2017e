import calendar
import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from core import content_cache
from core.fragment_cache import linked_stamp
from core.models import SiteSettings
from core.pagination import KeysFirstPaginator, NearestPageMixin, StampedListMixin
from core.ratelimit import RateLimit
from events import calendars, services
from events.forms import EventFilterForm, NewsFilterForm, RegistrationForm
from events.models import Event, NewsArticle, Registration, next_news_publication
from partners.models import PartnerUniversity
from scholars.models import Scholar

# Registrations per IP address and hour: enough for an office registering a few colleagues.
REGISTRATION_LIMIT = RateLimit("event-registration", limit=10, window=3600)


def _with_people(queryset):
    """Speakers and partners of events in two queries, whatever the number of events."""
    return queryset.prefetch_related(
        Prefetch("speakers", queryset=Scholar.objects.published().order_by("name")),
        Prefetch("partners", queryset=PartnerUniversity.objects.published().order_by("name")),
    )


class EventListView(NearestPageMixin, StampedListMixin, ListView):
    """Upcoming (default) or past events, filtered by kind, month and partner."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 12
    period = "upcoming"
    # What an event card shows: it is rendered again when one of these changes.
    row_key = "pk updated_at confirmed_count registration_open capacity speakers partners @period"

    def get_queryset(self):
        partners = content_cache.cached("event-filter-partners", lambda: list(EventFilterForm.partner_choices()))
        self.filter_form = EventFilterForm(self.request.GET, partners=partners)
        base = Event.objects.upcoming() if self.period == "upcoming" else Event.objects.past()
        self.listed = self.filter_form.filter(base)
        return _with_people(self.listed.with_registration_counts())

    def get_paginator(self, queryset, per_page, **kwargs):
        # Registrations are counted for the page's events only: counting them for every
        # listed event to keep twelve grew with the events (15 ms at ×100 data).
        return KeysFirstPaginator(queryset, per_page, counted=self.listed, keys=self.listed_keys, **kwargs)

    def listed_keys(self, bottom, top):
        return self.listed.values("pk")[bottom:top]

    def row_stamps(self):
        # The cards' keys read without the speakers' and partners' rows.
        return {"speakers": linked_stamp(Event, "speakers"), "partners": linked_stamp(Event, "partners")}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            filter_form=self.filter_form,
            period=self.period,
            this_month={"year": today.year, "month": today.month},
            **kwargs,
        )


class EventCalendarView(TemplateView):
    """A month grid that works without JavaScript: a <table> with prev/next links."""

    template_name = "events/event_calendar.html"

    def get(self, request, year=None, month=None):
        if year is None:
            today = timezone.localdate()
            return redirect("events:calendar", year=today.year, month=today.month)
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            raise Http404
        return super().get(request, year=year, month=month)

    def get_context_data(self, year, month, **kwargs):
        first = datetime.date(year, month, 1)
        events = list(Event.objects.published().in_month(year, month).order_by("starts_at"))
        by_day = {}
        for event in events:
            day = timezone.localtime(event.starts_at).date()
            last = timezone.localtime(event.ends_at).date()
            while day <= last:
                by_day.setdefault(day, []).append(event)
                day += datetime.timedelta(days=1)
        first_weekday = SiteSettings.get_solo().first_day_of_week
        month_calendar = calendar.Calendar(firstweekday=first_weekday)
        weeks = [
            [{"date": day, "in_month": day.month == month, "events": by_day.get(day, [])} for day in week]
            for week in month_calendar.monthdatescalendar(year, month)
        ]
        previous_month = (first - datetime.timedelta(days=1)).replace(day=1)
        next_month = (first + datetime.timedelta(days=32)).replace(day=1)
        weekdays = [WEEKDAYS_ABBR[(first_weekday + i) % 7] for i in range(7)]
        return super().get_context_data(
            month_start=first,
            weeks=weeks,
            weekdays=weekdays,
            events=events,
            previous_month=previous_month,
            next_month=next_month,
            today=timezone.localdate(),
            **kwargs,
        )


class EventDetailView(DetailView):
    """The event, and its registration form for events that take registrations."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().with_registration_counts()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_page(RegistrationForm() if self.object.accepts_registrations() else None)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        event = self.object
        if not event.accepts_registrations():
            messages.error(request, event.registration_closed_reason())
            return redirect(event)
        form = RegistrationForm(request.POST)
        if not REGISTRATION_LIMIT.hit_request(request):
            form.add_error(None, _("Too many registrations from your network. Please try again in an hour."))
            return self.render_page(form, status=429)
        if form.caught_a_bot:
            # Answered like a registration that worked, so the bot learns nothing.
            messages.success(request, _("You are registered. We have sent a confirmation to %(email)s.")
                             % {"email": request.POST.get("email", "")})
            return redirect(event)
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:
            registration = services.register(
                event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                affiliation=form.cleaned_data["affiliation"],
                consent=form.cleaned_data["consent"],
                language=translation.get_language(),
            )
        except services.RegistrationError as error:
            form.add_error(None, str(error))
            return self.render_page(form, status=400)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request, _("You are registered. We have sent a confirmation to %(email)s.") % {"email": registration.email}
            )
        else:
            messages.info(
                request,
                _("The event is full: you are on the waiting list. We have sent the details to %(email)s.")
                % {"email": registration.email},
            )
        return redirect(event)

    def render_page(self, form, status=200):
        context = self.get_context_data(object=self.object, form=form)
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            seats_left=event.seats_left(),
            closed_reason=event.registration_closed_reason(),
            # Read only when the event's kept part is drawn (not kept, or gone stale).
            speakers=SimpleLazyObject(lambda: list(event.speakers.published().order_by("name"))),
            partners=SimpleLazyObject(lambda: list(event.partners.published().order_by("name"))),
            **kwargs,
        )


class CancelRegistrationView(View):
    """The private link from the confirmation e-mail: GET asks, POST cancels."""

    template_name = "events/registration_cancel.html"

    def get_registration(self, token):
        return get_object_or_404(Registration.objects.select_related("event"), cancel_token=token)

    @method_decorator(never_cache)
    def get(self, request, token):
        registration = self.get_registration(token)
        return render(request, self.template_name, {"registration": registration, "event": registration.event})

    def post(self, request, token):
        registration = self.get_registration(token)
        services.cancel(registration)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(registration.event)


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    response = HttpResponse(calendars.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def upcoming_ics(request):
    """A subscribable iCal feed of upcoming events."""
    events = Event.objects.upcoming()[:200]
    content = calendars.events_ics(events, _("International events"))
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


class NewsListView(NearestPageMixin, StampedListMixin, ListView):
    template_name = "events/news_list.html"
    context_object_name = "articles"
    paginate_by = 12
    row_key = "pk updated_at"

    def get_queryset(self):
        self.filter_form = NewsFilterForm(self.request.GET)
        return self.filter_form.filter(NewsArticle.objects.published().order_by("-published_at"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class NewsDetailView(DetailView):
    template_name = "events/news_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return NewsArticle.objects.published()

    def get_context_data(self, **kwargs):
        # The related articles are read only when the kept article part is drawn: it changes
        # with the article, with any article's save, and when a scheduled one comes out.
        return super().get_context_data(
            related=NewsArticle.objects.related_to(self.object),
            next_publication=next_news_publication(timezone.now()),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class NewsPreviewView(PermissionRequiredMixin, NewsDetailView):
    """Staff see a draft or scheduled article as it will look; never cached, never indexed."""

    permission_required = "events.view_newsarticle"
    login_url = "admin:login"

    def get_queryset(self):
        return NewsArticle.objects.all()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
