"""The one place that converts between an edition's local time and UTC.

Organisers enter and visitors read times in the edition's own zone; the database keeps UTC.
Neither the server's TIME_ZONE nor an organiser's Wagtail time-zone preference takes part.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped when the clocks go forward."""


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]


def local_to_utc(local: datetime, zone_name: str) -> datetime:
    """Read a naive wall-clock time in `zone_name` and return it as an aware UTC datetime.

    A time that occurs twice (when the clocks go back) is read as its first occurrence;
    a time that never occurs (when the clocks go forward) raises NonexistentLocalTime.
    """
    if local.tzinfo is not None:
        raise ValueError("local_to_utc expects a naive wall-clock time")
    zone = ZoneInfo(zone_name)
    aware = local.replace(tzinfo=zone, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != local.replace(fold=0):
        raise NonexistentLocalTime(
            f"{local:%d %B %Y %H:%M} does not exist in {zone_name}: the clocks go forward then."
        )
    return aware.astimezone(UTC)


def utc_to_local(moment: datetime, zone_name: str) -> datetime:
    """Return an aware datetime as an aware datetime in `zone_name`."""
    if moment.tzinfo is None:
        raise ValueError("utc_to_local expects an aware datetime")
    return moment.astimezone(ZoneInfo(zone_name))


def local_day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """The UTC instants at which a local calendar day starts and the next one starts."""
    start = local_to_utc(datetime.combine(day, time.min), zone_name)
    end = local_to_utc(datetime.combine(day + timedelta(days=1), time.min), zone_name)
    return start, end
