"""Structured logs: in production one JSON object per line on stderr, private links hidden."""

import json
import logging
import sys

import pytest

from django.test import RequestFactory

from config.logs import JsonFormatter, logging_config
from tests.test_settings import PRODUCTION_ENV, python, refusal

SECRET_PATH = "/registration/manage/ABCD2345/s3cr3t-t0ken-value/"


def record(message="Not Found: %s", args=(SECRET_PATH,), name="django.request", **extra):
    log_record = logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)
    log_record.__dict__.update(extra)
    return log_record


def as_json(log_record):
    return json.loads(JsonFormatter().format(log_record))


def test_json_log_format_writes_time_level_logger_and_message():
    line = JsonFormatter().format(record(message="Seat freed for %s", args=("IWT 2027",)))
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["level"] == "WARNING"
    assert fields["logger"] == "django.request"
    assert fields["message"] == "Seat freed for IWT 2027"
    assert fields["time"].endswith("Z") and "T" in fields["time"]


def test_json_log_format_includes_the_exception_text():
    try:
        raise RuntimeError("the mail server said no")
    except RuntimeError:
        exc_info = sys.exc_info()
    log_record = record(message="Sending failed", args=())
    log_record.exc_info = exc_info
    fields = as_json(log_record)
    assert "Traceback" in fields["exception"]
    assert "RuntimeError: the mail server said no" in fields["exception"]


def test_json_log_format_includes_request_fields_without_link_secrets():
    request = RequestFactory().get(SECRET_PATH, headers={"user-agent": "probe"})
    fields = as_json(record(request=request, status_code=404))
    assert fields["method"] == "GET"
    assert fields["path"] == "/registration/manage/ABCD2345/…/"
    assert fields["status"] == 404
    assert "s3cr3t" not in json.dumps(fields)


def test_json_log_format_writes_gunicorn_access_lines_in_the_same_shape():
    atoms = {
        "h": "10.0.0.7",
        "m": "GET",
        "U": SECRET_PATH,
        "q": "",
        "H": "HTTP/1.1",
        "s": "200",
        "B": 5120,
        "D": 12500,
        "a": "Thunderbird",
        "r": f"GET {SECRET_PATH} HTTP/1.1",
        "{x-forwarded-for}i": "203.0.113.9",
    }
    fields = as_json(record(name="gunicorn.access", message='%(h)s "%(r)s" %(s)s', args=(atoms,)))
    assert fields["logger"] == "gunicorn.access"
    assert fields["method"] == "GET"
    assert fields["path"] == "/registration/manage/ABCD2345/…/"
    assert fields["status"] == 200
    assert fields["bytes"] == 5120
    assert fields["duration_ms"] == 12.5
    assert fields["remote_addr"] == "10.0.0.7"
    assert fields["forwarded_for"] == "203.0.113.9"
    assert fields["user_agent"] == "Thunderbird"
    assert fields["message"] == "GET /registration/manage/ABCD2345/…/ 200"
    assert "s3cr3t" not in json.dumps(fields)


def test_logging_config_keeps_the_link_secret_filter_on_every_handler():
    for log_format in ("json", "text"):
        config = logging_config(log_format, "INFO")
        for handler in config["handlers"].values():
            assert "hide_link_secrets" in handler["filters"]


PROBE = (
    "from django.conf import settings; from django.utils.log import configure_logging; "
    "configure_logging(settings.LOGGING_CONFIG, settings.LOGGING); import logging; "
    "logging.getLogger('django.request').warning('Not Found: %s', "
    f"'{SECRET_PATH}')"
)


@pytest.mark.slow
def test_production_logs_json_lines_on_stderr():
    result = python(PROBE, PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert {"level": "WARNING", "logger": "django.request"}.items() <= lines[-1].items()
    assert lines[-1]["message"] == "Not Found: /registration/manage/ABCD2345/…/"


@pytest.mark.slow
def test_production_logs_text_when_asked():
    env = {**PRODUCTION_ENV, "DJANGO_LOG_FORMAT": "text"}
    result = python(PROBE, env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "Not Found: /registration/manage/ABCD2345/…/"


@pytest.mark.slow
def test_production_refuses_an_unknown_log_format():
    stderr = refusal({**PRODUCTION_ENV, "DJANGO_LOG_FORMAT": "xml"})
    assert "DJANGO_LOG_FORMAT must be json or text, not 'xml'" in stderr
