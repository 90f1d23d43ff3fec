"""Reading the e-mails the tests send: links, attachments and text."""

import re

from django.core import mail

LINK = re.compile(r"https?://[^\s\"<>]+")


def links_in(message):
    return LINK.findall(message.body)


def link_to(message, marker):
    """The first link in the text part that contains `marker` (e.g. "/confirm/")."""
    return next(link for link in links_in(message) if marker in link)


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def register_data(**overrides):
    data = {
        "name": "Amina Okafor",
        "email": "amina@example.org",
        "organisation": "Kenya Wildlife Service",
        "job_title": "Intelligence analyst",
        "sector": "law_enforcement",
        "country": "KE",
        "dietary_needs": "",
        "accessibility_needs": "",
        "privacy_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data
