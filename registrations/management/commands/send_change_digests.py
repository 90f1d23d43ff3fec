from django.core.management.base import BaseCommand

from registrations.digests import send_change_digests


class Command(BaseCommand):
    help = (
        "E-mail attendees a digest of the schedule changes that concern them, once an "
        "edition's programme has been quiet for a while. Run it every few minutes from the "
        "scheduler; running it again never sends a change twice."
    )

    def handle(self, *args, **options):
        queued = send_change_digests()
        self.stdout.write(f"Queued {queued} digest e-mail(s) of schedule changes.")
