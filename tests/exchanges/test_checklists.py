"""The pre-departure checklist: the student's answers on the status page, staff ticks, reminders,
and the mobility record (and figures) a complete checklist creates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.roles import EXCHANGE_COORDINATORS
from exchanges import checklists
from exchanges.models import Application, ChecklistAnswer, ChecklistItem, ChecklistReminder, MobilityRecord
from tests.core import users
from tests.exchanges.conftest import exe_as_pdf_upload, pdf_upload
from tests.exchanges.factories import ApplicationFactory, CallProgrammeFactory

pytestmark = pytest.mark.django_db
S = Application.Status
K = ChecklistItem.Kind


@pytest.fixture
def accepted():
    offer = CallProgrammeFactory()
    return ApplicationFactory(call=offer.call, status=S.ACCEPTED, nominated_programme=offer.programme)


def item(application, kind, title, days=10):
    return ChecklistItem.objects.create(
        call=application.call,
        kind=kind,
        title_en=title,
        title_zh_hant=title,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
    )


@pytest.fixture
def full_checklist(accepted):
    return [
        item(accepted, K.DOCUMENT, "Insurance certificate"),
        item(accepted, K.FACT, "Emergency contact"),
        item(accepted, K.SESSION, "Pre-departure briefing"),
    ]


def post(client, application, data):
    return client.post(application.get_status_url(), data)


def test_student_uploads_a_document_and_gives_a_fact_from_the_status_page(client, accepted, full_checklist):
    document, fact, _session = full_checklist
    response = post(client, accepted, {"item": document.pk, f"item-{document.pk}-document": pdf_upload()})
    assert response.status_code == 302
    response = post(client, accepted, {"item": fact.pk, f"item-{fact.pk}-text": "Lin Mei, mother, +886 912 345 678"})
    assert response.status_code == 302
    answers = {a.item_id: a for a in ChecklistAnswer.objects.filter(application=accepted)}
    assert answers[document.pk].content_type == "application/pdf" and answers[document.pk].document
    assert answers[fact.pk].text.startswith("Lin Mei")
    html = client.get(accepted.get_status_url()).content.decode()
    assert "2 of 3 done" in html
    assert "The office ticks your attendance" in html


def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_saved(client, accepted, full_checklist):
    document = full_checklist[0]
    response = post(client, accepted, {"item": document.pk, f"item-{document.pk}-document": exe_as_pdf_upload()})
    assert response.status_code == 400
    assert "Upload the document as a PDF or as a JPEG, PNG or WebP image." in response.content.decode()
    assert not ChecklistAnswer.objects.exists()


def test_an_empty_fact_is_refused_in_chinese_and_keeps_the_page(client, accepted, full_checklist):
    fact = full_checklist[1]
    accepted.language = "zh-hant"
    with translation.override("zh-hant"):
        url = reverse("exchanges:status", kwargs={"token": accepted.token})
    response = client.post(url, {"item": fact.pk, f"item-{fact.pk}-text": "  "})
    assert response.status_code == 400
    assert "這個欄位是必須的" in response.content.decode()
    assert not ChecklistAnswer.objects.exists()


def test_an_answer_given_on_the_chinese_page_returns_to_the_chinese_page(client, accepted, full_checklist):
    fact = full_checklist[1]
    assert accepted.language == "en"  # applied in English, reads the page in Chinese
    with translation.override("zh-hant"):
        url = reverse("exchanges:status", kwargs={"token": accepted.token})
    response = client.post(url, {"item": fact.pk, f"item-{fact.pk}-text": "林華，母親，0912 345 678"})
    assert response.status_code == 302 and response["Location"] == f"{url}#checklist"
    assert "已完成" in client.get(url).content.decode()


def test_the_checklist_is_only_for_students_the_partner_accepted(client, full_checklist):
    nominee = ApplicationFactory(call=full_checklist[0].call, status=S.UNDER_REVIEW)
    fact = full_checklist[1]
    html = client.get(nominee.get_status_url()).content.decode()
    assert "Before departure" not in html
    with pytest.raises(checklists.ChecklistError):
        checklists.answer(nominee, fact, text="Somebody")


def test_a_student_cannot_tick_their_own_session(accepted, full_checklist):
    with pytest.raises(checklists.ChecklistError):
        checklists.answer(accepted, full_checklist[2])


def test_complete_checklist_creates_the_mobility_record_and_the_figures_follow(accepted, full_checklist):
    from oia_portal.statistics.figures import students_by_year

    def sent_total():
        return sum(total for rows in students_by_year().values() for _year, total in rows)

    before = sent_total()
    document, fact, session = full_checklist
    checklists.answer(accepted, document, document=pdf_upload())
    checklists.answer(accepted, fact, text="Emergency: +886 6 253 3131")
    assert not MobilityRecord.objects.exists()
    record = checklists.answer(accepted, session, by=users.staff(groups=[EXCHANGE_COORDINATORS]))
    assert record.application == accepted
    assert record.student_name == accepted.name_en and record.programme == accepted.nominated_programme
    assert sent_total() == before + 1


def test_staff_see_what_is_missing_and_tick_attendance(client, accepted, full_checklist):
    client.force_login(users.staff(groups=[EXCHANGE_COORDINATORS]))
    url = reverse("admin:exchanges_applicationcall_checklists", args=[accepted.call_id])
    html = client.get(url).content.decode()
    assert accepted.reference in html and html.count("missing") >= 2
    response = client.post(url, {"application": accepted.pk, "item": full_checklist[2].pk})
    assert response.status_code == 302
    assert ChecklistAnswer.objects.get(item=full_checklist[2]).ticked_by is not None


def test_reminders_go_once_per_item_and_threshold(accepted, full_checklist):
    today = timezone.localdate()
    document = full_checklist[0]  # due in 10 days: the 14-day threshold is reached
    sent = checklists.send_due_reminders(on=today)
    assert {(r.item_id, r.threshold_days) for r in sent} == {(i.pk, 14) for i in full_checklist}
    from outbox.models import Message

    assert Message.objects.filter(topic="exchanges/email/checklist_reminder").count() == 3
    assert checklists.send_due_reminders(on=today) == []
    checklists.answer(accepted, document, document=pdf_upload())
    later = checklists.send_due_reminders(on=document.due_on - datetime.timedelta(days=2))
    assert {r.item_id for r in later} == {full_checklist[1].pk, full_checklist[2].pk}
    assert ChecklistReminder.objects.filter(item=document).count() == 1


def test_checklist_reminders_are_a_scheduled_job_that_a_rerun_does_not_repeat(accepted, full_checklist):
    from exchanges.tasks import checklist_reminders
    from jobs.queue import SCHEDULE
    from outbox.models import Message

    assert "exchanges.checklist_reminders" in SCHEDULE
    moment = timezone.now().timestamp()
    checklist_reminders(timestamp=moment)
    checklist_reminders(timestamp=moment)  # the scheduler's retry, or a second scheduler
    checklist_reminders(timestamp=moment + 3600)  # a later run the same day
    reminders = Message.objects.filter(topic="exchanges/email/checklist_reminder")
    assert reminders.count() == 3
    assert {m.about for m in reminders} == {accepted}


def test_status_page_query_count_does_not_grow_with_the_checklist(client, accepted, django_assert_num_queries):
    client.get(accepted.get_status_url())
    for number in range(6):
        item(accepted, K.FACT, f"Fact {number}")
    # application with call and nomination, choices, history, waiting lists, checklist items, answers
    with django_assert_num_queries(7):  # ... and the application's documents
        client.get(accepted.get_status_url())
