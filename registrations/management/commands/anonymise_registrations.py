from django.core.management.base import BaseCommand

from registrations.services import anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of registrations for editions that ended longer ago "
        "than their retention period. Counts by sector and country are kept. Run it daily."
    )

    def handle(self, *args, **options):
        count = anonymise_expired()
        self.stdout.write(f"Anonymised {count} registration(s).")
