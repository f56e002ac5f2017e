from django.db import migrations


class Migration(migrations.Migration):
    """SiteSettings now belongs to core (core/migrations/0001_site_settings.py); its table is kept."""

    dependencies = [
        ("oia_portal", "0003_trigram_extension"),
        ("core", "0001_site_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteSettings")], database_operations=[]
        ),
    ]
