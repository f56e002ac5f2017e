import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.pagination import KeysFirstPaginator
from exchanges.models import ExchangeProgram
from tests.exchanges.factories import ApplicationCallFactory, CallProgrammeFactory, ExchangeProgramFactory

pytestmark = pytest.mark.django_db


def sorted_by_deadline():
    return ExchangeProgram.objects.select_related("partner").with_open_deadline().order_by(
        F("open_deadline").asc(nulls_last=True), "title", "pk"
    )


def test_every_page_holds_the_rows_a_plain_paginator_gives_in_the_same_order():
    soon = ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=2))
    later = ApplicationCallFactory(closes_at=timezone.now() + datetime.timedelta(days=40))
    for number in range(7):
        CallProgrammeFactory(call=soon if number % 2 else later)
    ExchangeProgramFactory.create_batch(4)
    plain = Paginator(sorted_by_deadline(), 3, orphans=1)
    keys_first = KeysFirstPaginator(sorted_by_deadline(), 3, orphans=1)
    assert keys_first.num_pages == plain.num_pages == 4
    for number in plain.page_range:
        assert list(keys_first.page(number)) == list(plain.page(number))
    # The two offered by the call that closes soonest lead the first page.
    assert {row.open_deadline for row in keys_first.page(1)[:2]} == {soon.closes_at}


def test_counts_the_rows_given_as_counted_without_the_sorts_join():
    CallProgrammeFactory.create_batch(3)
    paginator = KeysFirstPaginator(sorted_by_deadline(), 2, counted=ExchangeProgram.objects.all())
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 3
    assert "callprogramme" not in queries.captured_queries[0]["sql"]
    assert len(paginator.page(2)) == 1
