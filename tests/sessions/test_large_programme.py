"""A programme of more than AGENDA_ALL_DAYS_LIMIT sessions is shown one day at a time."""

from datetime import date, timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.queries import public_sessions, start_times
from tests.factories import SessionPageFactory, london
from tests.sessions.test_query_counts import add_programme

pytestmark = pytest.mark.slow

ONE_DAY = "shown one day at a time"
FIRST, SECOND = date(2027, 10, 11), date(2027, 10, 12)


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.AGENDA_ALL_DAYS_LIMIT = 20


def shown_days(response):
    assert response.status_code == 200
    return [day for day, sessions in response.context["days"] if sessions]


def tab_labels(response):
    return [tab["label"] for tab in response.context["day_tabs"]]


def test_agenda_past_the_limit_shows_the_first_day_and_says_so(client, edition, agenda):
    add_programme(agenda, edition, 30)
    response = client.get(agenda.url)
    assert shown_days(response) == [FIRST]
    html = response.content.decode()
    assert ONE_DAY in html
    assert tab_labels(response) == ["Mon 11 Oct", "Tue 12 Oct"]
    assert [tab["current"] for tab in response.context["day_tabs"]] == [True, False]
    assert "All days</a>" not in html
    assert 'href="/iwt-2027/agenda/?day=2027-10-12"' in html
    # No day chip to remove: the visitor chose none.
    assert response.context["filter_chips"] == []


def test_agenda_past_the_limit_shows_today_during_the_conference(
    client, edition, agenda, monkeypatch
):
    add_programme(agenda, edition, 30)
    monkeypatch.setattr("django.utils.timezone.now", lambda: london(2027, 10, 12, 7))
    response = client.get(agenda.url)
    assert shown_days(response) == [SECOND]
    assert [tab["current"] for tab in response.context["day_tabs"]] == [False, True]


def test_a_chosen_day_and_the_list_view_keep_working_past_the_limit(client, edition, agenda):
    add_programme(agenda, edition, 30)
    response = client.get(agenda.url + "?day=2027-10-12&view=list")
    assert shown_days(response) == [SECOND]
    assert ONE_DAY not in response.content.decode()
    assert response.context["agenda_view"] == "list"
    assert [tab["query"] for tab in response.context["day_tabs"]] == [
        "?day=2027-10-11&view=list",
        "?day=2027-10-12&view=list",
    ]
    timetable = client.get(agenda.url + "?view=timetable")
    assert shown_days(timetable) == [FIRST]
    assert list(timetable.context["timetables"]) == [FIRST]


def test_agenda_within_the_limit_shows_every_day(client, edition, agenda):
    add_programme(agenda, edition, 20)
    response = client.get(agenda.url)
    assert shown_days(response) == [FIRST, SECOND]
    assert ONE_DAY not in response.content.decode()
    assert tab_labels(response) == ["All days", "Mon 11 Oct", "Tue 12 Oct"]


def test_a_filter_that_leaves_few_sessions_shows_every_day(client, edition, agenda):
    add_programme(agenda, edition, 30)
    track = edition.tracks.order_by("pk").first()  # 10 of the 30
    response = client.get(agenda.url + f"?track={track.slug}")
    assert shown_days(response) == [FIRST, SECOND]
    assert ONE_DAY not in response.content.decode()
    assert tab_labels(response)[0] == "All days"


def test_track_page_follows_the_same_rule(client, edition, agenda, settings):
    add_programme(agenda, edition, 30)
    track = edition.tracks.order_by("pk").first()
    url = agenda.url + f"tracks/{track.slug}/"
    small = client.get(url)
    assert shown_days(small) == [FIRST, SECOND]
    assert ONE_DAY not in small.content.decode()
    assert "day_tabs" not in small.context

    settings.AGENDA_ALL_DAYS_LIMIT = 5
    large = client.get(url)
    assert shown_days(large) == [FIRST]
    assert ONE_DAY in large.content.decode()
    assert tab_labels(large) == ["Mon 11 Oct", "Tue 12 Oct"]
    assert f'href="{url}?day=2027-10-12"' in large.content.decode()
    second = client.get(url + "?day=2027-10-12")
    assert shown_days(second) == [SECOND]
    assert all(session.track_id == track.pk for session in second.context["days"][0][1])


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_stay_the_same_past_the_limit(client, edition, agenda):
    add_programme(agenda, edition, 10)
    track = edition.tracks.order_by("pk").first()
    urls = [agenda.url, agenda.url + "?day=2027-10-11", agenda.url + f"tracks/{track.slug}/"]
    small = [queries(client, url) for url in urls]
    add_programme(agenda, edition, 40)
    assert shown_days(client.get(agenda.url)) == [FIRST]
    assert [queries(client, url) for url in urls] == small


