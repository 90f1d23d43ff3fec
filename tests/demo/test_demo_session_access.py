"""The demo marks sessions under the Chatham House Rule and closed ones, as its registration
terms promise (tests/demo/conftest.py builds the demo once for this module)."""

from collections import Counter

from conference.models import ConferencePage
from registrations.models import RegistrationPage
from sessions.models import SessionPage
from tests.pages import soup, texts


def test_the_demo_has_sessions_of_each_access(demo):
    sessions = SessionPage.objects.live().descendant_of(ConferencePage.objects.get())
    assert Counter(sessions.values_list("access", flat=True)) == {
        "open": sessions.count() - 4,
        "chatham_house": 2,
        "closed": 2,
    }
    assert set(sessions.filter(access="closed").values_list("access_note", flat=True)) == {
        "Law enforcement and customs only",
        "Invited platform trust-and-safety teams",
    }
    assert not sessions.exclude(access="closed").exclude(access_note="").exists()


def test_the_demo_agenda_marks_what_the_registration_terms_promise(client, demo):
    terms = RegistrationPage.objects.get().terms
    assert "Sessions under the Chatham House Rule are marked on the agenda" in terms
    agenda = SessionPage.objects.live().first().get_parent()
    badges = texts(soup(client.get(agenda.url)).select(".badge--access"))
    assert Counter(badges) == {
        "Chatham House Rule": 2,
        "Closed: Law enforcement and customs only": 1,
        "Closed: Invited platform trust-and-safety teams": 1,
    }
