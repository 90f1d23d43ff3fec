"""The organisers' registration desk in the admin: listing, export, actions, dashboard."""

import csv
import importlib
import io
import json
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

import openpyxl
import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from registrations import desk
from registrations.models import (
    EmailKind,
    OutgoingEmail,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)
from tests.factories import ConferencePageFactory, RegistrationPageFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_registrations_registration:list")
NOW = timezone.now()


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def desk_client(client):
    client.force_login(user_in("Registration desk", "desk"))
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(user_in("Editors", "editor"))
    return client


@pytest.fixture
def desk_page(edition):
    return RegistrationPageFactory(parent=edition, capacity=3, mode=RegistrationMode.OPEN)


def register(edition, name, status, *, minutes_ago=0, **fields):
    """A registration made directly in `status`; its address and name from `name`."""
    email = f"{name.split()[0].lower()}@example.org"
    at = NOW - timedelta(minutes=minutes_ago)
    defaults = {
        "organisation": "Wildlife Trust",
        "job_title": "Analyst",
        "sector": "ngo",
        "country": "GB",
        "created_at": at,
        "queued_at": at if status == RegistrationStatus.WAITLISTED else None,
    }
    return Registration.objects.create(
        edition=edition,
        name=name,
        email=email,
        email_key=email,
        status=status,
        **{**defaults, **fields},
    )


def listed_names(response):
    return [
        cell.get_text(strip=True)
        for cell in soup(response).select("tbody td.title .title-wrapper a")
    ]


def action_url(action, *registrations, **params):
    query = [("id", registration.pk) for registration in registrations]
    query += [("next", LIST_URL), *params.items()]
    url = reverse("wagtail_bulk_action", args=["registrations", "registration", action])
    return f"{url}?{urlencode(query)}"


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def status_of(registration):
    registration.refresh_from_db()
    return registration.status


# Listing, filters, search, counts


def test_desk_user_sees_registrations_with_their_columns(desk_client, edition):
    register(edition, "Amina Okafor", RegistrationStatus.CONFIRMED, country="KE")

    response = desk_client.get(LIST_URL)

    assert response.status_code == 200
    page = soup(response)
    headings = [th.get_text(" ", strip=True) for th in page.select("table.listing thead th")]
    for heading in ["Name", "E-mail", "Organisation", "Sector", "Country", "Status"]:
        assert heading in headings
    assert "Registered" in headings and "Reference" in headings
    row = page.select_one("table.listing tbody tr").get_text(" ", strip=True)
    assert "Amina Okafor" in row and "amina@example.org" in row
    assert "Kenya" in row and "Confirmed" in row and "NGO" in row


def test_registrations_have_their_own_menu_item_for_the_desk_only(client, edition):
    def menu_labels(user):
        client.force_login(user)
        props = soup(client.get(reverse("wagtailadmin_home"))).find(id="wagtail-sidebar-props")
        return json.dumps(json.loads(props.string))

    assert '"Registrations"' in menu_labels(user_in("Registration desk", "desk"))
    assert '"Registrations"' not in menu_labels(user_in("Editors", "editor"))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "waitlisted"}, ["Bo Waiting"]),
        ({"sector": "government"}, ["Cy Official"]),
        ({"country": "KE"}, ["Bo Waiting"]),
        ({"created_at_from": "2020-01-02", "created_at_to": "2020-01-02"}, ["Cy Official"]),
    ],
)
def test_list_filters(desk_client, edition, filters, expected):
    register(edition, "Al Seated", RegistrationStatus.CONFIRMED)
    register(edition, "Bo Waiting", RegistrationStatus.WAITLISTED, country="KE")
    register(
        edition,
        "Cy Official",
        RegistrationStatus.PENDING,
        sector="government",
        created_at=datetime(2020, 1, 2, 12, tzinfo=UTC),
    )
    assert listed_names(desk_client.get(LIST_URL, filters)) == expected


