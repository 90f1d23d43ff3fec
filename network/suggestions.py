"""People to meet: a few listed delegates the signed-in delegate would gain from meeting.

The conference exists to join the public and private sectors, so the scoring favours the
other side of that divide, then shared interests; each suggestion says why in words.
Simple on purpose: a delegate can check every reason against the profile.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower

from conference.models import Sector

from .directory import listed, profile_of
from .models import DelegateProfile

PUBLIC_SIDE = {Sector.GOVERNMENT, Sector.LAW_ENFORCEMENT, Sector.INTERGOVERNMENTAL}
PRIVATE_SIDE = {Sector.ONLINE_PLATFORM, Sector.FINANCIAL}
ACROSS_THE_DIVIDE = 4
ANOTHER_SECTOR = 1
PER_SHARED_INTEREST = 2
MOST_INTERESTS_NAMED = 3

SECTOR_WORDS = {
    Sector.GOVERNMENT: "works in government",
    Sector.LAW_ENFORCEMENT: "works in law enforcement",
    Sector.INTERGOVERNMENTAL: "works for an intergovernmental organisation",
    Sector.NGO: "works for an NGO",
    Sector.ONLINE_PLATFORM: "works for an online platform or tech company",
    Sector.FINANCIAL: "works in the financial sector",
    Sector.ACADEMIA: "works in research",
    Sector.MEDIA: "works in the media",
    Sector.OTHER: "works in another sector",
}


@dataclass
class Suggestion:
    registration: object
    score: int
    reason: str


def side_of_the_divide(sector):
    if sector in PUBLIC_SIDE:
        return "public"
    if sector in PRIVATE_SIDE:
        return "private"
    return None


def _interests(registration):
    """{(kind, pk): name} of the tracks and topics the delegate follows."""
    profile = profile_of(registration)
    if profile is None:
        return {}
    return {
        **{("track", track.pk): track.name for track in profile.tracks.all()},
        **{("topic", topic.pk): topic.name for topic in profile.topics.all()},
    }


def _in_words(names):
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _sector_points(viewer):
    """The database's expression of what the candidate's sector is worth to the viewer."""
    other_side = {"public": PRIVATE_SIDE, "private": PUBLIC_SIDE}.get(
        side_of_the_divide(viewer.sector), ()
    )
    across = (
        [When(sector__in=list(other_side), then=Value(ACROSS_THE_DIVIDE))] if other_side else []
    )
    return Case(*across, When(sector=viewer.sector, then=Value(0)), default=Value(ANOTHER_SECTOR))


def _shared(through, field, chosen_ids):
    """How many of `chosen_ids` (the viewer's tracks or topics) the candidate follows too."""
    if not chosen_ids:
        return Value(0)
    links = through.objects.filter(
        delegateprofile_id=OuterRef("pk"), **{f"{field}__in": chosen_ids}
    )
    counted = links.order_by().values("delegateprofile_id").annotate(count=Count("pk"))
    return Coalesce(Subquery(counted.values("count")[:1]), 0)


def _reason(viewer, candidate, viewer_interests):
    candidate_interests = _interests(candidate)
    shared = sorted(
        (name for key, name in viewer_interests.items() if key in candidate_interests),
        key=str.casefold,
    )
    reasons = []
    if shared:
        reasons.append("You both follow " + _in_words(shared[:MOST_INTERESTS_NAMED]))
    if candidate.sector != viewer.sector:
        words = SECTOR_WORDS.get(candidate.sector, "works in another sector")
        reasons.append(words[0].upper() + words[1:] if not reasons else words)
    return "; ".join(reasons)


def people_to_meet(viewer, limit=5):
    """The best `limit` suggestions for the viewer among the edition's listed delegates,
    best first; ties go by name. Scored by the database: the same few queries, and little
    work here, whatever the directory's size."""
    viewer_interests = _interests(viewer)
    chosen = {
        kind: [pk for key_kind, pk in viewer_interests if key_kind == kind]
        for kind in ("track", "topic")
    }
    points = _sector_points(viewer) + PER_SHARED_INTEREST * (
        _shared(DelegateProfile.tracks.through, "track", chosen["track"])
        + _shared(DelegateProfile.topics.through, "tag", chosen["topic"])
    )
    best = (
        listed(viewer.edition)
        .exclude(pk=viewer.pk)
        .exclude(organisation__iexact=viewer.organisation)
        .annotate(points=points)
        .filter(points__gt=0)
        .order_by("-points", Lower("name"), "pk")
        .select_related("directory_profile")
        .prefetch_related("directory_profile__tracks", "directory_profile__topics")[:limit]
    )
    return [
        Suggestion(candidate, candidate.points, _reason(viewer, candidate, viewer_interests))
        for candidate in best
    ]
