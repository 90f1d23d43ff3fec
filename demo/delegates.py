"""Throwaway listed delegates of any number, inserted in bulk: confirmed registrations with
the directory consent on, each with a directory profile, interests and languages. Seconds
instead of minutes at 2,000. For measurements (manage.py bench_directory) and tests that
need a large directory."""

from django.utils import timezone

from taggit.models import Tag
from wagtail.signal_handlers import disable_reference_index_auto_update

from conference.models import Sector
from demo.programme import Programme
from network.models import DelegateProfile, DirectoryPage, SpokenLanguage
from registrations.models import Registration, RegistrationPage, RegistrationStatus
from sessions.models import SessionPage, SessionTopic

SECTORS = [value for value, _ in Sector.choices]
COUNTRIES = ["GB", "KE", "VN", "ZA", "CN", "TH", "NG", "BR", "ID", "US", "FR", "TZ"]
LANGUAGE_CODES = ["en", "fr", "sw", "zh", "vi", "pt", "es", "th", "id", "ar"]
JOB_TITLES = ["Analyst", "Investigator", "Policy officer", "Researcher", "Trust and safety lead"]
LOOKING_FOR = [
    "contacts who handle ivory seizures",
    "a police contact in Kenya",
    "marketplaces that sell in Asia",
    "banks that flag wildlife payments",
]
CAN_HELP_WITH = [
    "tracing payments",
    "takedown requests",
    "species identification",
    "open-source investigations",
]


def add_delegates(edition, numbers, *, tracks, topics):
    """Add a listed delegate with a full profile to `edition` for each of `numbers` (a range
    of distinct numbers that names them): each follows two of `tracks` and one of `topics`
    and speaks one to three languages. Returns their registrations, in order.

    Bulk inserts, no signals: no consents, e-mails or search index entries.
    """
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        Registration(
            edition=edition,
            status=RegistrationStatus.CONFIRMED,
            directory_listing=True,
            name=f"Delegate {number}",
            email=f"delegate{number}@bench.example.org",
            email_key=f"delegate{number}@bench.example.org",
            organisation=f"Organisation {number % 400}",
            job_title=JOB_TITLES[number % len(JOB_TITLES)],
            sector=SECTORS[number % len(SECTORS)],
            country=COUNTRIES[number % len(COUNTRIES)],
            address_confirmed_at=now,
            status_changed_at=now,
        )
        for number in numbers
    )
    profiles = DelegateProfile.objects.bulk_create(
        DelegateProfile(
            registration=registration,
            introduction=f"I work on wildlife trade at {registration.organisation}.",
            looking_for=LOOKING_FOR[number % len(LOOKING_FOR)],
            can_help_with=CAN_HELP_WITH[number % len(CAN_HELP_WITH)],
        )
        for number, registration in zip(numbers, registrations, strict=True)
    )
    pairs = list(zip(numbers, profiles, strict=True))
    if tracks:
        DelegateProfile.tracks.through.objects.bulk_create(
            DelegateProfile.tracks.through(delegateprofile=profile, track=track)
            for number, profile in pairs
            for track in {tracks[number % len(tracks)], tracks[(number + 1) % len(tracks)]}
        )
    if topics:
        DelegateProfile.topics.through.objects.bulk_create(
            DelegateProfile.topics.through(
                delegateprofile=profile, tag=topics[number % len(topics)]
            )
            for number, profile in pairs
        )
    SpokenLanguage.objects.bulk_create(  # three apart in a list of ten: never one twice
        SpokenLanguage(profile=profile, code=LANGUAGE_CODES[(number + 3 * step) % 10])
        for number, profile in pairs
        for step in range(1 + number % 3)
    )
    return registrations


class Directory:
    """A throwaway edition (demo/programme.py) with a registration page and a delegate
    directory, whose listed delegates grow by bulk inserts."""

    def __init__(self, programme, registration_page, directory, topics):
        self.programme, self.edition = programme, programme.edition
        self.registration_page, self.directory, self.topics = registration_page, directory, topics
        self.delegates = []

    @classmethod
    def create(cls, sessions=40):
        """The edition, its agenda of `sessions` sessions with a topic each, its registration
        page and its directory, without delegates."""
        programme = Programme.create()
        programme.grow_to(sessions)
        topics = [Tag.objects.get_or_create(name=f"Benchmark topic {n}")[0] for n in range(6)]
        SessionTopic.objects.bulk_create(
            SessionTopic(content_object=session, tag=topics[n % len(topics)])
            for n, session in enumerate(SessionPage.objects.child_of(programme.agenda))
        )
        with disable_reference_index_auto_update():
            registration_page = RegistrationPage(
                title="Register",
                slug="register",
                privacy_notice="<p>We use your details to run your registration.</p>",
            )
            programme.edition.add_child(instance=registration_page)
            directory = DirectoryPage(title="Delegate directory", slug="delegates")
            programme.edition.add_child(instance=directory)
        return cls(programme, registration_page, directory, topics)

    def grow_to(self, size):
        """Add listed delegates (add_delegates) until the directory lists `size` of them."""
        numbers = range(len(self.delegates), size)
        self.delegates += add_delegates(
            self.edition, numbers, tracks=self.programme.tracks, topics=self.topics
        )

    def manage_url(self, registration):
        return (
            self.registration_page.url
            + f"manage/{registration.reference}/{registration.manage_token}/"
        )
