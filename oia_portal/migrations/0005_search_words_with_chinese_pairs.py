"""The stored search vectors gain the pairs of Chinese characters (search/documents.py):
every vector is emptied here and written again, with its pairs, by the refresh that runs
after every migrate (refresh_missing_after_migrate)."""

from django.db import migrations

SEARCHED_TABLES = [
    "partners_partneruniversity",
    "exchanges_exchangeprogram",
    "scholars_scholar",
    "events_event",
    "events_newsarticle",
    "abroad_courseequivalence",
    "abroad_experiencereport",
]


class Migration(migrations.Migration):
    dependencies = [
        ("oia_portal", "0004_site_settings_moved_to_core"),
        ("partners", "0006_fact_sheet_decision_weeks_and_exchange_contact"),
        ("exchanges", "0012_programme_title_index"),
        ("scholars", "0003_search_text_and_indexes"),
        ("events", "0005_search_text_and_indexes"),
        ("abroad", "0002_departments_from_data"),
    ]

    operations = [
        migrations.RunSQL([f"UPDATE {table} SET search_vector = NULL" for table in SEARCHED_TABLES], migrations.RunSQL.noop)
    ]
