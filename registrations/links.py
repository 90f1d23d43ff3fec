"""Addresses of a registration's private pages and feeds: absolute, on the site's own
address, for e-mails; a path for redirects."""

from django.urls import reverse

from sessions.calendars.feeds import feed_links_for

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


def site_feed_links(page, url_name, *args, title):
    """A feed's links on the site's own address (an e-mail has no request to go by)."""
    return feed_links_for(page.get_site().root_url + reverse(url_name, args=args), title=title)


def email_context(registration):
    page = registration_page(registration.edition)
    return {
        "registration": registration,
        "edition": registration.edition,
        "page": page,
        "manage_url": manage_url(page, registration),
        "confirm_url": confirm_url(page, registration),
        "waitlist_position": waitlist_position(registration),
        "personal_feed": site_feed_links(
            page,
            "personal-calendar",
            registration.reference,
            registration.feed_token,
            title="My sessions",
        ),
        "agenda_feed": site_feed_links(
            page,
            "calendar-agenda",
            registration.edition.pk,
            title=f"{registration.edition.title} agenda",
        ),
        "venue": registration.edition.venue,
    }
