"""Each organisers' group can do its work in the admin, and nothing else.

A refusal in Wagtail's admin, for pages, snippets, settings and users alike, sends the
member to the dashboard with "Sorry, you do not have permission to access this area.".
"""

import importlib
import json

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)

from sessions.models import AgendaPage, SessionPage
from sessions.roles import (
    MODERATORS,
    ORGANISERS,
    PROGRAMME_EDITORS,
    PROGRAMME_REVIEW,
    open_agenda_to_programme_team,
)
from speakers.models import Speaker
from tests.factories import (
    ContentPageFactory,
    RegistrationFactory,
    RegistrationPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
)
from tests.pages import soup
from tests.roles import client_for, editor_form_data, member_of, page_permissions

DENIED = "Sorry, you do not have permission to access this area."
REGISTRATIONS = reverse("wagtailsnippets_registrations_registration:list")
SPEAKERS = reverse("wagtailsnippets_speakers_speaker:list")
ADD_SPEAKER = reverse("wagtailsnippets_speakers_speaker:add")
TRACKS = reverse("wagtailsnippets_agenda_track:list")
ROOMS = reverse("wagtailsnippets_conference_room:list")
NAVIGATION = reverse("wagtailsettings:edit", args=["conference", "navigationsettings"])
USERS = reverse("wagtailusers_users:index")
WORKFLOWS = reverse("wagtailadmin_workflows:index")
IMAGES = reverse("wagtailimages:index")


@pytest.fixture
def programme(edition, agenda):
    open_agenda_to_programme_team(agenda=agenda)
    session = SessionPageFactory(parent=agenda, title="Marketplace adverts")
    about = ContentPageFactory(parent=edition, title="About the conference")
    return {"agenda": agenda, "session": session, "about": about}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(parent, app_label, model):
    return reverse("wagtailadmin_pages:add", args=[app_label, model, parent.pk])


def assert_sent_home_with_refusal(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(response["Location"])
    assert DENIED in [str(message).strip() for message in home.context["messages"]]


def post_edit(client, page, action, **fields):
    data = editor_form_data(client, edit_url(page))
    data.update(fields)
    data[action] = action.removeprefix("action-")
    return client.post(edit_url(page), data)


def permission_names(group_name):
    permissions = Group.objects.get(name=group_name).permissions.select_related("content_type")
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)


def collection_permissions(group_name):
    rows = GroupCollectionPermission.objects.filter(group__name=group_name)
    return sorted(
        (row.collection.name, f"{row.permission.content_type.app_label}.{row.permission.codename}")
        for row in rows.select_related("collection", "permission__content_type")
    )


# The groups the migration makes


