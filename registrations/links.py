"""Absolute addresses of a registration's private pages and feeds, for pages and e-mails."""

from django.urls import reverse

from sessions.feeds import feed_links_for

from .services import confirmation_code, registration_page, waitlist_position


def page_url(page, route, *args):
    return page.get_full_url() + page.reverse_subpage(route, args=args)


def manage_url(page, registration):
    """For e-mails: on the site's own address."""
    return page_url(page, "manage_view", registration.reference, registration.manage_token)


def manage_path(page, registration):
    """For redirects: on whatever host the visitor used."""
    route = page.reverse_subpage(
        "manage_view", args=[registration.reference, registration.manage_token]
    )
    return page.url + route


def confirm_url(page, registration):
    return page_url(page, "confirm_view", confirmation_code(registration))


def personal_feed_links(page, registration):
    site_root = page.get_site().root_url
    path = reverse("personal-calendar", args=[registration.reference, registration.feed_token])
    return feed_links_for(site_root + path, title="My sessions")


def agenda_feed_links(page):
    edition = page.edition
    path = reverse("calendar-agenda", args=[edition.pk])
    return feed_links_for(page.get_site().root_url + path, title=f"{edition.title} agenda")


def email_context(registration, kind):
    page = registration_page(registration.edition)
    return {
        "kind": kind,
        "registration": registration,
        "edition": registration.edition,
        "page": page,
        "manage_url": manage_url(page, registration),
        "confirm_url": confirm_url(page, registration),
        "waitlist_position": waitlist_position(registration),
        "personal_feed": personal_feed_links(page, registration),
        "agenda_feed": agenda_feed_links(page),
        "venue": registration.edition.venue,
    }
