from urllib.parse import urlencode

from django.contrib import messages
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, ListView

from core import content_cache
from core.pagination import KeysFirstPaginator, NearestPageMixin, StampedListMixin
from core.private_files import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB
from core.ratelimit import RateLimit
from exchanges import checklists, services
from exchanges.forms import (
    ApplicationForm,
    FinderForm,
    ResendLinkForm,
    WithdrawForm,
    checklist_form,
    chosen_programmes,
    find_offered_programmes,
)
from exchanges.models import (
    Application,
    ApplicationCall,
    ApplicationChoice,
    CallProgramme,
    ExchangeProgram,
    WaitingListEntry,
    call_moments_passed,
)
from exchanges.models.applications import MAX_CHOICES
from exchanges.placement import TIE_BREAK_RULE

# Submission attempts per IP per ten minutes: enough for a computer room of students behind
# one campus address at the deadline, far too few for a script.
SUBMIT_LIMIT = RateLimit("exchanges-apply", limit=20, window=600)
RESEND_LIMIT = RateLimit("exchanges-resend-link", limit=5, window=600)
# Three documents and the form: a larger body is refused before it is read.
MAX_SUBMISSION_BYTES = 3 * MAX_DOCUMENT_BYTES + 1024 * 1024


def finder_country_codes():
    """Countries with a published programme, kept until programmes or partners change."""

    def codes():
        published = ExchangeProgram.objects.published().order_by("partner__country")
        return list(published.values_list("partner__country", flat=True).distinct())

    return content_cache.cached("finder-country-codes", codes)


