"""When organisers publish a registration page, seats a raised capacity freed go to the
waitlist in order (the decision itself is in services). And the signal other apps hear
when a registration's personal data are erased, to erase what they keep of it."""

from django.dispatch import Signal

from wagtail.signals import page_published

# Sent with `registration`, inside the transaction that erases it (erasure or retention).
registration_erased = Signal()
# Sent with `registration`, inside the transaction, after its status or its directory
# listing changed: whoever builds on it checks whether it still takes part. Not sent when an
# unconfirmed address is confirmed (services.confirm_address): an address not confirmed
# since it last registered has taken part in nothing yet, so there is nothing to end, and
# that change is made while the edition's seats are locked.
registration_changed = Signal()


def promote_after_publish(sender, instance, **kwargs):
    from .services import promote_waitlist

    promote_waitlist(instance.edition)


def connect():
    from .models import RegistrationPage

    page_published.connect(
        promote_after_publish, sender=RegistrationPage, dispatch_uid="registrations-promote"
    )
