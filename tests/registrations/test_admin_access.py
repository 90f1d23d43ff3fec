"""Every admin address that shows or acts on registrations refuses whoever may not see them.

The addresses are found in the URL configuration, not listed by hand, so an address added
later (a view, a chooser, a bulk action) is walked too; and every group the migrations create
is tried against each of them.
"""

import pytest

from django.contrib.auth.models import Group
from django.urls import URLResolver, get_resolver, reverse

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.permissions import policy_registry

from registrations.models import Registration, RegistrationStatus
from tests.factories import RegistrationFactory
from tests.roles import client_for, member_of

pytestmark = pytest.mark.django_db

REGISTRANT = "Zanele Mokoena"


def url_patterns(resolver=None, prefix="", namespaces=()):
    """(route, name with its namespaces) of every URL the site answers."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = (pattern.namespace,) if pattern.namespace else ()
            yield from url_patterns(pattern, prefix + str(pattern.pattern), namespaces + namespace)
        else:
            yield prefix + str(pattern.pattern), ":".join((*namespaces, pattern.name or ""))


def registration_admin_urls(registration):
    """Every admin address of the registrations app, filled in for one registration."""
    urls = ["/admin/"]  # the dashboard, with the registration desk's panel
    for route, name in url_patterns():
        if not name.startswith(
            (
                "wagtailsnippets_registrations_registration:",
                "wagtailsnippetchoosers_registrations_registration:",
            )
        ):
            continue
        kwargs = {"pk": registration.pk} if "<" in route else {}
        urls.append(reverse(name, kwargs=kwargs))
    listing = reverse("wagtailsnippets_registrations_registration:list")
    urls += [f"{listing}?export=csv", f"{listing}?export=xlsx", f"{listing}?q={REGISTRANT}"]
    for action in bulk_action_registry.get_bulk_actions_for_model("registrations", "registration"):
        bulk = reverse(
            "wagtail_bulk_action", args=["registrations", "registration", action.action_type]
        )
        urls.append(f"{bulk}?id={registration.pk}")
    return urls


def may_see_registrations(user):
    policy = policy_registry.get_by_type(Registration)
    return policy.user_has_any_permission(user, ["view", "change"])


@pytest.mark.slow
def test_every_registrations_admin_url_refuses_every_group_without_the_permission(edition):
    registration = RegistrationFactory(
        edition=edition, name=REGISTRANT, status=RegistrationStatus.CONFIRMED
    )
    urls = registration_admin_urls(registration)
    assert len(urls) >= 20
    groups = list(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Moderators", "Programme editors", "Registration desk"} <= set(groups)
    leaks, refused = [], 0
    for number, group in enumerate(groups):
        user = member_of(group, f"member{number}")
        if may_see_registrations(user):
            continue
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            body = response.content.decode(errors="replace")
            if response.status_code == 200 and (
                REGISTRANT in body or registration.reference in body or url == "/admin/"
            ):
                if url != "/admin/" or "Registration desk" in body:
                    leaks.append((group, url))
            else:
                refused += 1
        for url in urls:
            before = Registration.objects.get(pk=registration.pk)
            client.post(url, {"id": [registration.pk]})
            after = Registration.objects.get(pk=registration.pk)
            assert (after.status, after.name) == (before.status, before.name), (group, url)
    assert leaks == [], leaks
    assert refused > 0


def test_the_desk_may_still_choose_registrations_and_is_told_they_are_not_deleted(edition):
    registration = RegistrationFactory(edition=edition, name=REGISTRANT)
    desk = client_for(member_of("Registration desk", "dee"))
    chooser = desk.get(reverse("wagtailsnippetchoosers_registrations_registration:choose"))
    assert chooser.status_code == 200
    assert REGISTRANT in chooser.content.decode()

    bulk = reverse("wagtail_bulk_action", args=["registrations", "registration", "delete"])
    response = desk.post(f"{bulk}?id={registration.pk}", follow=True)
    assert "Registrations are not deleted: decline or cancel them." in [
        str(message).split(" Personal")[0] for message in response.context["messages"]
    ]
    assert Registration.objects.filter(pk=registration.pk).exists()
