"""The pure parts of scripts/compare_pretalx.py (`make compare-pretalx`): the medians and
ratios, the sizes, the table as text and Markdown, the check that a site serves the whole
programme, the Redis writes that stand for an edit's publish and pretalx's configuration.
No server, network or pretalx install."""

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from compare_pretalx import (  # noqa: E402
    COLUMNS,
    ENDPOINTS,
    cache_key,
    duration_minutes,
    edit_writes,
    format_table,
    kilobytes,
    median,
    milliseconds,
    notes,
    pretalx_config,
    programme_problems,
    publish_edit,
    ratio,
    table_rows,
)


def result(ms, sent=2048, size=2048):
    return {"ms": ms, "sent": sent, "size": size, "headers": {}}


def results_for_all_endpoints():
    return {
        endpoint: {
            "pretalx": result([100.0, 300.0, 200.0], sent=4096, size=4096),
            "cached": result([5.0, 7.0, 6.0], sent=1024, size=8192),
            "edited": result([50.0, 40.0, 60.0], sent=1024, size=8192),
            "cold": result([400.0, 500.0, 450.0], sent=1024, size=8192),
        }
        for endpoint in ENDPOINTS
    }


def test_median_and_ratio():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([1.0, 2.0, 3.0, 4.0]) == 2.5
    assert median([]) != median([])  # nan, not an error
    assert ratio(50.0, 200.0) == 0.25
    assert ratio(50.0, 0) is None


def test_sizes_are_shown_as_sent_with_the_unzipped_size_when_it_differs():
    assert kilobytes(2048, 2048) == "2.0"
    assert kilobytes(1024, 10240) == "1.0 (10.0)"


def test_milliseconds_keep_a_decimal_below_100():
    assert milliseconds(7.04) == "7.0"
    assert milliseconds(1234.5) == "1,234"


def test_frab_durations_are_minutes():
    assert duration_minutes("00:45") == 45
    assert duration_minutes("01:30") == 90


def test_a_row_per_endpoint_with_the_ratio_of_ours_edited_to_pretalx():
    queries = {(endpoint, state): 12 for endpoint in ENDPOINTS for state in ("edited", "cold")}
    queries["feed", "cold"] = None  # the count failed
    rows = table_rows(results_for_all_endpoints(), queries)
    assert [row[0] for row in rows] == ENDPOINTS
    agenda = dict(zip(COLUMNS, rows[0], strict=True))
    assert agenda == {
        "endpoint": "agenda",
        "pretalx ms": "200",
        "pretalx KB": "4.0",
        "ours cached ms": "6.0",
        "ours edited ms": "50.0",
        "ours cold ms": "450",
        "queries edited/cold": "12/12",
        "ours KB": "1.0 (8.0)",
        "edited / pretalx": "0.25",
    }
    assert rows[1][COLUMNS.index("queries edited/cold")] == "12/?"


def test_the_text_table_is_aligned_the_first_column_left():
    lines = format_table([["agenda", "1.0"], ["speakers", "200"]], "text", ["endpoint", "ms"])
    assert lines == [
        "endpoint   ms",
        "--------  ---",
        "agenda    1.0",
        "speakers  200",
    ]


def test_the_markdown_table_has_a_header_and_right_aligned_numbers():
    lines = format_table([["agenda", "1.0", "2"]], "markdown", ["endpoint", "a", "b"])
    assert lines == ["| endpoint | a | b |", "|---|---:|---:|", "| agenda | 1.0 | 2 |"]


def test_the_full_table_has_every_column():
    rows = table_rows(results_for_all_endpoints(), {})
    lines = format_table(rows, "markdown")
    assert lines[0].count("|") == len(COLUMNS) + 1
    assert len(lines) == 2 + len(ENDPOINTS)