def test_the_four_organisers_groups_exist(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {ORGANISERS, PROGRAMME_EDITORS, MODERATORS, "Registration desk"} <= names


def test_programme_editors_hold_the_programme_and_nothing_else(db):
    assert permission_names(PROGRAMME_EDITORS) == [
        "agenda.add_track",
        "agenda.change_track",
        "agenda.view_track",
        "conference.add_organisation",
        "conference.add_room",
        "conference.change_organisation",
        "conference.change_room",
        "conference.view_organisation",
        "conference.view_room",
        "conference.view_venue",
        "speakers.add_speaker",
        "speakers.change_speaker",
        "speakers.lock_speaker",
        "speakers.publish_speaker",
        "speakers.view_speaker",
        "wagtailadmin.access_admin",
    ]
    assert collection_permissions(PROGRAMME_EDITORS) == [
        ("Root", "wagtailimages.add_image"),
        ("Root", "wagtailimages.choose_image"),
    ]
    assert page_permissions(PROGRAMME_EDITORS) == []  # until an agenda page is opened to them


def test_moderators_hold_only_admin_access_and_the_choosers_until_an_agenda_exists(db):
    assert permission_names(MODERATORS) == ["wagtailadmin.access_admin"]
    assert collection_permissions(MODERATORS) == [
        ("Root", "wagtaildocs.choose_document"),
        ("Root", "wagtailimages.choose_image"),
    ]
    assert page_permissions(MODERATORS) == []


def test_organisers_hold_every_page_snippet_image_and_registration_but_not_users(db):
    names = permission_names(ORGANISERS)
    for model in [
        "agenda.track",
        "conference.room",
        "conference.venue",
        "conference.organisation",
    ]:
        app_label, model_name = model.split(".")
        for action in ["add", "change", "delete", "view"]:
            assert f"{app_label}.{action}_{model_name}" in names
    for action in ["add", "change", "delete", "view", "publish", "lock", "unlock"]:
        assert f"speakers.{action}_speaker" in names
    assert "registrations.view_registration" in names
    assert "registrations.change_registration" in names
    assert "registrations.add_registration" not in names  # the desk never adds or deletes
    assert "conference.change_navigationsettings" in names
    assert not [name for name in names if name.startswith(("auth.", "wagtailusers."))]
    assert page_permissions(ORGANISERS) == [
        ("Root", codename)
        for codename in [
            "add_page",
            "bulk_delete_page",
            "change_page",
            "lock_page",
            "publish_page",
            "unlock_page",
        ]
    ]
    assert ("Root", "wagtailimages.delete_image") in collection_permissions(ORGANISERS)
    assert ("Root", "wagtaildocs.delete_document") in collection_permissions(ORGANISERS)


def test_opening_an_agenda_grants_it_to_programme_editors_and_moderators(programme):
    agenda = programme["agenda"]
    assert page_permissions(PROGRAMME_EDITORS) == [
        ("Agenda", "add_page"),
        ("Agenda", "change_page"),
    ]
    assert page_permissions(MODERATORS) == [
        ("Agenda", "change_page"),
        ("Agenda", "lock_page"),
        ("Agenda", "publish_page"),
        ("Agenda", "unlock_page"),
    ]
    assert WorkflowPage.objects.get(page=agenda).workflow.name == PROGRAMME_REVIEW
    open_agenda_to_programme_team(agenda=agenda)  # twice changes nothing
    assert GroupPagePermission.objects.filter(page=agenda).count() == 6


def test_migration_opens_existing_agendas_and_reverses(agenda):
    migration = importlib.import_module("conference.migrations.0004_organiser_roles")
    migration.remove_roles(apps, None)
    assert not Group.objects.filter(name__in=[ORGANISERS, PROGRAMME_EDITORS]).exists()
    assert not WorkflowPage.objects.filter(page=agenda).exists()
    assert page_permissions(MODERATORS) == [
        ("Root", codename)
        for codename in ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"]
    ]  # as Wagtail made the group

    migration.create_roles(apps, None)
    assert WorkflowPage.objects.get(page=agenda).workflow.name == PROGRAMME_REVIEW
    assert page_permissions(PROGRAMME_EDITORS) == [
        ("Agenda", "add_page"),
        ("Agenda", "change_page"),
    ]
    assert ("Agenda", "publish_page") in page_permissions(MODERATORS)
    assert ("Root", "publish_page") not in page_permissions(MODERATORS)


# New agenda pages are opened when they are made in the admin


def test_an_agenda_added_in_the_admin_is_opened_to_the_programme_team(edition):
    organiser = client_for(member_of(ORGANISERS, "olu"))
    url = add_url(edition, "agenda", "agendapage")
    data = editor_form_data(organiser, url)
    data.update({"title": "Programme", "slug": "programme", "action-publish": "publish"})
    response = organiser.post(url, data)
    assert response.status_code == 302
    agenda = AgendaPage.objects.get(slug="programme")
    assert WorkflowPage.objects.get(page=agenda).workflow.name == PROGRAMME_REVIEW
    assert ("Programme", "add_page") in page_permissions(PROGRAMME_EDITORS)


def test_a_copied_editions_agenda_is_opened_to_the_programme_team(edition, agenda):
    organiser = client_for(member_of(ORGANISERS, "olu"))
    url = reverse("wagtailadmin_pages:copy", args=[edition.pk])
    response = organiser.post(
        url,
        {
            "new_title": "IWT Conference 2028",
            "new_slug": "iwt-2028",
            "new_parent_page": str(edition.get_parent().pk),
            "copy_subpages": "on",
        },
    )
    assert response.status_code == 302
    copied = AgendaPage.objects.exclude(pk=agenda.pk).get()
    assert copied.get_parent().title == "IWT Conference 2028"
    assert WorkflowPage.objects.get(page=copied).workflow.name == PROGRAMME_REVIEW
    assert (
        GroupPagePermission.objects.filter(page=copied, group__name=PROGRAMME_EDITORS).count() == 2
    )


# Programme editors


@pytest.mark.slow
def test_programme_editor_edits_a_session_and_submits_it_for_review(programme):
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    session = programme["session"]
    response = post_edit(editor, session, "action-submit", title="Marketplace adverts, revised")
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Marketplace adverts"  # the live page waits for review
    assert session.get_latest_revision_as_object().title == "Marketplace adverts, revised"
    assert session.current_workflow_state.workflow.name == PROGRAMME_REVIEW


@pytest.mark.slow
def test_programme_editor_cannot_publish_a_session(programme):
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    session = programme["session"]
    form = editor.get(edit_url(session))
    assert 'name="action-publish"' not in form.content.decode()
    post_edit(editor, session, "action-publish", title="Published without review")
    session.refresh_from_db()
    assert session.title == "Marketplace adverts"
    assert session.has_unpublished_changes


@pytest.mark.slow
def test_programme_editor_adds_a_session_to_the_agenda(programme):
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    url = add_url(programme["agenda"], "agenda", "sessionpage")
    data = editor_form_data(editor, url)
    data.update(
        {
            "title": "Tracing ivory online",
            "slug": "tracing-ivory-online",
            "start": "2027-10-11 14:00",
            "end": "2027-10-11 15:00",
        }
    )
    assert editor.post(url, data).status_code == 302
    added = SessionPage.objects.get(slug="tracing-ivory-online")
    assert not added.live
    assert added.owner.username == "pat"


@pytest.mark.slow
def test_programme_editor_cannot_touch_pages_outside_the_agenda(programme, edition):
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    assert_sent_home_with_refusal(editor, edit_url(programme["about"]))
    assert_sent_home_with_refusal(editor, edit_url(edition))
    assert_sent_home_with_refusal(editor, add_url(edition, "conference", "contentpage"))


@pytest.mark.slow
def test_programme_editor_creates_a_speaker_and_edits_tracks_and_rooms(programme, edition):
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    data = editor_form_data(editor, ADD_SPEAKER, form_id="w-editor-form")
    data.update({"name": "Ama Mensah", "slug": "ama-mensah", "action-publish": "publish"})
    assert editor.post(ADD_SPEAKER, data).status_code == 302
    assert Speaker.objects.get(slug="ama-mensah").live
    track = TrackFactory(edition=edition)
    assert (
        editor.get(reverse("wagtailsnippets_agenda_track:edit", args=[track.pk])).status_code
        == 200
    )
    assert editor.get(ROOMS).status_code == 200


@pytest.mark.slow
def test_programme_editor_cannot_delete_speakers_or_reach_registrations(programme, edition):
    editor = client_for(member_of(PROGRAMME_EDITORS, "pat"))
    speaker = SpeakerFactory()
    assert_sent_home_with_refusal(
        editor, reverse("wagtailsnippets_speakers_speaker:delete", args=[speaker.pk])
    )
    registration = RegistrationFactory(edition=edition)
    for url in [
        REGISTRATIONS,
        reverse("wagtailsnippets_registrations_registration:edit", args=[registration.pk]),
        NAVIGATION,
        USERS,
        WORKFLOWS,
    ]:
        assert_sent_home_with_refusal(editor, url)


# Moderators


@pytest.mark.slow
def test_moderator_publishes_agenda_changes_but_no_other_page(programme):
    moderator = client_for(member_of(MODERATORS, "mo"))
    session = programme["session"]
    response = post_edit(moderator, session, "action-publish", title="Marketplace adverts (room)")
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Marketplace adverts (room)"
    assert_sent_home_with_refusal(moderator, edit_url(programme["about"]))
    assert_sent_home_with_refusal(moderator, add_url(programme["agenda"], "agenda", "sessionpage"))


@pytest.mark.slow
def test_moderator_cannot_reach_snippets_registrations_or_settings(programme):
    moderator = client_for(member_of(MODERATORS, "mo"))
    for url in [SPEAKERS, TRACKS, REGISTRATIONS, NAVIGATION, USERS]:
        assert_sent_home_with_refusal(moderator, url)


# Registration desk


@pytest.mark.slow
def test_registration_desk_lists_registrations_and_edits_no_page(programme, edition):
    desk = client_for(member_of("Registration desk", "dee"))
    RegistrationPageFactory(parent=edition)
    assert desk.get(REGISTRATIONS).status_code == 200
    assert_sent_home_with_refusal(desk, edit_url(programme["session"]))
    assert_sent_home_with_refusal(desk, edit_url(programme["about"]))
    for url in [SPEAKERS, TRACKS, NAVIGATION, USERS]:
        assert_sent_home_with_refusal(desk, url)


# Organisers


@pytest.mark.slow
def test_organiser_publishes_any_page_directly(programme, edition):
    organiser = client_for(member_of(ORGANISERS, "olu"))
    for page, title in [
        (programme["session"], "Marketplace adverts: the evidence"),
        (programme["about"], "About IWT"),
        (edition, "IWT Conference 2027, London"),
    ]:
        assert post_edit(organiser, page, "action-publish", title=title).status_code == 302
        page = Page.objects.get(pk=page.pk)
        assert (page.title, page.live, page.has_unpublished_changes) == (title, True, False)
    assert programme["session"].current_workflow_state is None


@pytest.mark.slow
def test_organiser_reaches_snippets_registrations_settings_and_images(programme, edition):
    organiser = client_for(member_of(ORGANISERS, "olu"))
    speaker = SpeakerFactory()
    RegistrationPageFactory(parent=edition)
    for url in [
        SPEAKERS,
        reverse("wagtailsnippets_speakers_speaker:delete", args=[speaker.pk]),
        TRACKS,
        ROOMS,
        REGISTRATIONS,
        NAVIGATION,
        IMAGES,
        reverse("wagtaildocs:index"),
        add_url(edition, "conference", "contentpage"),
    ]:
        response = organiser.get(url, follow=True)
        assert response.status_code == 200, url
        assert reverse("wagtailadmin_home") not in [hop for hop, _ in response.redirect_chain]


def test_organiser_does_not_manage_users_or_workflows(programme):
    organiser = client_for(member_of(ORGANISERS, "olu"))
    for url in [USERS, WORKFLOWS, reverse("wagtailusers_groups:index")]:
        assert_sent_home_with_refusal(organiser, url)


def menu_labels(group_name, username):
    response = client_for(member_of(group_name, username)).get(reverse("wagtailadmin_home"))
    props = soup(response).find(id="wagtail-sidebar-props")
    return json.dumps(json.loads(props.string))


def test_each_group_sees_its_own_menu(programme):
    desk = menu_labels("Registration desk", "dee")
    assert '"Registrations"' in desk and '"Speakers"' not in desk
    editor = menu_labels(PROGRAMME_EDITORS, "pat")
    assert '"Speakers"' in editor and '"Tracks"' in editor and '"Registrations"' not in editor
    organiser = menu_labels(ORGANISERS, "olu")
    assert '"Speakers"' in organiser and '"Registrations"' in organiser
