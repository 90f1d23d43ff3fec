"""Every page that lists sessions offers its calendar: subscribe, download, add one session."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.factories import SessionPageFactory, SpeakerFactory, TrackFactory, london
from tests.pages import soup


@pytest.fixture
def programme(edition, agenda, speakers_page):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime", slug="cyber")
    speaker = SpeakerFactory(name="Ada Ranger")
    first = SessionPageFactory(
        parent=agenda,
        title="Adverts online",
        track=track,
        speakers=[speaker],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    second = SessionPageFactory(
        parent=agenda,
        title="Closing",
        start=london(2027, 10, 12, 16),
        end=london(2027, 10, 12, 17),
    )
    return {"track": track, "speaker": speaker, "first": first, "second": second}


def advertised_feed(response):
    page = soup(response)
    alternate = page.find("link", rel="alternate", type="text/calendar")
    links = page.select_one(".calendar-links")
    return {
        "alternate": alternate["href"],
        "title": alternate["title"],
        "heading": links.find("h2").get_text(strip=True),
        "subscribe": links.find("a", string="Subscribe")["href"],
        "google": links.find("a", string="Subscribe in Google Calendar")["href"],
        "download": links.find("a", string="Download .ics")["href"],
        "copy": links.select_one("input.calendar-links__url")["value"],
    }


def test_agenda_page_advertises_the_agenda_feed(client, edition, programme):
    feed = advertised_feed(client.get("/iwt-2027/agenda/"))
    https = f"http://testserver/calendar/{edition.pk}/agenda.ics"
    webcal = f"webcal://testserver/calendar/{edition.pk}/agenda.ics"
    assert feed == {
        "alternate": https,
        "title": "IWT Conference 2027 agenda",
        "heading": "Subscribe: IWT Conference 2027 agenda",
        "subscribe": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "download": https + "?download",
        "copy": https,
    }
    assert client.get(feed["download"]).status_code == 200


@pytest.mark.parametrize(
    ("url", "feed_path"),
    [
        ("/iwt-2027/agenda/?track=cyber", "tracks/{track}.ics"),
        ("/iwt-2027/agenda/?day=2027-10-12", "days/2027-10-12.ics"),
        ("/iwt-2027/agenda/tracks/cyber/", "tracks/{track}.ics"),
        ("/iwt-2027/speakers/ada-ranger/", "speakers/{speaker}.ics"),
        ("{session_url}", "sessions/{session}.ics"),
    ],
)
def test_each_session_list_advertises_its_own_feed(client, edition, programme, url, feed_path):
    values = {
        "track": programme["track"].pk,
        "speaker": programme["speaker"].pk,
        "session": programme["first"].pk,
        "session_url": programme["first"].url,
    }
    response = client.get(url.format(**values))
    assert response.status_code == 200
    feed = advertised_feed(response)
    assert feed["alternate"] == f"http://testserver/calendar/{edition.pk}/" + feed_path.format(
        **values
    )
    assert client.get(feed["alternate"]).status_code == 200


def test_each_session_offers_google_and_outlook_links(client, edition, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    first = page.select(".session")[0]
    google_link, outlook_link = first.select(".session__add a")
    assert google_link.get_text(" ", strip=True) == "Google Calendar : Adverts online"
    google = urlsplit(google_link["href"])
    assert google.netloc == "calendar.google.com"
    query = parse_qs(google.query)
    assert query["text"] == ["Adverts online"]
    assert query["dates"] == ["20271011T080000Z/20271011T090000Z"]
    assert query["details"] == [f"http://localhost{programme['first'].url}"]
    assert outlook_link.get_text(" ", strip=True) == "Outlook : Adverts online"
    outlook = parse_qs(urlsplit(outlook_link["href"]).query)
    assert (outlook["startdt"], outlook["enddt"]) == (
        ["2027-10-11T08:00:00Z"],
        ["2027-10-11T09:00:00Z"],
    )


@pytest.mark.slow
def test_stars_and_the_my_calendar_form_work_without_javascript(client, edition, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    form = page.find("form", id="my-calendar-form")
    stars = page.select('input[type=checkbox][name=session][form="my-calendar-form"]')
    assert [star["value"] for star in stars] == [
        str(programme["first"].pk),
        str(programme["second"].pk),
    ]
    assert all(page.find("label", attrs={"for": star["id"]}) for star in stars)
    # A browser without JavaScript submits the ticked boxes with the form.
    response = client.get(
        form["action"], {"session": [programme["second"].pk, programme["first"].pk]}
    )
    assert response.status_code == 200
    chosen = soup(response)
    assert [a.get_text(strip=True) for a in chosen.select(".session__title a")] == [
        "Adverts online",
        "Closing",
    ]
    feed = advertised_feed(response)
    ids = sorted([programme["first"].pk, programme["second"].pk])
    assert (
        feed["alternate"]
        == f"http://testserver/calendar/{edition.pk}/selection/{ids[0]},{ids[1]}.ics"
    )
    assert client.get(feed["alternate"]).status_code == 200


@pytest.mark.parametrize(
    "query", ["session=abc", "session=999999", "session=" + ",".join(["1"] * 2)]
)
def test_my_calendar_rejects_a_bad_selection_with_a_message(client, edition, programme, query):
    response = client.get("/iwt-2027/agenda/my-calendar/?" + query)
    if query.endswith("1,1"):
        # The same session twice counts once; session 1 is not on this agenda.
        assert response.status_code == 400
    else:
        assert response.status_code == 400
    assert soup(response).select_one(".error-summary").get_text(strip=True)


def test_my_calendar_without_a_choice_explains_how_to_choose(client, edition, programme):
    response = client.get("/iwt-2027/agenda/my-calendar/")
    assert response.status_code == 200
    assert "Choose for My calendar" in soup(response).find("main").get_text()


def test_my_calendar_leaves_out_sessions_no_longer_on_the_agenda(client, edition, programme):
    first = programme["first"]
    programme["second"].unpublish()
    response = client.get(
        "/iwt-2027/agenda/my-calendar/", {"session": [first.pk, programme["second"].pk]}
    )
    assert response.status_code == 200
    page = soup(response)
    assert [a.get_text(strip=True) for a in page.select(".session__title a")] == [first.title]
    assert "1 chosen session is no longer on the agenda" in page.select_one(".notice").get_text()
    form = page.find("form", id="my-calendar-form")
    assert form["data-my-calendar-dropped"] == str(programme["second"].pk)
    assert advertised_feed(response)["alternate"].endswith(f"/selection/{first.pk}.ics")


def test_a_combination_of_filters_says_the_calendar_holds_the_whole_agenda(
    client, edition, programme
):
    page = soup(client.get("/iwt-2027/agenda/?track=cyber&day=2027-10-11"))
    assert "whole agenda" in page.select_one(".calendar-links__note").get_text()
