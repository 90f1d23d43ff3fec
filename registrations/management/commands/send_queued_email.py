from django.core.management.base import BaseCommand

from registrations.emails import send_due


class Command(BaseCommand):
    help = (
        "Send the registration e-mails that are due: new ones whose sending failed and "
        "retries. Run it every minute from the scheduler."
    )

    def handle(self, *args, **options):
        sent, owed = send_due()
        self.stdout.write(f"Sent {sent} e-mail(s); {owed} still queued.")
