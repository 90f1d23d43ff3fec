"""Reading the site's calendars back with three independent parsers, as clients would.

- icalendar: the Python library the site writes with;
- ical: a strict, validating Python parser (rejects what RFC 5545 forbids);
- ical.js: the parser inside Mozilla Thunderbird, run with Node.js.
"""

import atexit
import json
import os
import selectors
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

ROOT = Path(__file__).resolve().parent.parent
ICALJS_SCRIPT = ROOT / "tests" / "calendar_clients" / "parse_with_icaljs.mjs"


def events_by_icalendar(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    return {
        str(event["UID"]): {
            "start": event.start.astimezone(UTC),
            "end": event.end.astimezone(UTC),
            "summary": str(event["SUMMARY"]),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS", "")),
            "location": str(event.get("LOCATION", "")),
        }
        for event in calendar.walk("VEVENT")
    }


def events_by_ical(body: bytes):
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    return {
        event.uid: {
            "start": event.dtstart.astimezone(UTC),
            "end": event.dtend.astimezone(UTC),
            "summary": event.summary,
            "sequence": event.sequence or 0,
            "status": event.status.value if event.status else "",
            "location": event.location or "",
        }
        for event in calendar.events
    }


def icaljs_available():
    return shutil.which("node") and (ROOT / "node_modules" / "ical.js").is_dir()


class IcalJs:
    """One Node.js process running ical.js for every calendar this test process reads."""

    process = None
    TIMEOUT = 60

    @classmethod
    def parse(cls, body: bytes) -> dict:
        if cls.process is None:
            cls.process = subprocess.Popen(
                ["node", str(ICALJS_SCRIPT)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=ROOT,
                encoding="utf-8",
            )
            atexit.register(cls.stop)
        try:
            cls.process.stdin.write(json.dumps(body.decode("utf-8")) + "\n")
            cls.process.stdin.flush()
            answer = cls._read_line()
        except BaseException:
            cls.stop(kill=True)  # out of step with its input: the next calendar starts afresh
            raise
        result = json.loads(answer)
        if "error" in result:
            raise ValueError(f"ical.js cannot read the calendar: {result['error']}")
        return result

    @classmethod
    def _read_line(cls):
        with selectors.DefaultSelector() as selector:
            selector.register(cls.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=cls.TIMEOUT):
                raise TimeoutError(f"ical.js gave no answer in {cls.TIMEOUT} s")
        answer = cls.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"ical.js stopped (exit code {cls.process.wait(timeout=10)})")
        return answer

    @classmethod
    def stop(cls, kill=False):
        """Node stops at the end of its input."""
        if cls.process is None:
            return
        process, cls.process = cls.process, None
        if kill:
            process.kill()
        process.stdin.close()
        process.wait(timeout=10)
        process.stdout.close()


def parse_with_icaljs(body: bytes) -> dict:
    if not icaljs_available():
        if os.environ.get("CI"):
            pytest.fail("CI must install Node.js and run `npm ci` for the ical.js parser")
        pytest.skip("Node.js and `npm ci` are needed to read calendars with ical.js")
    return IcalJs.parse(body)


def events_by_icaljs(body: bytes):
    def utc(text):
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)

    return {
        event["uid"]: {
            "start": utc(event["start"]),
            "end": utc(event["end"]),
            "summary": event["summary"],
            "sequence": event["sequence"] or 0,
            "status": event["status"] or "",
            "location": event["location"] or "",
        }
        for event in parse_with_icaljs(body)["events"]
    }


def events_by_every_parser(body: bytes):
    """The events as each parser reads them; the three must agree on every field."""
    readings = {
        "icalendar": events_by_icalendar(body),
        "ical": events_by_ical(body),
        "ical.js": events_by_icaljs(body),
    }
    first = readings["icalendar"]
    for parser, events in readings.items():
        assert events == first, f"{parser} reads the calendar differently"
    return first