def shown_titles(response):
    return [session.pk for _, sessions in response.context["days"] for session in sessions]


def test_a_day_past_the_limit_is_shown_in_parts_by_time(client, edition, agenda):
    add_programme(agenda, edition, 60)  # 30 a day, each starting 5 minutes after the last
    response = client.get(agenda.url)
    assert shown_days(response) == [FIRST]
    assert len(shown_titles(response)) == 20
    links = response.context["part_links"]
    assert [link["label"] for link in links] == ["08:00–10:20", "09:40–11:10"]
    assert [link["current"] for link in links] == [True, False]
    assert links[1]["query"] == "?day=2027-10-11&from=09%3A40"
    html = response.content.decode()
    assert "shown one day at a time, and this day in parts by time" in html
    assert 'aria-label="Times of day"' in html

    second = client.get(agenda.url + links[1]["query"])
    assert len(shown_titles(second)) == 10
    assert not set(shown_titles(second)) & set(shown_titles(response))
    assert [link["current"] for link in second.context["part_links"]] == [False, True]
    # A time inside a part shows that part; a time that is no time, the first.
    assert shown_titles(client.get(agenda.url + "?day=2027-10-11&from=10:00")) == (
        shown_titles(second)
    )
    assert shown_titles(client.get(agenda.url + "?from=noon")) == shown_titles(response)


def test_the_part_under_way_is_shown_during_the_conference(client, edition, agenda, monkeypatch):
    add_programme(agenda, edition, 60)
    monkeypatch.setattr("django.utils.timezone.now", lambda: london(2027, 10, 12, 10, 30))
    response = client.get(agenda.url)
    assert shown_days(response) == [SECOND]
    assert [link["current"] for link in response.context["part_links"]] == [False, True]


def test_a_chosen_day_and_a_track_page_are_shown_in_parts_too(client, edition, agenda, settings):
    add_programme(agenda, edition, 60)
    chosen = client.get(agenda.url + "?day=2027-10-12&view=list")
    assert len(shown_titles(chosen)) == 20
    assert "This day is long, so it is shown in parts by time" in chosen.content.decode()
    assert chosen.context["part_links"][1]["query"] == "?day=2027-10-12&view=list&from=09%3A40"
    settings.AGENDA_ALL_DAYS_LIMIT = 5
    track = edition.tracks.order_by("pk").first()  # 20 of the 60, 10 a day
    url = agenda.url + f"tracks/{track.slug}/"
    response = client.get(url)
    assert len(shown_titles(response)) == 5
    assert len(response.context["part_links"]) == 2
    assert f'href="{url}?day=2027-10-11&amp;from=' in response.content.decode()


def test_start_times_counts_every_day_and_lists_the_days_own_starts(edition, agenda):
    add_programme(agenda, edition, 30)  # 15 a day, every 5 minutes from 08:00
    SessionPageFactory(
        parent=agenda,
        slug="also-at-eight",
        start=london(2027, 10, 12, 8),
        end=london(2027, 10, 12, 9),
    )  # a second session at 08:00 on the second day

    total, starts = start_times(public_sessions(edition), SECOND, edition.time_zone)

    assert total == 31
    assert [start for start, _, _ in starts] == [
        london(2027, 10, 12, 8) + timedelta(minutes=5 * step) for step in range(15)
    ]
    assert starts[0][1:] == (2, london(2027, 10, 12, 9))  # two sessions, the later end
    assert all(count == 1 for _, count, _ in starts[1:])
