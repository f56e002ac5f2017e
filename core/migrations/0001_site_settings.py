"""The site settings move from the project package to core; the table and its row stay as they are."""

import core.images
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    # Permissions, admin log entries and group grants point at the content type: keep it, relabelled.
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="sitesettings").exists():
        ContentType.objects.filter(app_label="oia_portal", model="sitesettings").update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("oia_portal", "0003_trigram_extension"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "institution_name",
                            models.CharField(
                                default="Southern Taiwan University of Science and Technology",
                                max_length=200,
                                verbose_name="institution name",
                            ),
                        ),
                        (
                            "institution_name_en",
                            models.CharField(
                                default="Southern Taiwan University of Science and Technology",
                                max_length=200,
                                null=True,
                                verbose_name="institution name",
                            ),
                        ),
                        (
                            "institution_name_zh_hant",
                            models.CharField(
                                default="Southern Taiwan University of Science and Technology",
                                max_length=200,
                                null=True,
                                verbose_name="institution name",
                            ),
                        ),
                        ("short_name", models.CharField(default="STUST", max_length=30, verbose_name="short name")),
                        (
                            "office_name",
                            models.CharField(
                                default="Office of International Affairs", max_length=200, verbose_name="office name"
                            ),
                        ),
                        (
                            "office_name_en",
                            models.CharField(
                                default="Office of International Affairs",
                                max_length=200,
                                null=True,
                                verbose_name="office name",
                            ),
                        ),
                        (
                            "office_name_zh_hant",
                            models.CharField(
                                default="Office of International Affairs",
                                max_length=200,
                                null=True,
                                verbose_name="office name",
                            ),
                        ),
                        ("tagline", models.CharField(blank=True, max_length=255, verbose_name="tagline")),
                        ("tagline_en", models.CharField(blank=True, max_length=255, null=True, verbose_name="tagline")),
                        (
                            "tagline_zh_hant",
                            models.CharField(blank=True, max_length=255, null=True, verbose_name="tagline"),
                        ),
                        ("address", models.TextField(blank=True, verbose_name="address")),
                        ("address_en", models.TextField(blank=True, null=True, verbose_name="address")),
                        ("address_zh_hant", models.TextField(blank=True, null=True, verbose_name="address")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("phone", models.CharField(blank=True, max_length=50, verbose_name="phone")),
                        ("office_hours", models.CharField(blank=True, max_length=200, verbose_name="office hours")),
                        (
                            "office_hours_en",
                            models.CharField(blank=True, max_length=200, null=True, verbose_name="office hours"),
                        ),
                        (
                            "office_hours_zh_hant",
                            models.CharField(blank=True, max_length=200, null=True, verbose_name="office hours"),
                        ),
                        (
                            "logo",
                            core.images.PortalImageField(
                                blank=True, max_length=200, upload_to="site", verbose_name="logo"
                            ),
                        ),
                        ("facebook_url", models.URLField(blank=True, verbose_name="Facebook page")),
                        ("instagram_url", models.URLField(blank=True, verbose_name="Instagram account")),
                        ("youtube_url", models.URLField(blank=True, verbose_name="YouTube channel")),
                        ("line_url", models.URLField(blank=True, verbose_name="LINE account")),
                    ],
                    options={
                        "verbose_name": "site settings",
                        "verbose_name_plural": "site settings",
                        "db_table": "oia_portal_sitesettings",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
