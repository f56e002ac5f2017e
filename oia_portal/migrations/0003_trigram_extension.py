from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class GuardedTrigramExtension(TrigramExtension):
    """pg_trgm for the site search's trigram matching; nothing on other databases
    (the SQLite demo searches by substring only)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("oia_portal", "0002_staff_groups"),
    ]

    operations = [
        GuardedTrigramExtension(),
    ]