def test_list_filters_by_edition_and_counts_that_edition_by_status(desk_client, edition):
    other = ConferencePageFactory(
        title="IWT Conference 2028", start_date=date(2028, 10, 11), end_date=date(2028, 10, 12)
    )
    register(edition, "Al Seated", RegistrationStatus.CONFIRMED)
    register(edition, "Bo Seated", RegistrationStatus.CONFIRMED)
    register(edition, "Cy Waiting", RegistrationStatus.WAITLISTED)
    register(other, "Di Elsewhere", RegistrationStatus.CONFIRMED)

    response = desk_client.get(LIST_URL, {"edition": edition.pk})

    assert sorted(listed_names(response)) == ["Al Seated", "Bo Seated", "Cy Waiting"]
    summary = soup(response).select_one(".registration-counts")
    assert "3 registrations in this list" in summary.get_text(" ", strip=True)
    counts = [li.get_text(" ", strip=True) for li in summary.select("li")]
    assert "Confirmed: 2" in counts and "Waitlisted: 1" in counts
    assert "Awaiting approval: 0" in counts


@pytest.mark.parametrize("query", ["okaf", "AMINA@EXAMPLE", "kenya wildlife", "ref"])
def test_list_search_matches_name_email_organisation_and_reference(desk_client, edition, query):
    register(
        edition,
        "Amina Okafor",
        RegistrationStatus.CONFIRMED,
        organisation="Kenya Wildlife Service",
        reference="REFK7H2M9Q",
    )
    register(edition, "Bo Other", RegistrationStatus.CONFIRMED, organisation="Customs")
    assert listed_names(desk_client.get(LIST_URL, {"q": query})) == ["Amina Okafor"]


# Export


