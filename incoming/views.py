"""Partners' coordinators nominate; nominees apply and follow their application; anyone may check a
letter and read our fact sheet.

Every private address (nomination link, student's link, letter code) answers a wrong secret
with the site's ordinary 404, whether the secret never existed, was rotated or was erased,
and every lookup counts against the same per-address limit, so the answers say nothing about
what exists.
"""

from django.contrib import messages
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from core.pdf import pdf_response
from core.private_files import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB
from core.ratelimit import RateLimit, client_ip
from incoming import letters, services
from incoming.forms import ArrivalChecklistForm, IncomingApplicationForm, NominationForm
from incoming.models import FactSheet, IncomingApplication, NominationLink, NominationLogEntry

# Lookups of any secret address per IP: a person uses a few; guessing needs billions.
LOOKUP_LIMIT = RateLimit("incoming-lookup", limit=120, window=600)
# Nominations sent per link and per IP: a coordinator nominating a whole cohort fits.
NOMINATE_LINK_LIMIT = RateLimit("incoming-nominate-link", limit=40, window=3600)
NOMINATE_IP_LIMIT = RateLimit("incoming-nominate-ip", limit=20, window=600)
MAX_APPLICATION_BYTES = 3 * MAX_DOCUMENT_BYTES + 1024 * 1024


class TooManyLookups(Exception):
    pass


def private_headers(response):
    """Secret addresses stay out of search engines, shared caches and other sites' Referer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def too_many(request, message=None):
    response = render(
        request,
        "incoming/too_many.html",
        {"message": message or _("Too many requests from your network. Please try again in ten minutes.")},
        status=429,
    )
    response["Retry-After"] = "600"
    return private_headers(response)


class SecretLookupMixin:
    """Finds the row behind a secret in the URL, after counting the lookup, or answers 404."""

    def lookup(self, request, queryset, **secret):
        if not LOOKUP_LIMIT.hit_request(request):
            raise TooManyLookups
        found = queryset.filter(**secret).first()
        if found is None:
            raise Http404
        return found

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
        except TooManyLookups:
            return too_many(request)
        return private_headers(response)


@method_decorator(never_cache, name="dispatch")
class NominateView(SecretLookupMixin, View):
    template_name = "incoming/nominate.html"

    def get_link(self, request, token):
        return self.lookup(request, NominationLink.objects.usable().select_related("partner"), token=token)

    def get(self, request, token):
        link = self.get_link(request, token)
        return self.render(link, NominationForm())

    def post(self, request, token):
        link = self.get_link(request, token)
        ip_address = client_ip(request)
        user_agent = request.META.get("HTTP_USER_AGENT", "")
        if not (NOMINATE_LINK_LIMIT.hit(link.token) and NOMINATE_IP_LIMIT.hit(ip_address)):
            services.log_attempt(link, NominationLogEntry.Outcome.RATE_LIMITED, ip_address=ip_address, user_agent=user_agent)
            return too_many(request, _("Too many nominations were sent through this link. Please try again in an hour."))
        form = NominationForm(request.POST)
        if form.is_valid():
            try:
                application = services.nominate(
                    link, form.nomination_data(), language=translation.get_language(),
                    ip_address=ip_address, user_agent=user_agent,
                )
            except services.DuplicateNomination as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("%(name)s is nominated (%(reference)s). We e-mailed the student a link to complete the application.")
                    % {"name": application.name, "reference": application.reference},
                )
                return redirect(link.get_absolute_url())
        services.log_attempt(
            link, NominationLogEntry.Outcome.REFUSED, ip_address=ip_address, user_agent=user_agent,
            coordinator_email=form.cleaned_data.get("coordinator_email", ""),
        )
        return self.render(link, form, status=400)

    def render(self, link, form, status=200):
        nominations = (
            IncomingApplication.objects.filter(partner=link.partner, academic_year__gte=timezone.localdate().year - 1)
            .only("reference", "name", "academic_year", "term", "status", "created_at")
            .order_by("-created_at")
        )
        context = {"link": link, "partner": link.partner, "form": form, "nominations": nominations, "sheet": FactSheet.get_solo()}
        return render(self.request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class ApplicationView(SecretLookupMixin, View):
    """The nominee's private page: the application form, then its status, letter and arrival checklist."""

    template_name = "incoming/application.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_APPLICATION_BYTES:
                return private_headers(
                    render(request, "incoming/too_many.html", {"message": _("The files are too large together; each may have at most %(mb)s MB.") % {"mb": MAX_DOCUMENT_MB}}, status=413)
                )
            request.upload_handlers = [TemporaryFileUploadHandler(request)]
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_application(self, request, token):
        queryset = IncomingApplication.objects.select_related("partner", "wanted_department").prefetch_related("status_changes", "documents")
        return self.lookup(request, queryset, token=token)

    def get(self, request, token):
        application = self.get_application(request, token)
        return self.render(application)

    def post(self, request, token):
        application = self.get_application(request, token)
        if application.awaits_student:
            form = IncomingApplicationForm(request.POST, request.FILES, instance=application)
            if not form.is_valid():
                return self.render(application, application_form=form, status=400)
            try:
                services.submit_application(application, form.application_data(), form.documents())
            except services.IllegalTransition as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Thank you: your application is submitted. We will e-mail you when it moves on."))
            return redirect(application.get_private_url())
        if application.status == IncomingApplication.Status.ACCEPTED:
            form = ArrivalChecklistForm(request.POST, instance=application)
            if not form.is_valid():
                return self.render(application, checklist_form=form, status=400)
            services.update_checklist(application, form.checklist_data())
            messages.success(request, _("Your arrival checklist is saved."))
            return redirect(application.get_private_url())
        return redirect(application.get_private_url())

    def render(self, application, application_form=None, checklist_form=None, status=200):
        if application.awaits_student and application_form is None:
            application_form = IncomingApplicationForm(instance=application)
        if application.status == IncomingApplication.Status.ACCEPTED and checklist_form is None:
            checklist_form = ArrivalChecklistForm(instance=application)
        context = {
            "application": application,
            "application_form": application_form,
            "checklist_form": checklist_form,
            "sheet": FactSheet.get_solo(),
        }
        return render(self.request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class AcceptanceLetterView(SecretLookupMixin, View):
    def get(self, request, token):
        application = self.lookup(
            request, IncomingApplication.objects.select_related("partner").accepted(), token=token
        )
        return pdf_response(letters.acceptance_letter_pdf(application), f"{application.reference}-acceptance-letter.pdf")


@method_decorator(never_cache, name="dispatch")
class VerifyLetterView(SecretLookupMixin, TemplateView):
    """Anyone holding a letter (an embassy, a bank) checks that we issued it and that it still stands."""

    template_name = "incoming/verify.html"

    def get(self, request, code):
        application = self.lookup(
            request, IncomingApplication.objects.select_related("partner"), letter_code=code.upper()
        )
        return self.render_to_response({"application": application, "valid": application.status == IncomingApplication.Status.ACCEPTED})


class FactSheetView(TemplateView):
    template_name = "incoming/factsheet.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sheet": FactSheet.get_solo()}


def fact_sheet_pdf(request):
    language = translation.get_language()
    response = pdf_response(letters.fact_sheet_pdf(language), f"fact-sheet-{language}.pdf", private=False)
    return response


