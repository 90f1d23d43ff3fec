"""A real SMTP server process (aiosmtpd) that stores what it receives in a Maildir."""

import mailbox
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from email import message_from_bytes, policy


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self, port, mail_dir):
        self.port = port
        self.mail_dir = mail_dir
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "--nosetuid",
                "--listen",
                f"127.0.0.1:{self.port}",
                "--class",
                "aiosmtpd.handlers.Mailbox",
                str(self.mail_dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"aiosmtpd stopped: {self.process.stderr.read().decode()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("aiosmtpd did not start listening")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process.stderr.close()
        self.process = None

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
