"""People to meet: the other side of the public-private divide first, then shared
interests; each with its reason in words."""

import pytest

from network.models import DelegateProfile
from network.suggestions import people_to_meet
from tests.pages import soup, texts

from .conftest import delegate, manage_path, sign_in

pytestmark = pytest.mark.django_db


def following(registration, *tracks):
    DelegateProfile.objects.create(registration=registration).tracks.add(*tracks)
    return registration


def test_the_other_side_of_the_divide_comes_first_then_shared_interests(
    edition, cybercrime, finance
):
    me = following(
        delegate(edition, name="Me", sector="online_platform", organisation="Bazaar"), cybercrime
    )
    police = delegate(edition, name="Police", sector="law_enforcement", organisation="KWS")
    ngo_sharing = following(
        delegate(edition, name="NGO sharing", sector="ngo", organisation="Trace"), cybercrime
    )
    ngo = delegate(edition, name="NGO", sector="ngo", organisation="Other NGO")
    government_sharing = following(
        delegate(edition, name="Government sharing", sector="government", organisation="Defra"),
        cybercrime,
    )
    delegate(edition, name="Same sector", sector="online_platform", organisation="Other platform")
    delegate(edition, name="Colleague", sector="law_enforcement", organisation="bazaar")
    delegate(edition, name="Unlisted police", sector="law_enforcement", directory_listing=False)

    suggestions = people_to_meet(me)

    assert [s.registration for s in suggestions] == [government_sharing, police, ngo_sharing, ngo]
    assert [s.reason for s in suggestions] == [
        "You both follow Wildlife cybercrime; works in government",
        "Works in law enforcement",
        "You both follow Wildlife cybercrime; works for an NGO",
        "Works for an NGO",
    ]


def test_at_most_five_suggestions_ties_by_name(edition):
    me = delegate(edition, sector="financial", organisation="Bank")
    for name in ["Eve", "Dan", "Cat", "Bob", "Ann", "Fay"]:
        delegate(edition, name=name, sector="government", organisation=f"Ministry {name}")
    assert [s.registration.name for s in people_to_meet(me)] == ["Ann", "Bob", "Cat", "Dan", "Eve"]


def test_suggestions_name_up_to_three_shared_interests(edition, cybercrime, finance, ivory):
    me = following(delegate(edition, sector="ngo", organisation="A"), cybercrime, finance)
    me.directory_profile.topics.add(ivory)
    other = following(delegate(edition, sector="ngo", organisation="B"), cybercrime, finance)
    other.directory_profile.topics.add(ivory)
    assert people_to_meet(me)[0].reason == (
        "You both follow Follow the money, Ivory and Wildlife cybercrime"
    )


def test_hidden_profiles_are_never_suggested(edition):
    me = delegate(edition, sector="online_platform", organisation="Bazaar")
    hidden = delegate(edition, sector="law_enforcement", organisation="KWS")
    DelegateProfile.objects.create(registration=hidden, hidden_at="2027-01-01T00:00Z")
    assert people_to_meet(me) == []


def test_suggestions_are_shown_on_the_directory_and_the_manage_page(
    client, edition, directory, registration_page
):
    me = delegate(edition, sector="online_platform", organisation="Bazaar")
    delegate(edition, name="Amina Okafor", sector="law_enforcement", organisation="KWS")
    sign_in(client, registration_page, me)
    for url in (directory.url, manage_path(registration_page, me)):
        section = soup(client.get(url)).select_one(".people-to-meet")
        assert texts(section.select(".suggestion__name")) == ["Amina Okafor"]
        assert texts(section.select(".suggestion__reason")) == ["Works in law enforcement"]
