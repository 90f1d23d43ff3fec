import logging
from contextlib import contextmanager


@contextmanager
def quiet_logs(quiet):
    """Hold back the per-object info logs of Wagtail and the tasks framework."""
    loggers = (
        [logging.getLogger(name) for name in ("wagtail", "django.tasks", "django_tasks")]
        if quiet
        else []
    )
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
