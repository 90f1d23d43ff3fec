"""Log configuration: plain text for people (development), JSON lines for machines
(production, `DJANGO_LOG_FORMAT=json`): one object per record on stderr, with time, level,
logger, message, the request's method, path and status where the record has them, and the
exception text. gunicorn's access lines come out in the same shape.

Private links never reach the logs: the `hide_link_secrets` filter sits on every handler,
and the paths this formatter adds are cleaned the same way."""

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("json", "text")


def _hide_secrets(text):
    # Imported late: gunicorn reads this module before Django is set up.
    from registrations.log_filters import hide_secrets

    return hide_secrets(text)


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class JsonFormatter(logging.Formatter):
    def format(self, record):
        fields = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            fields.update(self._access_fields(record.args))
        else:
            fields["message"] = _hide_secrets(record.getMessage())
            fields.update(self._request_fields(record))
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            fields["exception"] = record.exc_text
        if record.stack_info:
            fields["stack"] = self.formatStack(record.stack_info)
        return json.dumps(fields, ensure_ascii=False, default=str)

    @staticmethod
    def _request_fields(record):
        fields = {}
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            fields["method"] = request.method
            fields["path"] = _hide_secrets(request.path)
        status = _number(getattr(record, "status_code", None))
        if status is not None:
            fields["status"] = status
        return fields

    @staticmethod
    def _access_fields(atoms):
        def atom(key):
            value = atoms.get(key)
            return None if value in (None, "-", "") else value

        path = _hide_secrets(atom("U") or "")
        status = _number(atom("s"))
        duration = _number(atom("D"))
        fields = {
            "message": f"{atom('m')} {path} {atom('s')}",
            "method": atom("m"),
            "path": path,
            "protocol": atom("H"),
            "status": status,
            "bytes": _number(atom("B")),
            "duration_ms": None if duration is None else duration / 1000,
            "remote_addr": atom("h"),
            "forwarded_for": atom("{x-forwarded-for}i"),
            "request_id": atom("{x-request-id}i"),
            "user_agent": atom("a"),
        }
        return {key: value for key, value in fields.items() if value is not None}


class TextFormatter(logging.Formatter):
    """The message alone, as Django writes it; gunicorn's access lines without the query
    string or private links."""

    def format(self, record):
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            fields = JsonFormatter._access_fields(record.args)
            return (
                f'{fields.get("remote_addr", "-")} "{fields["method"]} {fields["path"]} '
                f'{fields.get("protocol", "-")}" {fields.get("status", "-")} '
                f"{fields.get('bytes', '-')} {fields.get('duration_ms', '-')}ms"
            )
        return super().format(record)


def logging_config(log_format, level):
    """Django's LOGGING for this format; `level` is the root logger's."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(
            f"DJANGO_LOG_FORMAT must be {' or '.join(LOG_FORMATS)}, not {log_format!r}."
        )
    json_lines = log_format == "json"
    console = {
        "class": "logging.StreamHandler",
        "formatter": log_format,
        "filters": ["hide_link_secrets"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"hide_link_secrets": {"()": "registrations.log_filters.HideLinkSecrets"}},
        "formatters": {
            "json": {"()": "config.logs.JsonFormatter"},
            "text": {"()": "config.logs.TextFormatter"},
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            },
        },
        "handlers": {
            "console": console,
            # runserver's request lines, as Django writes them, less the secrets.
            "django.server": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "django.server",
                "filters": ["hide_link_secrets"],
            },
        },
        "loggers": {
            "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}
        },
        "root": {"handlers": ["console"], "level": level},
    }


def gunicorn_logging_config(log_format, access=True):
    """gunicorn's own loggers (errors, and access lines unless `access` is false) on stderr,
    in the same format as the application's."""
    config = logging_config(log_format, "INFO")
    del config["formatters"]["django.server"]
    stderr = {**config["handlers"]["console"], "stream": "ext://sys.stderr"}
    return {
        **config,
        "handlers": {"gunicorn": stderr},
        "loggers": {
            "gunicorn.error": {"handlers": ["gunicorn"], "level": "INFO", "propagate": False},
            "gunicorn.access": {
                "handlers": ["gunicorn"],
                "level": "INFO" if access else "WARNING",
                "propagate": False,
            },
        },
        "root": {"handlers": ["gunicorn"], "level": "INFO"},
    }
