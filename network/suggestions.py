"""People to meet: a few listed delegates the signed-in delegate would gain from meeting.

The conference exists to join the public and private sectors, so the scoring favours the
other side of that divide, then shared interests; each suggestion says why in words.
Simple on purpose: a delegate can check every reason against the profile.
"""

from dataclasses import dataclass

from conference.models import Sector

from .directory import listed, profile_of

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


def _side(sector):
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


def score(viewer, candidate, viewer_interests):
    """The candidate as a Suggestion for the viewer, or None if nothing recommends them."""
    if candidate.organisation.casefold() == viewer.organisation.casefold():
        return None
    candidate_interests = _interests(candidate)
    shared = sorted(
        (name for key, name in viewer_interests.items() if key in candidate_interests),
        key=str.casefold,
    )
    points = PER_SHARED_INTEREST * len(shared)
    sides = {_side(viewer.sector), _side(candidate.sector)}
    across = sides == {"public", "private"}
    if across:
        points += ACROSS_THE_DIVIDE
    elif candidate.sector != viewer.sector:
        points += ANOTHER_SECTOR
    if not points:
        return None
    reasons = []
    if shared:
        reasons.append("You both follow " + _in_words(shared[:MOST_INTERESTS_NAMED]))
    if candidate.sector != viewer.sector:
        words = SECTOR_WORDS[candidate.sector]
        reasons.append(words[0].upper() + words[1:] if not reasons else words)
    return Suggestion(candidate, points, "; ".join(reasons))


def people_to_meet(viewer, limit=5):
    """The best `limit` suggestions for the viewer among the edition's listed delegates,
    best first; ties go by name. The same few queries whatever the directory's size."""
    candidates = (
        listed(viewer.edition)
        .exclude(pk=viewer.pk)
        .select_related("directory_profile")
        .prefetch_related("directory_profile__tracks", "directory_profile__topics")
    )
    viewer_interests = _interests(viewer)
    suggestions = [
        suggestion
        for candidate in candidates
        if (suggestion := score(viewer, candidate, viewer_interests)) is not None
    ]
    suggestions.sort(key=lambda s: (-s.score, s.registration.name.casefold(), s.registration.pk))
    return suggestions[:limit]
