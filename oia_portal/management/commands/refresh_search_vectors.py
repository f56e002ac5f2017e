from django.core.management.base import BaseCommand

from oia_portal.search.documents import refresh_all_vectors


class Command(BaseCommand):
    help = (
        "Store the site search's words for every partner, programme, scholar, event and news article "
        "(PostgreSQL). Saving a row does this by itself; run it after loading rows some other way."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only rows that have none yet.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, missing, database, **options):
        written = refresh_all_vectors(database, missing_only=missing)
        self.stdout.write(f"Search words stored for {written} rows.")
