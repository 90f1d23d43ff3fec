from datetime import UTC, date, datetime

import pytest

from conference.timezones import (
    NonexistentLocalTime,
    local_day_bounds,
    local_to_utc,
    utc_to_local,
)


def test_local_to_utc_in_british_summer_time_is_one_hour_behind():
    assert local_to_utc(datetime(2027, 10, 11, 9, 0), "Europe/London") == datetime(
        2027, 10, 11, 8, 0, tzinfo=UTC
    )


def test_local_to_utc_in_winter_equals_utc():
    assert local_to_utc(datetime(2027, 11, 11, 9, 0), "Europe/London") == datetime(
        2027, 11, 11, 9, 0, tzinfo=UTC
    )


def test_local_to_utc_reads_a_repeated_hour_as_its_first_occurrence():
    # The clocks go back at 02:00 BST on 31 October 2027, so 01:30 happens twice.
    assert local_to_utc(datetime(2027, 10, 31, 1, 30), "Europe/London") == datetime(
        2027, 10, 31, 0, 30, tzinfo=UTC
    )


def test_local_to_utc_rejects_a_skipped_time():
    with pytest.raises(NonexistentLocalTime, match="does not exist in Europe/London"):
        local_to_utc(datetime(2027, 3, 28, 1, 30), "Europe/London")


def test_local_to_utc_rejects_an_aware_datetime():
    with pytest.raises(ValueError):
        local_to_utc(datetime(2027, 10, 11, 9, 0, tzinfo=UTC), "Europe/London")


def test_utc_to_local_round_trips():
    moment = datetime(2027, 10, 11, 8, 0, tzinfo=UTC)
    local = utc_to_local(moment, "Europe/London")
    assert (local.hour, local.utcoffset().total_seconds()) == (9, 3600)
    assert local == moment


def test_local_day_bounds_follow_the_zone():
    assert local_day_bounds(date(2027, 10, 11), "Europe/London") == (
        datetime(2027, 10, 10, 23, 0, tzinfo=UTC),
        datetime(2027, 10, 11, 23, 0, tzinfo=UTC),
    )
