"""Keep the secrets in private links out of the logs."""

import logging
import re

SECRET_IN_PATH = re.compile(
    r"(?P<page>/(?:manage/[A-Z2-9]+|confirm|calendar/personal/[A-Z2-9]+)/)[A-Za-z0-9_=-]+"
)


def hide_secrets(text):
    return SECRET_IN_PATH.sub(r"\g<page>…", text)


class HideLinkSecrets(logging.Filter):
    """Log lines about a private page (Not Found, Bad Request, request lines) name the
    page, never its token."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = hide_secrets(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                hide_secrets(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True
