"""Hostile text in every writable text field, read back through every output channel.

Generated, not listed: every free-text field of every model of the portal's apps
(every installed app whose code is in this repository, the outbox and the privacy
app's logs and requests included; CharField/TextField that staff type in the admin or the public types in a form;
not choices, slugs, e-mail addresses or URLs, which their validators keep to their
shape) gets a payload that is both markup and a spreadsheet formula:

    =1+1<i data-h="N">R&D hostile</i>

Then every output channel is read: every public URL the resolver knows in both
languages (pages, search results, feeds, .ics, sitemap, the JSON API, a person's
own export), every admin URL as a
superuser (changelists, change pages, histories, import and export pages), every
export in every format (import-export's pages and the portal's export actions),
and the e-mails the portal sends (every e-mail template must be sent at least
once). A live tag (`<i data-h` in HTML, or in the HTML a feed carries), a live
spreadsheet formula, or text HTML-escaped where plain text was due, fails.
"""

import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core import mail, management
from django.db import DatabaseError, models, transaction
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone, translation

from core.spreadsheets import EXPORT_FORMATS
from events import services as event_services
from exchanges import checklists, nominations, placement
from exchanges import services as exchange_services
from exchanges.forms import ApplicationForm
from incoming import services as incoming_services
from tests import urlwalk
from tests.core import users
from tests.exchanges.conftest import pdf_upload
from tests.exchanges.factories import ApplicationChoiceFactory, ApplicationFactory
from tests.samples import make_samples

pytestmark = pytest.mark.django_db

LIVE_TAG = "<i data-h"
ESCAPED_TAG = "&lt;i data-h"
SHORT_PAYLOAD = "=1<i data-h>"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FREE_TEXT_EXCLUDED = (models.SlugField, models.EmailField, models.URLField)
ATOM = "{http://www.w3.org/2005/Atom}"


def payload(number):
    return f'=1+1<i data-h="{number}">R&D hostile</i>'


