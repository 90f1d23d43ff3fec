"""E-mail backends for development and the demo: each message as a person reads it.

Django's own console and file backends write the raw message, whose transfer encoding
breaks long lines (links included) with "=" at the ends. These write the headers that
matter, the plain-text part as it is, and a line for each other part.
"""

from django.core.mail.backends import console, filebased


def readable(message):
    lines = [
        f"From: {message.from_email}",
        f"To: {', '.join(message.to)}",
        f"Subject: {message.subject}",
        "",
        message.body.rstrip(),
        "",
    ]
    lines += [f"[{mimetype} version]" for _, mimetype in getattr(message, "alternatives", [])]
    lines += [
        f"[attachment: {attachment[0]}]"
        for attachment in message.attachments
        if isinstance(attachment, tuple)
    ]
    return "\n".join(lines) + "\n" + "-" * 79 + "\n"


class ReadableConsoleBackend(console.EmailBackend):
    def write_message(self, message):
        self.stream.write(readable(message))


class ReadableFileBackend(filebased.EmailBackend):
    def write_message(self, message):
        self.stream.write(readable(message).encode())