def export(client, export_format, **filters):
    response = client.get(LIST_URL, {**filters, "export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_csv_export_lists_the_filtered_registrations(desk_client, edition):
    amina = register(
        edition,
        "Amina Okafor",
        RegistrationStatus.CONFIRMED,
        sector="law_enforcement",
        country="KE",
        dietary_needs="Vegetarian",
    )
    register(edition, "Bo Waiting", RegistrationStatus.WAITLISTED)

    rows = list(
        csv.DictReader(io.StringIO(export(desk_client, "csv", status="confirmed").decode()))
    )

    assert len(rows) == 1
    assert rows[0]["Reference"] == amina.reference
    assert rows[0]["Edition"] == "IWT Conference 2027"
    assert rows[0]["Status"] == "Confirmed"
    assert rows[0]["Name"] == "Amina Okafor"
    assert rows[0]["E-mail"] == "amina@example.org"
    assert rows[0]["Sector"] == "Law enforcement"
    assert rows[0]["Country"] == "Kenya"
    assert rows[0]["Dietary needs"] == "Vegetarian"


def test_csv_export_keeps_formulas_typed_by_attendees_as_text(desk_client, edition):
    register(edition, "Eve Sly", RegistrationStatus.CONFIRMED, organisation="=HYPERLINK(1)")
    (row,) = csv.DictReader(io.StringIO(export(desk_client, "csv").decode()))
    assert row["Organisation"] == "'=HYPERLINK(1)"


def test_xlsx_export_opens_in_a_spreadsheet(desk_client, edition):
    amina = register(edition, "Amina Okafor", RegistrationStatus.PENDING, country="KE")

    workbook = openpyxl.load_workbook(io.BytesIO(export(desk_client, "xlsx")))

    heading, *rows = workbook.active.iter_rows(values_only=True)
    assert heading[:4] == ("Reference", "Edition", "Status", "Name")
    assert len(rows) == 1
    record = dict(zip(heading, rows[0], strict=True))
    assert record["Reference"] == amina.reference
    assert record["Status"] == "Awaiting approval"
    assert record["Country"] == "Kenya"
    registered = amina.created_at.replace(tzinfo=None)
    assert abs(record["Registered (UTC)"] - registered) < timedelta(milliseconds=1)


# Editing


def test_edit_form_offers_only_details_organisers_may_correct(desk_client, edition):
    amina = register(edition, "Amina Okafor", RegistrationStatus.CONFIRMED)
    url = reverse("wagtailsnippets_registrations_registration:edit", args=[amina.pk])

    fields = soup(desk_client.get(url)).select("main input, main select, main textarea")
    names = {field.get("name") for field in fields}
    assert {"name", "organisation", "job_title", "sector", "country"} <= names
    assert not names & {"status", "reference", "email", "manage_token", "feed_token", "edition"}

    data = {
        "name": "Amina N. Okafor",
        "organisation": "KWS",
        "job_title": "Analyst",
        "sector": "law_enforcement",
        "country": "KE",
        "dietary_needs": "",
        "accessibility_needs": "Step-free access",
    }
    assert desk_client.post(url, data).status_code == 302
    amina.refresh_from_db()
    assert (amina.name, amina.accessibility_needs) == ("Amina N. Okafor", "Step-free access")
    assert amina.status == RegistrationStatus.CONFIRMED


def test_erased_registrations_cannot_be_edited(desk_client, edition):
    erased = register(edition, "Gone Person", RegistrationStatus.CANCELLED, anonymised_at=NOW)
    url = reverse("wagtailsnippets_registrations_registration:edit", args=[erased.pk])
    response = desk_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == LIST_URL


def test_registrations_cannot_be_added_or_deleted_in_the_admin(admin_client, edition):
    amina = register(edition, "Amina Okafor", RegistrationStatus.CONFIRMED)
    delete = reverse("wagtailsnippets_registrations_registration:delete", args=[amina.pk])

    assert (
        admin_client.get(reverse("wagtailsnippets_registrations_registration:add")).status_code
        == 302
    )
    assert admin_client.post(delete).status_code == 302
    assert Registration.objects.filter(pk=amina.pk).exists()


# Actions


def test_action_asks_for_confirmation_listing_the_registrations(desk_client, edition, desk_page):
    amina = register(edition, "Amina Okafor", RegistrationStatus.WAITLISTED)
    response = desk_client.get(action_url("promote", amina))
    assert response.status_code == 200
    table = soup(response).select_one("main table").get_text(" ", strip=True)
    assert str(amina) in table and "Waitlisted" in table
    assert status_of(amina) == RegistrationStatus.WAITLISTED


def test_approve_gives_pending_requests_a_seat(desk_client, edition):
    RegistrationPageFactory(parent=edition, capacity=5, mode=RegistrationMode.APPROVAL)
    amina = register(edition, "Amina Okafor", RegistrationStatus.PENDING)
    bo = register(edition, "Bo Seated", RegistrationStatus.CONFIRMED)

    response = desk_client.post(action_url("approve", amina, bo), follow=True)

    assert status_of(amina) == RegistrationStatus.CONFIRMED
    assert OutgoingEmail.objects.filter(registration=amina, kind=EmailKind.APPROVED).exists()
    messages = messages_of(response)
    assert "1 registration approved." in messages
    assert any(message.startswith(f"{bo}: Only requests awaiting") for message in messages)
    history = reverse("wagtailsnippets_registrations_registration:history", args=[amina.pk])
    entries = soup(desk_client.get(history)).select("tbody tr")
    assert any("Approved" in row.get_text() and "desk" in row.get_text() for row in entries)


def test_decline_turns_a_request_away(desk_client, edition, desk_page):
    amina = register(edition, "Amina Okafor", RegistrationStatus.PENDING)
    desk_client.post(action_url("decline", amina))
    assert status_of(amina) == RegistrationStatus.DECLINED
    assert OutgoingEmail.objects.filter(registration=amina, kind=EmailKind.DECLINED).exists()


@pytest.mark.slow
def test_cancel_frees_the_seat_for_the_first_on_the_waitlist(desk_client, edition, desk_page):
    seated = [register(edition, f"Seat{n} Holder", RegistrationStatus.CONFIRMED) for n in "123"]
    second = register(edition, "Bo Second", RegistrationStatus.WAITLISTED, minutes_ago=5)
    first = register(edition, "Al First", RegistrationStatus.WAITLISTED, minutes_ago=10)

    response = desk_client.post(action_url("cancel", seated[0]), follow=True)

    assert "1 registration cancelled." in messages_of(response)
    assert status_of(seated[0]) == RegistrationStatus.CANCELLED
    assert status_of(first) == RegistrationStatus.CONFIRMED
    assert status_of(second) == RegistrationStatus.WAITLISTED


def test_promote_is_refused_when_every_seat_is_taken(desk_client, edition, desk_page):
    for n in "123":
        register(edition, f"Seat{n} Holder", RegistrationStatus.CONFIRMED)
    amina = register(edition, "Amina Okafor", RegistrationStatus.WAITLISTED)

    response = desk_client.post(action_url("promote", amina), follow=True)

    assert status_of(amina) == RegistrationStatus.WAITLISTED
    (message,) = messages_of(response)
    assert message.startswith(f"{amina}: All 3 seats are taken.")


def test_promote_gives_a_free_seat_ahead_of_turn(desk_client, edition, desk_page):
    register(edition, "Al First", RegistrationStatus.WAITLISTED, minutes_ago=10)
    amina = register(edition, "Amina Okafor", RegistrationStatus.WAITLISTED)
    desk_client.post(action_url("promote", amina))
    assert status_of(amina) == RegistrationStatus.CONFIRMED


def test_resend_queues_the_email_of_the_current_status(desk_client, edition, desk_page):
    amina = register(edition, "Amina Okafor", RegistrationStatus.WAITLISTED)
    response = desk_client.post(action_url("resend", amina), follow=True)
    assert "1 registration e-mailed again." in messages_of(response)
    (email,) = OutgoingEmail.objects.filter(registration=amina)
    assert email.kind == EmailKind.WAITLISTED


def test_select_all_acts_on_the_filtered_listing_only(desk_client, edition, desk_page):
    other = ConferencePageFactory(
        title="IWT Conference 2028", start_date=date(2028, 10, 11), end_date=date(2028, 10, 12)
    )
    RegistrationPageFactory(parent=other)
    mine = register(edition, "Amina Okafor", RegistrationStatus.PENDING)
    theirs = register(other, "Bo Elsewhere", RegistrationStatus.PENDING)

    url = action_url("decline", edition=edition.pk).replace("?", "?id=all&")
    desk_client.post(url)

    assert status_of(mine) == RegistrationStatus.DECLINED
    assert status_of(theirs) == RegistrationStatus.PENDING


def test_rows_offer_the_actions_their_status_allows(desk_client, edition, desk_page):
    register(edition, "Amina Okafor", RegistrationStatus.WAITLISTED)
    row = soup(desk_client.get(LIST_URL)).select_one("tbody tr")
    links = {a.get_text(strip=True) for a in row.select("a")}
    assert {"Promote from waitlist", "Decline", "Cancel", "Resend e-mail"} <= links
    assert "Approve" not in links


# Who may use the desk


def test_viewers_may_list_but_not_act(client, edition, desk_page):
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", "pw")
    viewer.user_permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "view_registration"])
    )
    client.force_login(viewer)
    amina = register(edition, "Amina Okafor", RegistrationStatus.PENDING)

    assert client.get(LIST_URL).status_code == 200
    assert client.post(action_url("decline", amina))["Location"] == reverse("wagtailadmin_home")
    assert status_of(amina) == RegistrationStatus.PENDING