def project_apps():
    """The portal's own apps: every installed app whose code is in this repository. An app
    added later (the outbox, the privacy app, the next one) is swept without being named."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and ".venv" not in Path(config.path).parts
    }


def record_keys(model):
    """Text columns that hold another row's key (an access-log entry's object_id, an e-mail's
    about_id): written by the portal from a primary key, never typed by anyone."""
    keys = {field.fk_field for field in model._meta.private_fields if hasattr(field, "fk_field")}
    names = {field.name for field in model._meta.concrete_fields}
    if "content_type" in names and "object_id" in names:
        keys.add("object_id")
    return keys


def writable_text_fields():
    """(model, field) for every free-text field of the portal's models (and staff users' names,
    which the admin shows as agreement owners and in histories)."""
    ours_apps = project_apps()
    for model in apps.get_models():
        ours = model._meta.app_label in ours_apps and not model.__name__.startswith("Historical")
        if not ours and model is not get_user_model():
            continue
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, FREE_TEXT_EXCLUDED)
                and field.editable
                and not field.choices
                and field.name not in record_keys(model)
            ):
                yield model, field


def fill_with_payloads():
    """Write a payload into every writable text field of every row; returns what was covered."""
    covered, too_short = {}, []
    numbers = itertools.count(1)  # a number per value: unique columns take every row's payload
    fields_by_model = {}
    for model, field in writable_text_fields():
        fields_by_model.setdefault(model, []).append(field)
    for model, fields in fields_by_model.items():
        # Translated fields: the per-language columns last, so that each keeps its own payload.
        fields.sort(key=lambda f: f.name.endswith(("_en", "_zh_hant")))
        for row in model._default_manager.all():
            for field in fields:
                number = next(numbers)
                value = payload(number)
                if field.max_length and field.max_length < len(value):
                    value = SHORT_PAYLOAD
                if field.max_length and field.max_length < len(value):
                    too_short.append(f"{model._meta.label}.{field.name}")
                    continue
                setattr(row, field.attname, value)
                covered[f"{model._meta.label}.{field.name}"] = value
            try:
                with transaction.atomic():
                    row.save()
            except DatabaseError:
                # A log the database keeps from being rewritten: the hostile row is a new entry.
                row.pk = None
                row.save()
    return covered, sorted(set(too_short))


# --- What counts as live -----------------------------------------------------------------


def problems_in_html(text):
    return ["live tag in HTML"] if LIVE_TAG in text else []


def problems_in_plain_text(text):
    found = []
    if ESCAPED_TAG in text or "R&amp;D" in text:
        found.append("plain text carries HTML entities instead of the characters typed")
    return found


def problems_in_feed(content):
    root = ET.fromstring(content)  # noqa: S314 - the portal's own output, parsed in a test
    found = []
    for element in root.iter():
        html_typed = element.tag == "description" or (
            element.tag in (f"{ATOM}summary", f"{ATOM}content") and element.get("type") == "html"
        )
        text = element.text or ""
        if html_typed and LIVE_TAG in text:
            found.append(f"live tag in the HTML of <{element.tag}>")
        if not html_typed and ESCAPED_TAG in text:
            found.append(f"HTML entities in the text of <{element.tag}>")
    return found


def problems_in_calendar(content):
    text = content.decode()
    found = problems_in_plain_text(text)
    if "X-ALT-DESC" in text:
        found.append("an HTML description in the calendar")
    return found


def problems_in_csv(content):
    if not content.startswith(b"\xef\xbb\xbf"):
        return ["CSV without a byte-order mark"]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    found = [f"live formula {cell[:20]!r}" for cell in cells if cell.startswith(FORMULA_STARTS)]
    return found + problems_in_plain_text("\n".join(cells))


def problems_in_xlsx(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    found = [f"live formula {str(cell.value)[:20]!r}" for cell in cells if cell.data_type == "f"]
    return found + problems_in_plain_text("\n".join(str(cell.value) for cell in cells))


def problems_in_response(response):
    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        return problems_in_xlsx(content)
    if content_type.startswith("text/csv"):
        return problems_in_csv(content)
    if "rss" in content_type or "atom" in content_type:
        return problems_in_feed(content)
    if content_type.startswith("text/calendar"):
        return problems_in_calendar(content)
    if content_type.startswith("text/html"):
        return problems_in_html(content.decode())
    if content_type.startswith(("application/xml", "text/xml")):
        return ["live tag in XML"] if LIVE_TAG.encode() in content else []
    if content_type.startswith("application/json"):
        return problems_in_json(content)
    if content_type.startswith("application/zip"):  # a person's export: its data.json
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return problems_in_json(archive.read("data.json"))
    return []  # plain text, PDFs: no markup is interpreted


def problems_in_json(content):
    """JSON carries text as typed: an HTML entity in a string means someone escaped for a page."""
    strings = []

    def collect(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(json.loads(content))
    return problems_in_plain_text("\n".join(strings))


# --- The channels ------------------------------------------------------------------------


def export_channels(root):
    """(name, response) for every export: import-export pages × formats, export actions × formats."""
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        label = model._meta.label_lower
        if hasattr(model_admin, "get_export_formats"):
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
            page = root.get(url).content.decode()
            columns = dict.fromkeys(set(re.findall(r'name="(\w+resource_\w+)"', page)), "on")
            for index, file_format in enumerate(model_admin.get_export_formats()):
                response = root.post(url, {"resource": "0", "format": str(index), **columns})
                yield f"export page {label} as {file_format.__name__}", response
        for action in model_admin.actions or ():
            function = getattr(model_admin, action, action) if isinstance(action, str) else action
            if getattr(function, "spreadsheet_format", None) is None:
                continue
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            selected = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
            response = root.post(changelist, {"action": function.__name__, "_selected_action": selected})
            yield f"action {label}.{function.__name__}", response


def send_every_email(root, samples, covered):
    """Make the portal send each of its e-mails with hostile text in it."""
    call, registration_event = (
        samples[apps.get_model("exchanges", "ApplicationCall")],
        samples[apps.get_model("events", "Event")],
    )
    now = timezone.now()
    call.opens_at, call.closes_at = now - timezone.timedelta(days=1), now + timezone.timedelta(days=10)
    call.save()
    # A student types hostile text into the public form: every free-text field of it.
    form = ApplicationForm(call=call)
    data = {
        "name_en": "Lin",
        "student_id": "4C1234567",
        "email": "4c1234567@stust.example.edu.tw",
        "department": "EE",
        "year_of_study": "3",
        "gpa": "4.30",
        "language_test": "none",
        "choice_1": str(next(iter(form.offered))),
        "statement": "x",
        "website": "",
    }
    for name, field in form.fields.items():
        # The student ID is letters and digits only (validate_student_id), not free text.
        if type(field).__name__ in ("CharField", "BrowserCountedTextField") and name not in ("website", "student_id"):
            data[name] = payload(900 + len(data))[: field.max_length or None]
    with translation.override("en"):
        apply_url = call.get_apply_url()
        resend_url = reverse("exchanges:resend-link")
    Client().post(apply_url, {**data, "transcript": pdf_upload()})
    Client().post(apply_url, {**data, "transcript": pdf_upload()})  # the same student again
    application = apps.get_model("exchanges", "Application").objects.get(student_id="4C1234567")
    Client().post(resend_url, {"student_id": application.student_id, "email": application.email})
    exchange_services.change_status(application, "under-review", note=payload(990))
    # Registrations: confirmed, waiting list, promotion, an announcement.
    registration_event.capacity = registration_event.registrations.count() + 1
    registration_event.registration_deadline = now + timezone.timedelta(days=2)
    registration_event.save()
    first = event_services.register(
        registration_event, name=payload(991), email="a@example.org", consent=True, language="en"
    )
    event_services.register(
        registration_event, name=payload(992), email="b@example.org", consent=True, language="zh-hant"
    )
    event_services.cancel(first)
    event_services.email_registrants([registration_event], payload(993), payload(994))
    # An agreement ending soon, with an owner to remind.
    agreement = samples[apps.get_model("partners", "Agreement")]
    agreement.owner = users.staff(username="hostile-owner")
    agreement.owner.email = "owner@example.edu"
    agreement.owner.save()
    agreement.signed_on = agreement.starts_on = now.date() - timezone.timedelta(days=300)
    agreement.ends_on = now.date() + timezone.timedelta(days=20)
    agreement.save()
    management.call_command("send_agreement_reminders", stdout=io.StringIO())
    send_selection_and_incoming_emails(samples, now)


def send_selection_and_incoming_emails(samples, now):
    """The placement's e-mails (seat, waiting list), the nominations to a partner with their CSV,
    a checklist reminder, and incoming students' e-mails: hostile names, titles and notes in each."""
    from partners.models import PartnerContact
    from tests.exchanges.factories import ApplicationCallFactory, CallProgrammeFactory

    call = ApplicationCallFactory(
        slug="sweep-placement", opens_at=now - timezone.timedelta(days=30), closes_at=now - timezone.timedelta(days=1)
    )
    offer = CallProgrammeFactory(call=call, seats=1, programme=samples[apps.get_model("exchanges", "ExchangeProgram")])
    for number, score in ((996, 90), (997, 80)):
        applicant = ApplicationFactory(
            call=call, name_en=payload(number)[:200], interview_score=score, status="submitted"
        )
        ApplicationChoiceFactory(application=applicant, programme=offer.programme, rank=1)
    placement.confirm_placement(call)  # one seat (status_changed), one waiting list (waiting)
    partner = offer.programme.partner
    PartnerContact.objects.create(
        partner=partner, name=payload(998)[:200], email="desk@partner.example.edu", receives_nominations=True
    )
    nominations.send_nominations(call, partner, resend=True)
    accepted = apps.get_model("exchanges", "Application").objects.filter(call=call, status="nominated").get()
    apps.get_model("exchanges", "Application").objects.filter(pk=accepted.pk).update(status="accepted")
    apps.get_model("exchanges", "ChecklistItem").objects.create(
        call=call, kind="fact", title=payload(999)[:200], due_on=now.date() + timezone.timedelta(days=3)
    )
    checklists.send_due_reminders()
    exchange_services.change_status(accepted, "withdrawn")  # the partner that had the nomination is told
    link = samples[apps.get_model("incoming", "NominationLink")]
    model = apps.get_model("incoming", "IncomingApplication")
    nominee = incoming_services.nominate(
        link,
        {
            "coordinator_name": payload(1000)[:200],
            "coordinator_email": "coordinator@partner.example.edu",
            "name": payload(1001)[:200],
            "email": "nominee@partner.example.edu",
            "study_level": model._meta.get_field("study_level").choices[0][0],
            "field_of_study": payload(1002)[:200],
            "academic_year": now.year + 1,
            "term": model._meta.get_field("term").choices[0][0],
        },
        language="en",
    )
    incoming_services.change_status(nominee, "withdrawn", note=payload(1003))
    # The stay abroad: a returned learning agreement, recognised credits, a message to a country.
    from tests.abroad.sweep import send_abroad_emails

    send_abroad_emails(samples, payload)


