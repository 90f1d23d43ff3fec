"""When organisers publish a registration page, seats a raised capacity freed go to the
waitlist in order (the decision itself is in services)."""

from wagtail.signals import page_published


def promote_after_publish(sender, instance, **kwargs):
    from .services import promote_waitlist

    promote_waitlist(instance.edition)


def connect():
    from .models import RegistrationPage

    page_published.connect(
        promote_after_publish, sender=RegistrationPage, dispatch_uid="registrations-promote"
    )
