"""`manage.py bench`: the agenda page, the full feed and a session page against the same
bytes as a file."""

import re
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from conference.models import Room, Venue
from demo.programme import Programme
from sessions.models import AgendaPage, SessionPage, SessionSpeaker, Track
from speakers.models import Speaker

pytestmark = pytest.mark.slow

COLUMNS = [
    "sessions",
    "page",
    "body KB",
    "cold ms",
    "queries",
    "edited ms",
    "queries",
    "edited/cold",
    "cached ms",
    "queries",
    "static ms",
    "cached/static",
]


def database_state():
    return {
        model.__name__: model.objects.count()
        for model in (Page, SessionPage, SessionSpeaker, AgendaPage, Speaker, Track, Room, Venue)
    } | {"root numchild": Page.objects.get(depth=1).numchild}


def bench(*args):
    out = StringIO()
    call_command("bench", "--sizes", "3", "5", "--repeat", "2", *args, stdout=out)
    return out.getvalue()


def half_step(milliseconds):
    """Half the last printed digit of a time (demo.benchmarks.milliseconds_format)."""
    return 0.5 if milliseconds >= 100 else 0.05 if milliseconds >= 10 else 0.005


def within_rounding(ratio, numerator, denominator):
    """A ratio printed to the unit, from the unrounded times, agrees with the two times as
    printed: a static time of 0.01 ms may have been anything from 0.005 to 0.015."""
    low = (numerator - half_step(numerator)) / (denominator + half_step(denominator))
    high = (numerator + half_step(numerator)) / max(denominator - half_step(denominator), 1e-6)
    return low - 0.5 <= ratio <= high + 0.5


@pytest.mark.django_db
def test_bench_prints_the_pages_at_each_size_and_leaves_the_database_as_it_was():
    before = database_state()

    output = bench()

    assert database_state() == before
    lines = [line for line in output.splitlines() if line.strip()]
    assert re.split(r"\s{2,}", lines[0].strip()) == COLUMNS
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        ("3", "agenda"),
        ("3", "feed"),
        ("3", "session"),
        ("3", "track"),
        ("5", "agenda"),
        ("5", "feed"),
        ("5", "session"),
        ("5", "track"),
    ]
    for row in rows:
        assert len(row) == len(COLUMNS)
        body_kb, cold, cold_q, edited, edited_q, ratio_e, cached, cached_q, static, ratio_c = (
            float(value.replace(",", "")) for value in row[2:]
        )
        assert body_kb > 0 and cold > 0 and edited > 0 and cached > 0 and static > 0
        assert cold_q > 0  # an empty cache means the pages come from the database
        assert edited_q > 0  # an edit means the page is built again
        assert abs(ratio_e - edited / cold) <= 0.01 + edited / cold * 0.1
        assert within_rounding(ratio_c, cached, static)
    # The programme grows between the two sizes, and so do the agenda and the feed.
    assert float(rows[4][2]) > float(rows[0][2]) and float(rows[5][2]) > float(rows[1][2])
    # Each edit was published, with a new revision of one session each time.
    assert "edited" not in " ".join(SessionPage.objects.values_list("title", flat=True))


@pytest.mark.django_db
def test_bench_prints_a_markdown_table():
    output = bench("--format", "markdown")

    lines = output.strip().splitlines()
    assert lines[0] == "| " + " | ".join(COLUMNS) + " |"
    assert lines[1] == "|---|---|" + "---:|" * (len(COLUMNS) - 2)
    assert [line.split(" | ")[:2] for line in lines[2:]] == [
        ["| 3", "agenda"],
        ["| 3", "feed"],
        ["| 3", "session"],
        ["| 3", "track"],
        ["| 5", "agenda"],
        ["| 5", "feed"],
        ["| 5", "session"],
        ["| 5", "track"],
    ]


@pytest.mark.django_db
def test_the_bulk_programme_keeps_the_page_tree_valid_and_serves_its_sessions(client):
    programme = Programme.create()
    with CaptureQueriesContext(connection) as queries:
        programme.grow_to(30)
    programme.grow_to(45)

    # Bulk inserts: far fewer queries than the dozens per page that add_child takes.
    assert len(queries) < 30 * 3
    assert all(len(problems) == 0 for problems in Page.find_problems())
    agenda = AgendaPage.objects.get(pk=programme.agenda.pk)
    assert agenda.numchild == 45
    sessions = agenda.get_children().specific()
    assert sessions.count() == 45
    assert SessionSpeaker.objects.filter(session__in=sessions).count() == 90
    last = SessionPage.objects.get(slug="session-44")
    assert last.url_path == agenda.url_path + "session-44/"
    assert last.get_parent().pk == agenda.pk
    response = client.get(last.get_url(), HTTP_HOST="localhost")
    assert response.status_code == 200
    assert b"Session 44" in response.content
    agenda_page = client.get(agenda.get_url(), HTTP_HOST="localhost")
    assert agenda_page.status_code == 200
    assert agenda_page.content.count(b"Session 4") >= 6  # 4 and 40-44