class ProgrammeListView(NearestPageMixin, StampedListMixin, ListView):
    """The programme finder: filters in the query string, so results can be shared and bookmarked."""

    template_name = "exchanges/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 20
    # The time left is in the key: the card is rendered again when it reads differently.
    row_key = "pk updated_at partner.updated_at open_deadline time_left"

    def get_queryset(self):
        base = ExchangeProgram.objects.published()
        self.form = FinderForm(self.request.GET or None, country_codes=finder_country_codes())
        if self.form.is_bound:
            self.form.is_valid()  # errors are shown; the valid filters still apply
        self.matching = self.form.filter(base)
        return self.form.ordered(self.matching.select_related("partner"))

    def get_paginator(self, queryset, per_page, **kwargs):
        return KeysFirstPaginator(queryset, per_page, counted=self.matching, keys=self.form.page_keys(self.matching), **kwargs)

    def row_stamps(self):
        now = timezone.now()
        return {"time_left": lambda row: timeuntil(row["open_deadline"], now) if row["open_deadline"] else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


def offers_on_the_card(programme, now):
    """The programme's offers in calls open now or still to open, as the apply card shows them.

    Kept until the offers, the calls or the nominations change, or a call opens or closes: the
    card's time left is worked out from the deadline on every request."""

    def read():
        offers = CallProgramme.objects.filter(programme=programme).not_closed(now).select_related("call").with_seats_claimed()
        return [
            {
                "is_open": offer.call.is_open(now),
                "seats": offer.seats,
                "seats_unclaimed": offer.seats_unclaimed,
                "call": {
                    "title": str(offer.call.title),
                    "opens_at": offer.call.opens_at,
                    "closes_at": offer.call.closes_at,
                    "get_apply_url": offer.call.get_apply_url(),
                },
            }
            for offer in offers
        ]

    key = f"programme-offers:{programme.pk}:{translation.get_language()}:{call_moments_passed(now)}"
    return content_cache.cached(key, read)


class ProgrammeDetailView(DetailView):
    template_name = "exchanges/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return ExchangeProgram.objects.published().select_related("partner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme, now = self.object, timezone.now()
        offers = offers_on_the_card(programme, now)
        context["open_offer"] = next((offer for offer in offers if offer["is_open"]), None)
        context["next_offer"] = None if context["open_offer"] else next(iter(offers), None)
        context["now"] = now
        # Read only when the programme's facts are drawn (not kept, or gone stale).
        context["past_participants"] = SimpleLazyObject(
            lambda: ExchangeProgram.objects.with_past_participants().values_list("past_participants", flat=True).get(pk=programme.pk)
        )
        return context


class CallResultsView(DetailView):
    """The published lists of a call (正取/備取): reference numbers only, never a name."""

    template_name = "exchanges/call_results.html"
    context_object_name = "call"

    def get_queryset(self):
        return ApplicationCall.objects.with_published_results()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programmes"] = self.object.published_results()
        context["tie_break_rule"] = TIE_BREAK_RULE
        return context


@method_decorator(csrf_exempt, name="dispatch")
class ApplyView(View):
    """The application form of one call. Accepts nothing outside the call's window."""

    template_name = "exchanges/apply.html"
    FOUND_AT_MOST = 10

    def dispatch(self, request, *args, **kwargs):
        self.call = get_object_or_404(ApplicationCall, slug=kwargs["slug"])
        self.request = request
        if request.method == "POST":
            if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_SUBMISSION_BYTES:
                # Refused before a byte of the body is read (the CSRF check below would read it).
                return self.render(
                    None, status=413, error=_("The files are too large together; each may have at most %(mb)s MB.") % {"mb": MAX_DOCUMENT_MB}
                )
            # Stream every upload to a temporary file, never into memory; set before the body is read.
            request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get(self, request, slug):
        if not self.call.is_open():
            return self.render(None)
        # Coming from a programme's page, or from the page's own search: those are the choices already.
        return self.render(ApplicationForm(call=self.call, chosen=self.chosen()))

    def chosen(self):
        """The programmes the page's address names (`?programme=`), kept through the form's POST."""
        return chosen_programmes(self.call, self.request.GET.getlist("programme"))

    def post(self, request, slug):
        if not self.call.is_open():
            return self.render(None, status=403)
        if not SUBMIT_LIMIT.hit_request(request):
            return self.render(
                None, status=429, error=_("Too many applications were sent from your network. Please try again in ten minutes.")
            )
        form = ApplicationForm(request.POST, request.FILES, call=self.call, chosen=self.chosen())
        if form.caught_a_bot:
            return self.received()
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            services.submit_application(
                self.call, form.application_data(), form.documents(), language=translation.get_language()
            )
        except services.CallClosed:
            return self.render(None, status=403)
        except services.DuplicateApplication as duplicate:
            # The student hears about it at the address on file; the form says nothing more.
            services.tell_about_existing_application(duplicate.existing)
        return self.received()

    def received(self):
        """One answer for a new application, a second one of the same student and a bot:
        the status link travels only by e-mail, to the address given with the application."""
        return redirect("exchanges:apply-received", slug=self.call.slug)

    def render(self, form, status=200, error=""):
        context = {
            "call": self.call,
            "form": form,
            "error": error,
            "now": timezone.now(),
        }
        if form is not None and form.chosen_by_search:
            context.update(self.search_context(form.chosen))
        return render(self.request, self.template_name, context, status=status)

    def search_context(self, chosen):
        """The page's programme search: what was looked for, what was found, and each result's
        and each chosen programme's address with it added or taken out."""
        find = " ".join(self.request.GET.get("find", "").split())[:100]
        slugs = [programme.slug for programme in chosen]
        found = find_offered_programmes(self.call, find, chosen, self.FOUND_AT_MOST) if find else []
        for programme in found:
            programme.add_url = self.address([*slugs, programme.slug], find)
        for programme in chosen:
            programme.remove_url = self.address([slug for slug in slugs if slug != programme.slug], find)
        return {
            "find": find,
            "found": found[: self.FOUND_AT_MOST],
            "more_found": len(found) > self.FOUND_AT_MOST,
            "can_add": len(chosen) < MAX_CHOICES,
        }

    def address(self, slugs, find):
        query = urlencode([("programme", slug) for slug in slugs] + ([("find", find)] if find else []))
        return f"{self.request.path}?{query}" if query else self.request.path


class ApplicationReceivedView(View):
    """Where every accepted application form lands; it shows nothing about any application."""

    template_name = "exchanges/application_received.html"

    def get(self, request, slug):
        call = get_object_or_404(ApplicationCall, slug=slug)
        return render(request, self.template_name, {"call": call})


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class ApplicationStatusView(View):
    """The applicant's private page: whoever holds the token sees it, nobody else can find it.

    It takes two kinds of POST: the withdrawal, and an answer to one item of the pre-departure
    checklist (a document or a piece of information).
    """

    template_name = "exchanges/application_status.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_DOCUMENT_BYTES + 1024 * 1024:
                messages.error(request, _("The file is too large; the limit is %(mb)s MB.") % {"mb": MAX_DOCUMENT_MB})
                return redirect(request.path)
            # Uploads stream to a temporary file, never into memory; set before the body is read.
            request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_application(self, token):
        return get_object_or_404(
            Application.objects.select_related(
                "call", "nominated_programme__partner", "nomination__programme", "mobility_record"
            )
            .prefetch_related(
                Prefetch("choices", queryset=ApplicationChoice.objects.select_related("programme__partner")),
                "status_changes",
                Prefetch(
                    "waiting_entries",
                    queryset=WaitingListEntry.objects.filter(promoted_at__isnull=True).select_related("programme"),
                ),
                "call__checklist_items",
                "checklist_answers",
                "documents",
            ),
            token=token,
        )

    def get(self, request, token):
        return self.render(self.get_application(token), WithdrawForm())

    def post(self, request, token):
        application = self.get_application(token)
        if "item" in request.POST:
            return self.post_checklist(application)
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return self.render(application, form, status=400)
        try:
            services.withdraw_by_applicant(application)
        except (services.CallClosed, services.IllegalTransition) as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your application is withdrawn."))
        # Back to the page the student is on, in the language they are reading (not the one they applied in).
        return redirect(request.path)

    def post_checklist(self, application):
        item = next((i for i in application.call.checklist_items.all() if str(i.pk) == self.request.POST["item"]), None)
        answered = next((a for a in application.checklist_answers.all() if item and a.item_id == item.pk), None)
        form = checklist_form(item, self.request.POST, self.request.FILES, answered) if item else None
        if form is None:
            messages.error(self.request, _("This item cannot be answered here."))
            return redirect(self.request.path)
        if not form.is_valid():
            return self.render(application, WithdrawForm(), status=400, bound={item.pk: form})
        try:
            record = checklists.answer(application, item, **form.answer_data())
        except checklists.ChecklistError as error:
            form.add_error(None, error)
            return self.render(application, WithdrawForm(), status=400, bound={item.pk: form})
        messages.success(self.request, _("“%(item)s” is done.") % {"item": item.title})
        if record:
            messages.success(self.request, _("Your checklist is complete: have a good departure!"))
        return redirect(f"{self.request.path}#checklist")

    def render(self, application, withdraw_form, status=200, bound=None):
        context = {
            "application": application,
            "withdraw_form": withdraw_form,
            "now": timezone.now(),
            "today": timezone.localdate(),
        }
        if checklists.has_checklist(application):
            found = checklists.lines(application, application.call.checklist_items.all(), application.checklist_answers.all())
            bound = bound or {}
            context["checklist"] = [
                (line, bound.get(line.item.pk) or checklist_form(line.item, answer=line.answer)) for line in found
            ]
            context["checklist_done"] = sum(1 for line in found if line.done)
        response = render(self.request, self.template_name, context, status=status)
        # The token must not travel to other sites in the Referer header. ("no-referrer" would
        # also make browsers send "Origin: null" on the withdraw form, which fails the CSRF check.)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response


class ResendLinkView(View):
    """Lost the confirmation e-mail: the status links go again to the address on file.

    The page answers the same whether or not an application matched, so it cannot be
    used to find out who applied.
    """

    template_name = "exchanges/resend_link.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ResendLinkForm()})

    def post(self, request):
        if not RESEND_LIMIT.hit_request(request):
            messages.error(request, _("Too many requests from your network. Please try again in ten minutes."))
            return render(request, self.template_name, {"form": ResendLinkForm()}, status=429)
        form = ResendLinkForm(request.POST)
        if form.caught_a_bot:
            return self.sent()
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        services.resend_status_links(form.applications())
        return self.sent()

    def sent(self):
        messages.success(
            self.request,
            _("If an application matches this student ID and e-mail, we have sent its status link to that address."),
        )
        return redirect("exchanges:resend-link")
