from django.db.models import Q
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from registrations.models import RegistrationStatus
from registrations.sign_in import signed_in_registrations

from .models import DirectoryPage


def delegate(request):
    """`delegate_links`: for each edition this browser is signed in to as a delegate, who
    they are and where their directory and registration are; nothing for anyone else."""
    return {"delegate_links": SimpleLazyObject(lambda: _links(request))}


def _links(request):
    registrations = signed_in_registrations(request)
    if not registrations:
        return []
    below_those_editions = Q()
    for registration in registrations.values():
        edition = registration.edition
        below_those_editions |= Q(path__startswith=edition.path, depth=edition.depth + 1)
    directories = {
        page.path[: -DirectoryPage.steplen]: page
        for page in DirectoryPage.objects.live().filter(below_those_editions)
    }
    links = []
    for edition_id, registration in sorted(registrations.items()):
        directory = directories.get(registration.edition.path)
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        links.append(
            {
                "name": registration.name,
                "edition": registration.edition,
                "registration_url": reverse("delegate-registration", args=[edition_id]),
                "directory_url": directory.url if directory and confirmed else None,
            }
        )
    return links
