"""`manage.py bench_directory`: the directory's pages at several numbers of delegates."""

import re
from io import StringIO

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

from demo.delegates import Directory
from network.models import DelegateProfile, DirectoryPage, SpokenLanguage
from registrations.models import Registration, RegistrationPage

pytestmark = pytest.mark.django_db

COLUMNS = ["delegates", "page", "body KB", "median ms", "queries"]
PAGES = ["directory", "directory search", "directory sector", "profile", "manage"]


def database_state():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            DirectoryPage,
            RegistrationPage,
            Registration,
            DelegateProfile,
            DelegateProfile.tracks.through,
            DelegateProfile.topics.through,
            SpokenLanguage,
        )
    } | {"root numchild": Page.objects.get(depth=1).numchild}


def bench(*args):
    out, err = StringIO(), StringIO()
    call_command("bench_directory", "--repeat", "1", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.slow
def test_bench_prints_each_page_at_each_size_and_leaves_the_database_as_it_was():
    before = database_state()

    output, notes = bench("--sizes", "4", "2")

    assert database_state() == before
    lines = [line for line in output.splitlines() if line.strip()]
    assert re.split(r"\s{2,}", lines[0].strip()) == COLUMNS
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        (size, page) for size in ("2", "4") for page in PAGES
    ]
    for row in rows:
        assert len(row) == len(COLUMNS)
        body_kb, milliseconds, queries = (float(value.replace(",", "")) for value in row[2:])
        assert body_kb > 0 and milliseconds > 0 and queries > 0
    # The same queries at both sizes, page by page.
    assert [row[4] for row in rows[:5]] == [row[4] for row in rows[5:]]
    assert "4 delegates built in" in notes
    assert re.search(r"4 delegates: people_to_meet takes [\d.]+ ms, \d+ queries", notes)


@pytest.mark.slow
def test_bench_prints_a_markdown_table():
    output, _ = bench("--sizes", "2", "--format", "markdown")

    lines = output.strip().splitlines()
    assert lines[0] == "| " + " | ".join(COLUMNS) + " |"
    assert lines[1] == "|---|---|" + "---:|" * (len(COLUMNS) - 2)
    assert [line.split(" | ")[:2] for line in lines[2:]] == [["| 2", page] for page in PAGES]


def test_bench_needs_two_delegates_at_least():
    with pytest.raises(CommandError, match="at least 2"):
        bench("--sizes", "1")


@pytest.mark.slow
def test_the_bulk_delegates_are_listed_with_their_profiles_and_served(client):
    directory = Directory.create(sessions=4)
    directory.grow_to(3)
    directory.grow_to(30)

    delegates = Registration.objects.filter(edition=directory.edition)
    assert delegates.count() == 30
    assert DelegateProfile.objects.filter(registration__in=delegates).count() == 30
    first = DelegateProfile.objects.get(registration=directory.delegates[0])
    assert first.tracks.count() == 2 and first.topics.count() == 1
    assert SpokenLanguage.objects.filter(profile__registration__in=delegates).count() == sum(
        1 + number % 3 for number in range(30)
    )
    assert all(len(problems) == 0 for problems in Page.find_problems())

    manage = client.get(directory.manage_url(directory.delegates[0]), HTTP_HOST="localhost")
    assert manage.status_code == 200
    listing = client.get(directory.directory.url, HTTP_HOST="localhost")
    assert listing.status_code == 200
    assert b"30 delegates" in listing.content