def test_editors_cannot_reach_the_desk(editor_client, edition, desk_page):
    amina = register(edition, "Amina Okafor", RegistrationStatus.PENDING)
    for url in [LIST_URL, f"{LIST_URL}?export=csv", action_url("decline", amina)]:
        response = editor_client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert editor_client.post(action_url("decline", amina)).status_code == 302
    assert status_of(amina) == RegistrationStatus.PENDING


def test_desk_group_holds_only_what_the_desk_needs():
    permissions = Group.objects.get(name="Registration desk").permissions.all()
    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions) == [
        "registrations.change_registration",
        "registrations.view_registration",
        "wagtailadmin.access_admin",
    ]


def test_desk_group_migration_reverses():
    migration = importlib.import_module("registrations.migrations.0002_registration_desk_group")
    migration.delete_group(apps, None)
    assert not Group.objects.filter(name="Registration desk").exists()
    migration.create_group(apps, None)
    assert Group.objects.get(name="Registration desk").permissions.count() == 3


# Dashboard


def dashboard_panel(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return soup(response).find(id="registration-desk-section")


def test_dashboard_shows_each_open_edition_figures_and_sectors(desk_client, edition, desk_page):
    register(edition, "Al Seated", RegistrationStatus.CONFIRMED, sector="government")
    register(edition, "Bo Seated", RegistrationStatus.CONFIRMED, sector="ngo")
    register(edition, "Cy Waiting", RegistrationStatus.WAITLISTED, sector="ngo")
    register(edition, "Di Pending", RegistrationStatus.PENDING, sector="ngo")
    register(edition, "Ed Unconfirmed", RegistrationStatus.UNCONFIRMED, sector="media")
    register(edition, "Fi Cancelled", RegistrationStatus.CANCELLED, sector="media")

    panel = dashboard_panel(desk_client)

    assert "IWT Conference 2027" in panel.h3.get_text()
    figures = {a["data-figure"]: a.get_text(strip=True) for a in panel.select("[data-figure]")}
    assert figures == {
        "seats": "2 of 3",
        "waitlist": "1",
        "pending": "1",
        "unconfirmed": "1",
        "undelivered": "0",
    }
    table = panel.select_one("table")
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in table.select("tbody tr")
    }
    assert rows["NGO"] == ["3", "75%"]
    assert rows["Government"] == ["1", "25%"]
    assert rows["Media"] == ["0", "0%"]
    assert [row.th.get_text(strip=True) for row in table.select("tbody tr")][:2] == [
        "NGO",
        "Government",
    ]


