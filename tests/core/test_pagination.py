import datetime
import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

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


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_programmes_keys_cut_by_runs_give_the_order_of_sorting_every_programme(language):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    soon = ApplicationCallFactory(closes_at=now + 2 * day)
    same_time = ApplicationCallFactory(closes_at=soon.closes_at)  # two calls, one deadline
    later = ApplicationCallFactory(closes_at=now + 40 * day)
    closed = ApplicationCallFactory(opens_at=now - 30 * day, closes_at=now - day)
    not_yet_open = ApplicationCallFactory(opens_at=now + day, closes_at=now + 5 * day)
    calls = [soon, same_time, later, closed, not_yet_open]
    titles = ["Brno", "Aarhus", "Brno", "Cork", "Dresden", "Aarhus", "Évora", "Bergen"]  # ties on purpose
    programmes = [
        ExchangeProgramFactory(title_en=title, title_zh_hant=f"{title}交換" if number % 3 else "")
        for number, title in enumerate(titles * 3)
    ]
    for number, programme in enumerate(programmes):
        # Offered by no call, one call or two, whichever closes first.
        for call in calls[number % 5 : number % 5 + number % 3]:
            CallProgrammeFactory(call=call, programme=programme)
    with translation.override(language):
        everything = list(sorted_by_deadline().values_list("pk", flat=True))
        assert sorted(everything) == sorted(p.pk for p in programmes)
        for bottom in range(len(everything) + 1):
            for top in (bottom, bottom + 1, bottom + 5, len(everything) + 3):
                keys = ExchangeProgram.objects.keys_by_open_deadline(bottom, top, at=now)
                window = ExchangeProgram.objects.filter(pk__in=keys).values_list("pk", flat=True)
                # Every window, one row wide too: the same rows are the same order.
                assert set(window) == set(everything[bottom:top]), (bottom, top)
        # Filtered to programmes of open calls, the finder leaves out the run of the others.
        offered = list(sorted_by_deadline().open_for_application(now).values_list("pk", flat=True))
        assert 0 < len(offered) < len(everything)
        for bottom in range(len(offered) + 1):
            keys = ExchangeProgram.objects.open_for_application(now).keys_by_open_deadline(
                bottom, bottom + 1, at=now, offered_only=True
            )
            assert set(ExchangeProgram.objects.filter(pk__in=keys).values_list("pk", flat=True)) == set(
                offered[bottom : bottom + 1]
            )


def test_a_page_cut_with_the_models_keys_matches_a_plain_paginators_page():
    call = ApplicationCallFactory()
    for _ in range(5):
        CallProgrammeFactory(call=call)
    ExchangeProgramFactory.create_batch(3)
    now = timezone.now()
    plain = Paginator(sorted_by_deadline(), 3)
    keys_first = KeysFirstPaginator(
        sorted_by_deadline(), 3, keys=lambda bottom, top: ExchangeProgram.objects.keys_by_open_deadline(bottom, top, now)
    )
    for number in plain.page_range:
        assert list(keys_first.page(number)) == list(plain.page(number))


@pytest.mark.parametrize("pages", [1, 2, 9, 10, 80, 800])
def test_the_page_links_are_the_first_the_last_and_three_either_side_whatever_the_number_of_pages(rf, pages):
    from django.template.loader import render_to_string

    paginator = Paginator(range(pages * 20), 20)
    for number in sorted({1, 2, 4, 5, pages // 2, pages - 1, pages} & set(paginator.page_range)):
        html = render_to_string(
            "includes/pagination.html", {"page_obj": paginator.page(number), "request": rf.get("/en/programmes/")}
        )
        if pages == 1:
            assert html.strip() == ""
            continue
        items = re.findall(r'<li class="page-item[^"]*">(?:<a[^>]*href="\?page=(\d+)"[^>]*>(\d+)|<span[^>]*>(\d+|…))', html)
        shown = [int(linked or current) for _href, linked, current in items if (linked or current).isdigit()]
        assert {1, pages, *(n for n in range(number - 3, number + 4) if 1 <= n <= pages)} <= set(shown)
        assert len(shown) <= 2 + 7 + 2, shown  # the ends, this page and three either side (a gap of one is shown)
        gaps = [later - earlier for earlier, later in zip(shown, shown[1:], strict=False) if later - earlier > 1]
        assert html.count("…") == len(gaps)  # every page left out is marked