def email_templates():
    """Every e-mail the portal can send: the templates named <something>_subject.txt."""
    roots = [Path(settings.BASE_DIR) / "templates", *(Path(app.path) / "templates" for app in apps.get_app_configs())]
    return sorted(
        str(path.relative_to(root)).removesuffix("_subject.txt")
        for root in roots
        if root.is_dir() and str(root).startswith(str(settings.BASE_DIR)) and ".venv" not in str(root)
        for path in root.rglob("*_subject.txt")
    )


def test_no_hostile_text_comes_out_live_anywhere(django_capture_on_commit_callbacks):
    samples = make_samples()
    covered, too_short = fill_with_payloads()
    root = Client()
    root.force_login(users.superuser("sweep-root"))
    problems, channels = {}, []

    kinds = {}

    def check(channel, response):
        channels.append(channel)
        kind = response.get("Content-Type", "-").split(";")[0]
        if channel.startswith("admin "):
            kind = f"admin {kind}"
        kinds[kind] = kinds.get(kind, 0) + 1
        if response.status_code >= 500:
            problems[channel] = [f"server error {response.status_code}"]
        elif found := problems_in_response(response):
            problems[channel] = found

    # Public pages, feeds, calendars, sitemap and search, in both languages; admin pages.
    anonymous = Client()
    found = list(urlwalk.targets(samples, lambda path: root.get(path).status_code != 404))
    for target in found:
        if target.route.is_admin:
            check(f"admin {target.key}", root.get(target.path))
            continue
        languages = [code for code, _name in settings.LANGUAGES] if target.path.startswith("/en/") else [None]
        for language in languages:
            path = target.in_language(language) if language else target.path
            separator = "&" if "?" in path else "?"
            check(f"{target.key} [{language or '-'}]", anonymous.get(f"{path}{separator}q=hostile"))
    # Every export, every format.
    exports = list(export_channels(root))
    assert {name.rsplit(" as ", 1)[-1] for name, _r in exports if " as " in name} == {
        f.__name__ for f in EXPORT_FORMATS
    }
    for name, response in exports:
        assert response.status_code == 200, f"{name}: {response.status_code}"
        check(name, response)
    # Every e-mail.
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            send_every_email(root, samples, covered)
    finally:
        template_rendered.disconnect(record)
    for index, message in enumerate(mail.outbox):
        name = f"e-mail {index}: {message.subject[:40]}"
        channels.append(name)
        found = problems_in_plain_text(message.subject + "\n" + message.body)
        if "R&D hostile" not in message.subject + message.body:
            found.append("no hostile text reached this e-mail")
        for html, _mimetype in getattr(message, "alternatives", []):
            found += problems_in_html(html)
        for _filename, content, mimetype in message.attachments:  # the nominations' CSV
            found += problems_in_csv(content.encode() if isinstance(content, str) else content)
            assert mimetype == "text/csv", "sweep each new kind of attachment as its kind"
        if found:
            problems[name] = found
    unsent = [name for name in email_templates() if f"{name}.txt" not in rendered]
    kinds["e-mail"] = len(mail.outbox)
    print(f"hostile sweep: {len(covered)} fields × {len(channels)} channels; too short for markup: {too_short}")
    print(f"hostile sweep channels by kind: {sorted(kinds.items())}")
    swept_apps = {label.split(".")[0] for label in covered}
    assert {"outbox", "privacy"} <= swept_apps, "the outbox's and the privacy app's text fields are swept"
    assert unsent == [], "e-mails the sweep never sends: add them to send_every_email()"
    assert len(covered) > 50
    assert problems == {}