def test_dashboard_leaves_out_closed_and_past_editions(desk_client, edition):
    RegistrationPageFactory(parent=edition, closes_at=NOW - timedelta(days=1))
    past = ConferencePageFactory(
        title="IWT Conference 2020", start_date=date(2020, 10, 11), end_date=date(2020, 10, 12)
    )
    RegistrationPageFactory(parent=past, closes_at=NOW + timedelta(days=1))
    assert dashboard_panel(desk_client) is None


def test_dashboard_counts_emails_the_mail_server_did_not_take(desk_client, edition, desk_page):
    registration = register(edition, "Al Seated", RegistrationStatus.CONFIRMED)
    OutgoingEmail.objects.create(registration=registration, kind="confirmed", attempts=2)
    OutgoingEmail.objects.create(
        registration=registration, kind="confirmed", attempts=10, status="failed"
    )
    OutgoingEmail.objects.create(registration=registration, kind="confirmed", status="sent")

    panel = dashboard_panel(desk_client)

    assert panel.select_one('[data-figure="undelivered"]').get_text() == "2"


def test_dashboard_figures_take_four_queries_whatever_the_editions(
    edition, desk_page, django_assert_num_queries
):
    for year in (2028, 2029):
        other = ConferencePageFactory(
            title=f"IWT Conference {year}",
            start_date=date(year, 10, 11),
            end_date=date(year, 10, 12),
        )
        RegistrationPageFactory(parent=other)
        register(other, f"Al {year}", RegistrationStatus.CONFIRMED)
    with django_assert_num_queries(4):
        summaries = desk.edition_summaries()
    assert [summary.seats_taken for summary in summaries] == [0, 1, 1]


def test_dashboard_panel_is_absent_for_editors(editor_client, edition, desk_page):
    assert dashboard_panel(editor_client) is None
