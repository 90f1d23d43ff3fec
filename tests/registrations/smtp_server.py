"""A real SMTP server (aiosmtpd) that stores what it receives in a Maildir.

It runs in a thread of this process (aiosmtpd's Controller), so starting and stopping it
takes milliseconds: the site still talks SMTP to it over a socket. Stopped, its port refuses
connections, as a mail server that is down does.
"""

import mailbox
import shutil
import socket
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self, port, mail_dir):
        self.port = port
        self.mail_dir = mail_dir
        self.controller = None

    def start(self):
        self.controller = Controller(
            Mailbox(self.mail_dir), hostname="127.0.0.1", port=self.port, ready_timeout=15
        )
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def forget_messages(self):
        shutil.rmtree(self.mail_dir, ignore_errors=True)

    def messages(self):
        """The received messages, oldest first, as email.message.EmailMessage objects."""
        box = mailbox.Maildir(self.mail_dir, create=True)
        stored = sorted(box.iteritems(), key=lambda item: item[1].get_date())
        return [
            message_from_bytes(message.as_bytes(), policy=policy.default) for _, message in stored
        ]


@contextmanager
def running(server):
    server.start()
    try:
        yield server
    finally:
        server.stop()
