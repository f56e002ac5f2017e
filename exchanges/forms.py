
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core import content_cache
from core.forms import HoneypotMixin, country_choices
from core.images import clean_image, image_limits_text
from core.models import Department
from core.private_files import MAX_DOCUMENT_BYTES, pdf_limits_text, validate_pdf, with_size_limit
from core.widgets import QuickSelect
from exchanges.models import Application, ApplicationDocument, ExchangeProgram
from exchanges.models.applications import MAX_CHOICES, validate_student_id
from exchanges.models.programmes import GPAField
from partners.regions import Region, countries_in

T = ExchangeProgram.Term
# A term filter also finds programmes that run in either semester or the whole year.
TERM_MATCHES = {
    T.FALL: [T.FALL, T.FALL_OR_SPRING],
    T.SPRING: [T.SPRING, T.FALL_OR_SPRING],
    T.FALL_OR_SPRING: [T.FALL, T.SPRING, T.FALL_OR_SPRING],
    T.SUMMER: [T.SUMMER],
    T.FULL_YEAR: [T.FULL_YEAR],
}


def _blank(label):
    return [("", label)]


class FinderForm(forms.Form):
    """The programme finder's filters: every field optional, read from the query string."""

    SORT_DEADLINE = "deadline"
    SORT_NAME = "name"

    q = forms.CharField(label=_("Programme or university"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=_blank(_("Any region")) + Region.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of programme"), required=False, choices=_blank(_("Any kind")) + ExchangeProgram.Kind.choices
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=_blank(_("Any level"))
        + [(ExchangeProgram.Level.UNDERGRADUATE, _("Undergraduate")), (ExchangeProgram.Level.GRADUATE, _("Graduate"))],
    )
    language = forms.ChoiceField(
        label=_("Language of instruction"),
        required=False,
        choices=_blank(_("Any language")) + ExchangeProgram.Language.choices,
    )
    term = forms.ChoiceField(label=_("Term"), required=False, choices=_blank(_("Any term")) + T.choices)
    gpa = GPAField().formfield(
        label=_("My GPA"),
        required=False,
        help_text=format_lazy(_("Hides programmes that ask for a higher GPA ({scale} scale)."), scale=settings.GPA_SCALE),
    )
    open_now = forms.BooleanField(label=_("Open for application now"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(SORT_DEADLINE, _("Nearest deadline")), (SORT_NAME, _("Name"))],
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # One moment for every filter and sort that asks which calls are open.
        self.now = timezone.now()
        self.fields["country"].choices = _blank(_("Any country")) + country_choices(country_codes)
        self.fields["gpa"].widget.attrs.update({"step": "0.01", "inputmode": "decimal"})

    @property
    def _valid_data(self):
        return self.cleaned_data if hasattr(self, "cleaned_data") else {}

    def filter(self, queryset):
        """Narrow a queryset of programmes by the valid filters; invalid ones are ignored."""
        data = self._valid_data
        if text := (data.get("q") or "").strip():
            queryset = queryset.matching_text(text)
        if region := data.get("region"):
            queryset = queryset.filter(partner__country__in=countries_in(region))
        if country := data.get("country"):
            queryset = queryset.filter(partner__country=country)
        if kind := data.get("kind"):
            queryset = queryset.filter(kind=kind)
        if level := data.get("level"):
            queryset = queryset.filter(level__in=[level, ExchangeProgram.Level.ALL])
        if language := data.get("language"):
            queryset = queryset.filter(language=language)
        if term := data.get("term"):
            queryset = queryset.filter(terms__in=TERM_MATCHES[term])
        if (gpa := data.get("gpa")) is not None:
            queryset = queryset.filter(Q(min_gpa__isnull=True) | Q(min_gpa__lte=gpa))
        if data.get("open_now"):
            queryset = queryset.open_for_application(self.now)
        return queryset

    def ordered(self, queryset):
        """The chosen order: nearest open deadline first (the default), or by name.
        Either way each programme carries its `open_deadline`: the cards show it."""
        queryset = queryset.with_open_deadline(self.now)
        if self._valid_data.get("sort") == self.SORT_NAME:
            return queryset.order_by("title", "pk")
        return queryset.order_by(F("open_deadline").asc(nulls_last=True), "title", "pk")

    def page_keys(self, queryset):
        """How a page's keys are cut from `queryset` in the chosen order without sorting every
        row by its deadline: a function of bottom and top, for KeysFirstPaginator."""
        if self._valid_data.get("sort") == self.SORT_NAME:
            return lambda bottom, top: queryset.order_by("title", "pk").values("pk")[bottom:top]
        offered_only = bool(self._valid_data.get("open_now"))
        return lambda bottom, top: queryset.keys_by_open_deadline(bottom, top, at=self.now, offered_only=offered_only)


def active_department_choices():
    """(code, name) of the active departments in the current language, kept until departments change."""
    return content_cache.cached(
        f"department-choices:{get_language()}",
        lambda: [(department.code, str(department.name)) for department in Department.objects.active()],
    )


class DocumentField(forms.FileField):
    """A file checked by what it contains, not by its name."""

    def __init__(self, *args, accept_images=False, type_message=None, **kwargs):
        self.accept_images = accept_images
        self.type_message = type_message or _("Upload the certificate as a PDF or as a JPEG, PNG or WebP image.")
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = "application/pdf,image/jpeg,image/png,image/webp" if accept_images else "application/pdf"

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        if upload.size > MAX_DOCUMENT_BYTES:
            validate_pdf(upload)  # raises the shared size-limit message
        upload.seek(0)
        starts_like_pdf = upload.read(1024).lstrip().startswith(b"%PDF-")
        upload.seek(0)
        if starts_like_pdf or not self.accept_images:
            validate_pdf(upload)
            # Type and extension follow the content, whatever the browser or the file name said.
            upload.content_type = "application/pdf"
            upload.name = "document.pdf"
            return upload
        try:
            image = clean_image(upload)
        except ValidationError as error:
            if error.code == "image_invalid":
                raise ValidationError(self.type_message, code="document_type") from None
            raise
        image.content_type = f"image/{image.name.rsplit('.', 1)[-1].replace('jpg', 'jpeg')}"
        return image


class BrowserCountedTextField(forms.CharField):
    """A textarea's text counted as the browser counts it.

    Browsers count a line break as one character against `maxlength` but send it as
    two (CR LF): the form would refuse a text the page's counter allowed. Line breaks
    are stored as LF, so the stored text has the length the applicant saw.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


def email_domain_allowed(email, domains):
    """The address's domain is one of `domains` or a subdomain of one ("evil" + domain is not)."""
    domain = email.rsplit("@", 1)[-1].lower()
    return any(domain == allowed or domain.endswith(f".{allowed}") for allowed in (d.lower().lstrip(".") for d in domains))


# A call offering more programmes than this is chosen from by a search on the page, not
# from three lists of them all: at a few thousand, the lists made the page megabytes long.
LISTED_AT_MOST = 100


def offered_programme_count(call):
    def compute():
        return ExchangeProgram.objects.offered_in(call).count()

    return content_cache.cached(f"apply-offered-count:{call.pk}", compute)


def chosen_programmes(call, slugs):
    """The call's published programmes named by `slugs` (a page address's), in that order,
    each once, at most MAX_CHOICES; names of anything else are left out."""
    slugs = list(dict.fromkeys(slug for slug in slugs if slug))[: 3 * MAX_CHOICES]
    if not slugs:
        return []
    offered = ExchangeProgram.objects.offered_in(call).filter(slug__in=slugs).select_related("partner")
    found = {programme.slug: programme for programme in offered}
    return [found[slug] for slug in slugs if slug in found][:MAX_CHOICES]


def find_offered_programmes(call, text, leave_out, limit):
    """Up to `limit` of the call's programmes matching `text`, by title; one more tells there are more."""
    offered = ExchangeProgram.objects.offered_in(call).matching_text(text)
    offered = offered.exclude(pk__in=[programme.pk for programme in leave_out])
    return list(offered.select_related("partner").order_by("title", "pk")[: limit + 1])


def offered_programme_choices(call):
    """The call's programmes as grouped choices, and their slugs by id, in this language;
    None when the call offers more than LISTED_AT_MOST (they are found by search then).

    Cached while the programmes, partners and the call's offers are unchanged.
    """

    def compute():
        offered = (
            ExchangeProgram.objects.offered_in(call)
            .order_by("partner__name", "title")
            .values_list("pk", "slug", "title", "partner__name", "partner__country")
        )
        rows = list(offered[: LISTED_AT_MOST + 1])
        if len(rows) > LISTED_AT_MOST:
            return {"listed": False}
        groups, slugs = {}, {}
        for pk, slug, title, partner, country in rows:
            # Options grouped by the partner's country: easier to scan than one long list.
            groups.setdefault(country, []).append((pk, ExchangeProgram.label(title, partner)))
            slugs[pk] = slug
        listed = sorted((str(countries.name(code)), options) for code, options in groups.items())
        return {"listed": True, "groups": listed, "slugs": slugs}

    # A key of its own: the entries cached by the version before LISTED_AT_MOST hold another shape.
    choices = content_cache.cached(f"apply-listed:{call.pk}:{get_language()}", compute)
    return (choices["groups"], choices["slugs"]) if choices["listed"] else None


class ApplicationForm(HoneypotMixin, forms.ModelForm):
    """The applicant's details as the model defines them (lengths, GPA scale, student ID), in words
    for the applicant, plus the ranked choices and the documents. Saved by services.submit_application."""

    transcript = DocumentField(label=_("Transcript (PDF)"), help_text=pdf_limits_text())
    language_certificate = DocumentField(
        label=_("Language certificate (PDF or image)"),
        required=False,
        accept_images=True,
        help_text=format_lazy(
            "{} {} {} {}", pdf_limits_text(), _("Or a photo or scan:"), image_limits_text(), _("Needed when you name a language test.")
        ),
    )
    extra_document = DocumentField(
        label=_("Additional document (PDF, optional)"), required=False, help_text=pdf_limits_text()
    )

    class Meta:
        model = Application
        fields = (
            "name_en", "name_zh", "student_id", "email", "department", "year_of_study", "gpa",
            "language_test", "language_score", "statement",
        )
        help_texts = {
            "name_en": _("As in your passport."),
            "email": _("We send the link to your status page here."),
            "gpa": format_lazy(_("Your cumulative GPA on a {scale} scale, for example 3.65."), scale=settings.GPA_SCALE),
            "language_score": _("For example 85, 6.5 or N2."),
        }
        field_classes = {"statement": BrowserCountedTextField}
        widgets = {"statement": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, call, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.chosen = list(chosen)
        self.fields["year_of_study"].choices = [("", "—"), *self.fields["year_of_study"].choices[1:]]
        # Departments are data: the active ones are offered by code, read once (the widget would
        # otherwise run the queryset again each time it lists the options).
        department = self.fields["department"]
        department.queryset = Department.objects.active()
        department.choices = [("", "—"), *active_department_choices()]
        # Interpolated here, per request: "%" on a lazy string would fix its language at import.
        self.fields["statement"].help_text = _(
            "Why this programme, and what you will bring back (at most %(max)s characters)."
        ) % {"max": self.fields["statement"].max_length}
        # Labels and groups only: the chosen programmes themselves are loaded in clean().
        listed = offered_programme_choices(call)
        self.chosen_by_search = listed is None
        if self.chosen_by_search:
            # The lists hold what the student picked with the page's search (`chosen`), nothing more.
            self.offered_count = offered_programme_count(call)
            groups = [(programme.pk, programme.title_with_partner) for programme in self.chosen]
            self.offered = {programme.pk: programme.slug for programme in self.chosen}
        else:
            groups, self.offered = listed
        for rank in range(1, MAX_CHOICES + 1):
            self.fields[f"choice_{rank}"] = forms.TypedChoiceField(
                label=_("Choice %(rank)s") % {"rank": rank},
                required=rank == 1,
                choices=[("", "—"), *groups],
                widget=QuickSelect,
                coerce=int,
                empty_value=None,
                error_messages={"invalid_choice": _("Choose a programme offered in this call.")},
            )
        if self.chosen_by_search:
            self.fields["choice_1"].error_messages["required"] = _("Find and add at least one programme above.")
        for rank, programme in enumerate(self.chosen, start=1):
            self.initial.setdefault(f"choice_{rank}", programme.pk)
        self.helper = self._helper()

    def _helper(self):
        helper = FormHelper()
        helper.form_method = "post"
        # crispy adds enctype itself for a form with file fields.
        helper.attrs = {"novalidate": ""}
        helper.layout = Layout(
            Fieldset(_("About you"), "name_en", "name_zh", "student_id", "email", "department", "year_of_study"),
            Fieldset(_("Grades and language"), "gpa", "language_test", "language_score"),
            Fieldset(_("Programmes, in order of preference"), *(f"choice_{r}" for r in range(1, MAX_CHOICES + 1))),
            Fieldset(_("Your statement"), "statement"),
            Fieldset(_("Documents"), "transcript", "language_certificate", "extra_document"),
            Div(Field("website"), hidden=""),
            Submit("submit", _("Submit application"), css_class="btn-primary btn-lg"),
        )
        return helper

    def clean_student_id(self):
        # Before the model's validate_student_id, which sees the upper-cased ID.
        return self.cleaned_data["student_id"].upper()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        domains = getattr(settings, "STUDENT_EMAIL_DOMAINS", ())
        if domains and not email_domain_allowed(email, domains):
            raise ValidationError(_("Use your university e-mail address."), code="email_domain")
        return email

    def clean(self):
        cleaned = super().clean()
        chosen_pks = [cleaned.get(f"choice_{rank}") for rank in range(1, MAX_CHOICES + 1)]
        found = ExchangeProgram.objects.offered_in(self.call).filter(pk__in=filter(None, chosen_pks))
        found = {programme.pk: programme for programme in found.select_related("partner")}
        for rank, pk in enumerate(chosen_pks, start=1):
            if pk and pk not in found:  # taken off the call since the form was shown
                self.add_error(f"choice_{rank}", _("Choose a programme offered in this call."))
        chosen = [found.get(pk) for pk in chosen_pks]
        picked = [programme for programme in chosen if programme]
        if len({programme.pk for programme in picked}) != len(picked):
            self.add_error("choice_2" if chosen[1] else "choice_3", _("Choose each programme only once."))
        cleaned["programmes"] = picked
        gpa = cleaned.get("gpa")
        if gpa is not None:
            for rank, programme in enumerate(chosen, start=1):
                if programme and programme.min_gpa is not None and gpa < programme.min_gpa:
                    self.add_error(
                        f"choice_{rank}",
                        _("This programme asks for a GPA of at least %(minimum)s; yours is %(gpa)s.")
                        % {"minimum": programme.min_gpa, "gpa": gpa},
                    )
        test = cleaned.get("language_test")
        if test and test != Application.LanguageTest.NONE:
            if not cleaned.get("language_score"):
                self.add_error("language_score", _("Give the score or level of your language test."))
            if "language_certificate" not in self.errors and not cleaned.get("language_certificate"):
                self.add_error("language_certificate", _("Upload the certificate of your language test."))
        # A second application of the same student (same ID or e-mail) is not refused here:
        # saying so would tell a stranger who applied. The view answers as for a new one.
        return cleaned

    def application_data(self):
        data = {field: self.cleaned_data[field] for field in self._meta.fields}
        data["programmes"] = self.cleaned_data["programmes"]
        return data

    def documents(self):
        kind = ApplicationDocument.Kind
        return {
            kind.TRANSCRIPT: self.cleaned_data.get("transcript"),
            kind.LANGUAGE_CERTIFICATE: self.cleaned_data.get("language_certificate"),
            kind.EXTRA: self.cleaned_data.get("extra_document"),
        }

    @property
    def files_were_dropped(self):
        """Browsers cannot refill file inputs: after errors the applicant must choose them again."""
        return bool(self.is_bound and self.errors and any(self.files.values()))


class WithdrawForm(forms.Form):
    """Withdrawing cannot be undone: the applicant ticks a box to say they mean it."""

    confirm = forms.BooleanField(
        label=_("I want to withdraw my application and understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm that you want to withdraw.")},
    )


class ResendLinkForm(HoneypotMixin, forms.Form):
    """Ask for one's status links again: they go only to the e-mail given when applying."""

    student_id = Application._meta.get_field("student_id").formfield()
    email = forms.EmailField(label=_("University e-mail"), help_text=_("The address you gave when you applied."))

    def clean_student_id(self):
        student_id = self.cleaned_data["student_id"].upper()
        validate_student_id(student_id)
        return student_id

    def applications(self):
        return Application.objects.filter(
            student_id=self.cleaned_data["student_id"], email__iexact=self.cleaned_data["email"]
        ).select_related("call")


class ChecklistDocumentForm(forms.Form):
    """A document of the pre-departure checklist, checked like the application's documents."""

    document = DocumentField(
        label=_("File (PDF or image)"),
        accept_images=True,
        type_message=_("Upload the document as a PDF or as a JPEG, PNG or WebP image."),
        help_text=with_size_limit(gettext_noop("PDF, or a JPEG, PNG or WebP image; at most %(mb)s MB.")),
    )

    def answer_data(self):
        return {"document": self.cleaned_data["document"]}


class ChecklistFactForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def answer_data(self):
        return {"text": self.cleaned_data["text"]}


def checklist_form(item, data=None, files=None, answer=None):
    """The form a student fills in for one item, or None for a session (staff tick attendance)."""
    prefix = f"item-{item.pk}"
    if item.kind == item.Kind.DOCUMENT:
        return ChecklistDocumentForm(data, files, prefix=prefix)
    if item.kind == item.Kind.FACT:
        return ChecklistFactForm(data, prefix=prefix, initial={"text": answer.text if answer else ""})
    return None
