from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the site search's trigram matching."""

    dependencies = [
        ("oia_portal", "0002_staff_groups"),
    ]

    operations = [
        TrigramExtension(),
    ]
