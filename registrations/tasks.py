"""Background work. With no task backend configured, tasks run in-process once the
transaction that queued them commits; a worker runs them in production."""

from django.tasks import task


@task
def deliver_email(outgoing_email_id):
    # Imported here: emails needs services, which queues this task.
    from .emails import deliver

    deliver(outgoing_email_id)
