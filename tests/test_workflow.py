"""A programme editor's change to a published session waits for a moderator's review.

The public page and the calendar feeds keep the published version until a moderator
approves; approving publishes it, and requesting changes sends it back.
"""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

from sessions.roles import (
    MODERATORS,
    PROGRAMME_EDITORS,
    PROGRAMME_REVIEW,
    open_agenda_to_programme_team,
)
from tests.calendars import events_by_icalendar
from tests.factories import SessionPageFactory, SpeakerFactory, london
from tests.pages import soup
from tests.roles import client_for, editor_form_data, member_of

pytestmark = pytest.mark.slow

OLD, NEW = "Marketplace adverts", "Marketplace adverts and payment firms"


@pytest.fixture
def session(edition, agenda, speakers_page):
    open_agenda_to_programme_team(agenda=agenda)
    return SessionPageFactory(
        parent=agenda,
        title=OLD,
        speakers=[SpeakerFactory(name="Tania McCrea-Steele")],
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )


@pytest.fixture
def editor(db):
    return client_for(member_of(PROGRAMME_EDITORS, "pat"))


@pytest.fixture
def moderator(db):
    return client_for(member_of(MODERATORS, "mo"))


def submit_change(client, session, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[session.pk])
    data = editor_form_data(client, url)
    data.update(fields)
    data["action-submit"] = "submit"
    response = client.post(url, data)
    assert response.status_code == 302
    return WorkflowState.objects.get(base_content_type__model="page", object_id=str(session.pk))


def workflow_action(client, session, task_state, action, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[session.pk, action, task_state.pk])
    return client.post(url, data)


def public_titles(client, edition, session):
    """The session's title on its page and in the agenda's calendar feed."""
    page_title = soup(client.get(session.url)).find("h1").get_text(strip=True)
    feed = client.get(reverse("calendar-agenda", args=[edition.pk]))
    (event,) = events_by_icalendar(feed.content).values()
    return page_title, event["summary"], feed["ETag"]


def test_submitted_change_waits_for_review_then_goes_live_when_approved(
    client, edition, session, editor, moderator
):
    _, _, etag_before = public_titles(client, edition, session)
    state = submit_change(editor, session, title=NEW)
    assert state.workflow.name == PROGRAMME_REVIEW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Moderators' review"
    assert public_titles(client, edition, session) == (OLD, OLD, etag_before)
    (notice,) = mail.outbox  # Wagtail tells the moderators
    assert notice.to == ["mo@example.com"]
    assert NEW in notice.subject

    # The moderator finds it waiting on their dashboard and approves it.
    dashboard = soup(moderator.get(reverse("wagtailadmin_home")))
    assert NEW in dashboard.get_text()
    response = workflow_action(moderator, session, state.current_task_state, "approve")
    assert response.status_code == 302

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page_title, feed_title, etag_after = public_titles(client, edition, session)
    assert (page_title, feed_title) == (NEW, NEW)
    assert etag_after != etag_before


def test_editor_cannot_approve_their_own_change(client, edition, session, editor):
    state = submit_change(editor, session, title=NEW)
    workflow_action(editor, session, state.current_task_state, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert public_titles(client, edition, session)[:2] == (OLD, OLD)


def test_moderator_requests_changes_and_the_old_version_stays(
    client, edition, session, editor, moderator
):
    state = submit_change(editor, session, title=NEW)
    response = workflow_action(
        moderator, session, state.current_task_state, "reject", comment="Name the firms."
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Name the firms."
    assert public_titles(client, edition, session)[:2] == (OLD, OLD)

    # The editor revises and resubmits; the review starts again.
    state = submit_change(editor, session, title=f"{NEW} (named)")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_session_locked_in_review_cannot_be_edited_by_another_programme_editor(session, editor):
    submit_change(editor, session, title=NEW)
    other = client_for(member_of(PROGRAMME_EDITORS, "sam"))
    url = reverse("wagtailadmin_pages:edit", args=[session.pk])
    data = editor_form_data(other, url)
    data.update({"title": "Someone else's idea", "action-submit": "submit"})
    response = other.post(url, data)
    assert response.status_code == 200
    assert "The page could not be saved as it is locked" in soup(response).get_text()
    session.refresh_from_db()
    assert session.get_latest_revision_as_object().title == NEW
