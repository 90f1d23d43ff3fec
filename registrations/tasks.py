"""Background work. With no task backend configured, tasks run in-process once the
transaction that queued them commits; a worker runs them in production."""

from django.tasks import task


@task
def deliver_email(outgoing_email_id):
    from .emails import deliver

    deliver(outgoing_email_id)


@task
def send_due_emails():
    from .emails import send_due

    return send_due()


@task
def anonymise_expired_registrations():
    from .services import anonymise_expired

    return anonymise_expired()
