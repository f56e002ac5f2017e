from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.ratelimit import RateLimit
from privacy import services
from privacy.forms import ErasureRequestForm
from privacy.models import PrivacyRequest
from privacy.registry import registry

EXPORT_LIMIT = RateLimit("privacy-export", limit=10, window=600)
REQUEST_LIMIT = RateLimit("privacy-request", limit=5, window=600)


class PrivacyNoticeView(TemplateView):
    """What the portal collects, why, for how long and how to ask: from the registry and the periods."""

    template_name = "privacy/notice.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        periods = services.retention_periods()
        context["periods"] = [(kind, months) for kind, months in periods if kind.apply is not None]
        context["backup_periods"] = [(kind, months) for kind, months in periods if kind.apply is None]
        context["collected"] = [
            {
                "name": entry.model._meta.verbose_name_plural,
                "purpose": entry.purpose,
                # What people type or upload; generated values (link tokens) are not "collected".
                "fields": [field.verbose_name for field in entry.personal_fields() if field.editable],
                "files": bool(entry.file_fields()),
            }
            for entry in registry.models.values()
        ]
        return context


def private_response(response):
    # The token must not leave in a Referer header, and the page must never be indexed.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@method_decorator(never_cache, name="dispatch")
class SubjectView(View):
    """A person's own data, reached from their private link: see, download, ask for erasure."""

    template_name = "privacy/your_data.html"

    def get_subject(self, slug, token):
        entry = registry.subject_by_slug(slug)
        if entry is None:
            raise Http404
        return entry, get_object_or_404(entry.model, **{entry.link_field: token})

    def get(self, request, slug, token):
        entry, subject = self.get_subject(slug, token)
        return self.render(entry, subject, ErasureRequestForm())

    def render(self, entry, subject, form, status=200):
        held = {}
        for row_entry, _row in services.rows_of(subject):
            held.setdefault(row_entry.model, 0)
            held[row_entry.model] += 1
        context = {
            "subject": subject,
            "record_label": entry.describe(subject),
            "held": [(model._meta.verbose_name_plural, count) for model, count in held.items()],
            "pending": PrivacyRequest.objects.pending().filter(
                content_type__app_label=subject._meta.app_label,
                content_type__model=subject._meta.model_name,
                object_id=str(subject.pk),
            ).first(),
            "form": form,
            "export_url": reverse("privacy:export", args=[entry.slug, getattr(subject, entry.link_field)]),
        }
        return private_response(render(self.request, self.template_name, context, status=status))

    def post(self, request, slug, token):
        entry, subject = self.get_subject(slug, token)
        if not REQUEST_LIMIT.hit_request(request):
            messages.error(request, _("Too many requests from your network. Please try again in ten minutes."))
            return self.render(entry, subject, ErasureRequestForm(request.POST), status=429)
        form = ErasureRequestForm(request.POST)
        if not form.is_valid():
            return self.render(entry, subject, form, status=400)
        services.ask_for_erasure(subject)
        messages.success(
            request,
            _("We have your request. The office will erase your data and this link will then stop working."),
        )
        return redirect(request.path)


@method_decorator(never_cache, name="dispatch")
class ExportView(SubjectView):
    http_method_names = ["get"]

    def get(self, request, slug, token):
        entry, subject = self.get_subject(slug, token)
        if not EXPORT_LIMIT.hit_request(request):
            messages.error(request, _("Too many downloads from your network. Please try again in ten minutes."))
            return self.render(entry, subject, ErasureRequestForm(), status=429)
        content = services.self_export(request, subject)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="my-data-{entry.slug}.zip"'
        response["Cache-Control"] = "private, no-store"
        return private_response(response)
