"""`manage.py bench_import`: the import of a pretalx schedule.xml, timed step by step."""

from io import StringIO

import pytest

from django.core.management import call_command

from demo.programme_files import pretalx_schedule_xml
from sessions.exchange.importers import parse_file
from sessions.models import ExternalKey, SessionPage
from speakers.models import Speaker

pytestmark = pytest.mark.slow


def test_the_generated_file_reads_as_pretalx_writes_it():
    content, first_day, last_day = pretalx_schedule_xml(50)
    parsed = parse_file(content, "schedule.xml")
    assert not parsed.problems
    assert len(parsed.rows) == 50
    assert (parsed.source.tool, parsed.source.format) == ("pretalx", "frab XML")
    assert (parsed.source.start_date, parsed.source.end_date) == (first_day, last_day)
    assert parsed.source.time_zone == "Europe/Berlin"
    assert all(person.keys[0].startswith("id:") for row in parsed.rows for person in row.speakers)


def test_the_benchmark_prints_each_step_and_leaves_nothing_behind(db):
    out = StringIO()
    call_command("bench_import", sizes=[12], format="markdown", stdout=out)
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in out.getvalue().splitlines()[2:]
    ]
    assert [(row[1], row[4], row[5]) for row in rows] == [
        ("read the file", "0", "0"),
        ("dry run", "12", "0"),
        ("import", "12", "0"),
        ("import again", "0", "12"),
    ]
    assert all(float(row[2]) >= 0 for row in rows) and int(rows[2][3].replace(",", "")) > 0
    assert (SessionPage.objects.count(), Speaker.objects.count(), ExternalKey.objects.count()) == (
        0,
        0,
        0,
    )
