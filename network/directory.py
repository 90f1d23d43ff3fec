"""Who is in an edition's directory, and the reads of its page: filters, search, counts.

Every read here makes the same number of queries however many delegates are listed.
"""

from django_countries import countries

from django.db.models import Count, Q

from conference.models import Sector
from registrations.models import Registration, RegistrationStatus
from sessions.queries import edition_topics, edition_tracks

from .models import DelegateProfile

PER_PAGE = 24
MAX_SEARCH_WORDS = 8
SEARCHED_FIELDS = [
    "name",
    "organisation",
    "job_title",
    "directory_profile__introduction",
    "directory_profile__can_help_with",
    "directory_profile__looking_for",
]


def confirmed(edition):
    return Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED, anonymised_at=None
    )


def listed(edition, *, with_hidden=False):
    """The edition's delegates in the directory: confirmed, with the directory consent on
    and, unless `with_hidden` (organisers), not hidden by organisers."""
    entries = confirmed(edition).filter(directory_listing=True)
    if not with_hidden:
        entries = entries.exclude(directory_profile__hidden_at__isnull=False)
    return entries


def with_profiles(registrations):
    """Registrations with their profiles, interests and languages, in four queries."""
    return registrations.select_related("directory_profile").prefetch_related(
        "directory_profile__tracks", "directory_profile__topics", "directory_profile__languages"
    )


def profile_of(registration):
    """The registration's profile, or None: never a query when it was fetched with it."""
    try:
        return registration.directory_profile
    except DelegateProfile.DoesNotExist:
        return None


def search(entries, query):
    """Every word in one of the searched fields (name, organisation, job title, texts)."""
    for word in query.split()[:MAX_SEARCH_WORDS]:
        matches = Q()
        for field in SEARCHED_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        entries = entries.filter(matches)
    return entries


def apply_filters(entries, filters):
    """`filters` as cleaned by DirectoryFilterForm; the sector last, so that counts per
    sector can be taken from what the other filters leave."""
    if filters.get("q"):
        entries = search(entries, filters["q"])
    if filters.get("country"):
        entries = entries.filter(country=filters["country"])
    if filters.get("language"):
        entries = entries.filter(directory_profile__languages__code=filters["language"])
    interest = filters.get("interest")
    if interest:
        kind, pk = interest.split("-")
        entries = entries.filter(**{f"directory_profile__{kind}s": int(pk)})
    # No row twice: each filter through a profile's rows names one language, track or topic.
    return entries


def sector_counts(entries):
    """[(sector value, label, count)] in the sectors' order, counted by the database."""
    counted = dict(entries.order_by().values_list("sector").annotate(count=Count("pk")))
    return [(value, label, counted.get(value, 0)) for value, label in Sector.choices]


def filter_choices(edition):
    """The countries delegates come from, and the tracks and topics they can follow."""
    codes = listed(edition).order_by().values_list("country", flat=True).distinct()
    return {
        "countries": sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]
        ),
        "tracks": [(track.pk, track.name) for track in edition_tracks(edition).order_by("name")],
        "topics": [(topic.pk, topic.name) for topic in edition_topics(edition)],
    }
