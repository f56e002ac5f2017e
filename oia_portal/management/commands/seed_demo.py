import secrets
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

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
        with transaction.atomic():
            demo.seed_site_settings()
            for app_seed in demo.app_seeders():
                app_seed(scale=scale, stdout=self.stdout, draw_images=not no_images)
            # The demo bulk-creates programmes, which skips save() and its search words.
            search_documents.refresh_all_vectors(missing_only=True)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))

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
