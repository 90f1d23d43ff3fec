import pytest

from conference.models import ConferencePage
from tests.pages import session_titles, soup, texts


@pytest.mark.slow
def test_agenda_lists_sessions_by_day_in_the_editions_zone(client, programme):
    response = client.get("/iwt-2027/agenda/")
    assert response.status_code == 200
    page = soup(response)
    days = page.select(".agenda-day")
    assert texts(day.find("h2") for day in days) == [
        "Monday 11 October 2027",
        "Tuesday 12 October 2027",
    ]
    first_day_times = texts(days[0].select(".session__time"))
    assert first_day_times == ["09:00 – 09:45 BST", "14:00 – 15:00 BST"]
    assert "Europe/London" in page.select_one(".time-zone-note").get_text()


@pytest.mark.slow
def test_agenda_shows_room_track_kind_and_speakers_of_a_session(client, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    keynote = page.select(".session")[0]
    assert keynote.select_one(".session__kind").get_text(strip=True) == "Keynote"
    assert keynote.select_one(".session__room").get_text(strip=True) == "Main Hall"
    assert keynote.select_one(".track-label").get_text(strip=True) == "Wildlife cybercrime"
    assert keynote["data-track-colour"] == "#7a1f5c"
    assert '[data-track-colour="#7a1f5c"]{--track-colour:#7a1f5c}' in page.find("style").string
    speaker_link = keynote.select_one(".session__speakers a")
    assert speaker_link.get_text(strip=True) == "Tania McCrea-Steele"
    assert speaker_link["href"] == "/iwt-2027/speakers/tania-mccrea-steele/"
    assert "(IFAW)" in keynote.select_one(".session__speakers").get_text()


@pytest.mark.slow
def test_agenda_marks_a_cancelled_session_and_hides_drafts(client, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    cancelled = [s for s in page.select(".session") if "session--cancelled" in s["class"]]
    assert texts(s.select_one(".session__title a") for s in cancelled) == ["Drone patrols"]
    assert cancelled[0].select_one(".badge--cancelled").get_text(strip=True) == "Cancelled"
    assert "Unpublished draft session" not in session_titles(client.get("/iwt-2027/agenda/"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("day=2027-10-12", ["Ivory surrender lessons"]),
        ("track=wildlife-cybercrime", ["Opening keynote", "Drone patrols"]),
        ("kind=panel", ["Ivory surrender lessons"]),
        ("topic=online-marketplaces", ["Opening keynote"]),
        ("day=2027-10-11&track=closing-ivory-markets", []),
        (
            "day=&track=&kind=&topic=",
            ["Opening keynote", "Drone patrols", "Ivory surrender lessons"],
        ),
    ],
)
@pytest.mark.slow
def test_agenda_filters_work_as_plain_links(client, programme, query, expected):
    response = client.get(f"/iwt-2027/agenda/?{query}")
    assert response.status_code == 200
    assert session_titles(response) == expected


@pytest.mark.parametrize(
    "query", ["day=2030-01-01", "day=not-a-date", "track=unknown", "kind=party", "topic=nope"]
)
@pytest.mark.slow
def test_agenda_rejects_unknown_filters_with_a_message(client, programme, query):
    response = client.get(f"/iwt-2027/agenda/?{query}")
    assert response.status_code == 400
    page = soup(response)
    assert "not understood" in page.select_one(".error-summary").get_text()
    assert len(session_titles(response)) == 3


@pytest.mark.slow
def test_agenda_filter_form_offers_the_editions_days_tracks_and_topics(client, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    options = {
        name: [option["value"] for option in page.select(f"select[name={name}] option")]
        for name in ("day", "track", "topic")
    }
    assert options == {
        "day": ["", "2027-10-11", "2027-10-12"],
        "track": ["", "closing-ivory-markets", "wildlife-cybercrime"],
        "topic": ["", "online-marketplaces"],
    }
    day_tabs = [link["href"] for link in page.select(".day-tabs a")]
    assert day_tabs == [
        "/iwt-2027/agenda/",
        "/iwt-2027/agenda/?day=2027-10-11",
        "/iwt-2027/agenda/?day=2027-10-12",
    ]


@pytest.mark.slow
def test_sessions_under_an_unpublished_agenda_stay_hidden(client, programme, agenda, edition):
    from sessions.queries import public_sessions

    assert public_sessions(edition).count() == 3
    agenda.unpublish()
    # Read again, as the next request does: an edition keeps its sections while it lives.
    assert public_sessions(ConferencePage.objects.get(pk=edition.pk)).count() == 0