def programme_bodies(talks, people):
    return {
        "agenda": b"".join(b"<h3>Talk %d: a title</h3>" % n for n in range(talks)),
        "feed": b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\nEND:VEVENT\r\n" * talks,
        "talk": b"",
        "speakers": b"".join(b"<li>Person %d Example</li>" % n for n in range(people)) * 2,
    }


def test_a_site_serving_the_whole_programme_has_no_problem():
    assert programme_problems(programme_bodies(120, 108), talks=120, people=108) == []


def test_what_a_site_lacks_of_the_programme_is_named():
    problems = programme_problems(programme_bodies(119, 100), talks=120, people=108)
    assert problems == [
        "the agenda shows 119 of 120 talks",
        "the feed has 119 events, not 120",
        "the speakers page shows 100 of 108 speakers",
    ]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({}, "validators sent: none"), ({"ETag": '"x"'}, "validators sent: feed (ETag)")],
)
def test_the_notes_say_what_pretalx_caches_and_validates(headers, expected):
    lines = notes({"feed": headers}, ["a", "b", "c", "d"], {("feed", "edited"): 3})
    assert expected in lines[0]
    assert "held 4 keys after the run (a, b, c, ...)" in lines[0]
    assert "edited = right after one edit's publish" in lines[1]
    assert "cold = every cache emptied" in lines[1]
    assert len(lines) == 2


def test_the_notes_tell_of_a_page_the_edit_did_not_reach():
    lines = notes({}, [], {("feed", "edited"): 0, ("feed", "cold"): 0})
    assert "0 queries edited" in lines[-1]


def test_an_edit_writes_the_keys_of_django_s_cache_as_page_cache_invalidate_does():
    assert cache_key("page-cache:latest-change") == ":1:page-cache:latest-change"
    latest = 1_700_000_000 * 10**9
    assert edit_writes(7, latest=latest, now=latest + 5 * 10**9) == {
        ":1:page-cache:tag:edition:7": latest + 5 * 10**9,
        ":1:page-cache:latest-change": latest + 5 * 10**9,
    }


def test_an_edit_s_version_is_a_second_after_the_latest_change_at_least():
    latest = 1_700_000_000 * 10**9
    writes = edit_writes(7, latest=latest, now=latest + 1)
    assert set(writes.values()) == {latest + 10**9}


class FakeRedis:
    def __init__(self, values):
        self.values = values

    def get(self, key):
        return self.values.get(key)

    def mset(self, mapping):
        self.values.update({key: str(value).encode() for key, value in mapping.items()})


def test_publishing_an_edit_reads_the_latest_change_and_writes_plain_integers():
    far_ahead = 10**20  # a latest change in the future: the next one is a second after it
    redis = FakeRedis({":1:page-cache:latest-change": str(far_ahead).encode()})
    assert publish_edit(redis, 3) == far_ahead + 10**9
    assert redis.values == {
        ":1:page-cache:latest-change": b"%d" % (far_ahead + 10**9),
        ":1:page-cache:tag:edition:3": b"%d" % (far_ahead + 10**9),
    }


def test_a_first_edit_takes_the_time_as_its_version():
    redis = FakeRedis({})
    version = publish_edit(redis, 3)
    assert abs(version - time.time_ns()) < 60 * 10**9
    assert redis.values[":1:page-cache:tag:edition:3"] == b"%d" % version


def test_pretalx_config_points_at_the_database_redis_and_folders(tmp_path):
    config = pretalx_config(
        tmp_path,
        tmp_path / "static",
        "http://127.0.0.1:8123",
        "postgresql://postgres@127.0.0.1:5432/compare_pretalx_abc",
        "redis://127.0.0.1:6379/14",
    )
    assert "backend = postgresql\nname = compare_pretalx_abc\nuser = postgres\n" in config
    assert "host = 127.0.0.1\nport = 5432\n" in config
    assert "location = redis://127.0.0.1:6379/14\n" in config
    assert "debug = False\nurl = http://127.0.0.1:8123\n" in config
    assert f"static = {tmp_path / 'static'}\n" in config
