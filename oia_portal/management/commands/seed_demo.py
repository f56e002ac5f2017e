import secrets
import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from core import content_cache
from core.roles import ROLE_PERMISSIONS
from oia_portal import demo
from oia_portal.search import documents as search_documents


class Command(BaseCommand):
    help = "Load a complete, realistic, bilingual demo site. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the amounts (for benchmarks).")
        parser.add_argument("--no-images", action="store_true", help="Skip drawing images (faster).")

    def handle(self, *args, scale, no_images, **options):
        if scale < 1:
            self.stderr.write("--scale must be 1 or more")
            return
        started = time.monotonic()
        # Accounts first: the demo agreements get an owner who receives reminders.
        self._demo_accounts()
        with transaction.atomic(), self._text_indexes_built_after(enabled=scale > 1):
            demo.seed_site_settings()
            for app_seed in demo.app_seeders():
                step = time.monotonic()
                app_seed(scale=scale, stdout=self.stdout, draw_images=not no_images)
                self._took(app_seed, step)
            # The demo bulk-creates its rows, which skips save() and its search words.
            step = time.monotonic()
            search_documents.refresh_all_vectors(missing_only=True)
            self._took(search_documents.refresh_all_vectors, step)
        # bulk_create sends no signal: pages a running site has cached are told here, once.
        for table in content_cache.content_tables():
            content_cache.bump_table(table)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))

    @contextmanager
    def _text_indexes_built_after(self, enabled):
        """The search indexes (GIN: trigrams, text vectors) dropped while the rows go in, and
        built once at the end, inside the same transaction.

        Kept up to date row by row, they were most of PostgreSQL's work at ×100 (every
        inserted row, then every row again when its search words were stored). Only for
        --scale above 1: the tables are locked meanwhile, which a benchmark database built
        from nothing does not mind, and a live site reseeded at ×1 would.
        """
        if not enabled:
            yield
            return
        tables = sorted(content_cache.content_tables())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexdef LIKE '%%USING gin%%'",
                [tables],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        started = time.monotonic()
        with connection.cursor() as cursor:
            # Foreign keys are checked at commit; PostgreSQL builds no index on a table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
        self.stdout.write(f"  ({len(indexes)} search indexes built: {time.monotonic() - started:.1f} s)")

    def _took(self, function, started):
        """Each step's time, so that a slow one shows at ×100 without a profiler."""
        self.stdout.write(f"  ({function.__module__}.{function.__name__}: {time.monotonic() - started:.1f} s)")

    def _demo_accounts(self):
        """A superuser and one editor per staff group, each with a fresh random password.

        Passwords are printed once, when the account is made; nothing fixed or
        well-known exists. `manage.py changepassword NAME` sets a new one.
        """
        User = get_user_model()
        accounts = [("admin", None)] + [
            (group_name.lower().replace(" ", "-"), group_name) for group_name in ROLE_PERMISSIONS
        ]
        for username, group_name in accounts:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            if group_name is None:
                User.objects.create_superuser(username, f"{username}@example.edu", password)
            else:
                user = User.objects.create_user(username, f"{username}@example.edu", password, is_staff=True)
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(f"Admin account {username!r} created with password: {password}")
