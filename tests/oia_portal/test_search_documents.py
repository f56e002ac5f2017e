"""The stored search words: written on save, kept in step with the partner's
name, filled in for rows that skipped save(), and never part of a row's history."""

import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command

from exchanges.models import ExchangeProgram
from oia_portal.search.documents import refresh_all_vectors
from partners.models import PartnerUniversity
from tests.events.factories import NewsArticleFactory
from tests.exchanges.factories import ExchangeProgramFactory
from tests.oia_portal.test_search import found_titles
from tests.partners.factories import PartnerUniversityFactory

pytestmark = pytest.mark.django_db


def stored_match(model, words):
    """Rows whose stored vector matches, without the substring search's help."""
    return set(model.objects.filter(search_vector=SearchQuery(words, config="english")).values_list("pk", flat=True))


def test_saving_a_partner_stores_its_stemmed_words():
    partner = PartnerUniversityFactory(name_en="Hokkaido University", description_en="Renowned for agricultural research.")

    assert stored_match(PartnerUniversity, "agriculture researchers") == {partner.pk}


def test_editing_a_description_replaces_the_stored_words():
    partner = PartnerUniversityFactory(description_en="Known for marine biology.")
    partner.description_en = "Known for robotics."
    partner.save()

    assert stored_match(PartnerUniversity, "marine") == set()
    assert stored_match(PartnerUniversity, "robotics") == {partner.pk}


def test_words_in_chinese_fields_are_stored_too():
    article = NewsArticleFactory(title_en="Scholarship news", title_zh_hant="獎學金 新聞")

    assert stored_match(type(article), "獎學金") == {article.pk}


def test_renaming_a_partner_refreshes_its_programmes_words():
    partner = PartnerUniversityFactory(name_en="Old Name University")
    programme = ExchangeProgramFactory(partner=partner, title_en="Semester exchange")
    other = ExchangeProgramFactory(title_en="Summer school")
    assert stored_match(ExchangeProgram, "Old") == {programme.pk}

    partner.name_en = "Kanazawa Institute"
    partner.save()

    assert stored_match(ExchangeProgram, "Kanazawa") == {programme.pk}
    assert stored_match(ExchangeProgram, "Old") == set()
    assert other.pk not in stored_match(ExchangeProgram, "Kanazawa")


def test_stemmed_partner_name_finds_its_programme_through_the_stored_words():
    partner = PartnerUniversityFactory(name_en="Lübeck Institute of Applied Science")
    ExchangeProgramFactory(partner=partner, title_en="Semester exchange in Lübeck")

    # "sciences" is no substring of anything here; only the stemmed partner name matches.
    assert found_titles("programmes", "applied sciences") == ["Semester exchange in Lübeck"]


def test_bulk_created_programmes_get_their_words_from_the_command():
    partner = PartnerUniversityFactory()
    ExchangeProgram.objects.bulk_create([ExchangeProgramFactory.build(partner=partner, title_en="Double degree in logistics")])
    assert stored_match(ExchangeProgram, "logistics") == set()

    call_command("refresh_search_vectors", "--missing", stdout=io.StringIO())

    assert len(stored_match(ExchangeProgram, "logistics")) == 1


def test_refreshing_only_missing_rows_leaves_stored_ones_alone():
    PartnerUniversityFactory()
    partner = PartnerUniversityFactory()
    PartnerUniversity.objects.filter(pk=partner.pk).update(search_vector=None)

    assert refresh_all_vectors(missing_only=True) == 1
    assert refresh_all_vectors(missing_only=True) == 0


def test_partner_history_does_not_record_the_search_words():
    partner = PartnerUniversityFactory(description_en="First text.")
    partner.description_en = "Second text."
    partner.save()

    newest, previous = partner.history.all()[:2]
    changed = {change.field for change in newest.diff_against(previous).changes}
    assert changed == {"description"}
    assert not hasattr(newest, "search_vector")


def test_pairs_of_chinese_characters_are_stored_as_words_of_their_own():
    kyoto = PartnerUniversityFactory(name_zh_hant="京都大學", city_zh_hant="")
    PartnerUniversityFactory(name_zh_hant="東京工業大學", city_en="Tokyo", city_zh_hant="東京")

    pairs = SearchQuery("京都", search_type="raw", config="simple")
    assert set(PartnerUniversity.objects.filter(search_vector=pairs).values_list("pk", flat=True)) == {kyoto.pk}


def test_a_two_character_chinese_search_is_answered_from_the_vectors_index():
    from django.db import connection

    from oia_portal.search.backends import indexed_matches
    from oia_portal.search.kinds import KINDS_BY_KEY

    kyoto = PartnerUniversityFactory(name_en="Kyoto University", name_zh_hant="京都大學", city_zh_hant="")
    PartnerUniversityFactory(name_en="Tokyo Tech", name_zh_hant="東京工業大學", city_en="Tokyo", city_zh_hant="東京")
    partners = KINDS_BY_KEY["partners"]
    condition = indexed_matches(partners, "京都", SearchQuery("京都", config="english"))
    assert list(partners.queryset().filter(condition)) == [kyoto]
    # No order: the plan is about finding the rows (a name index would otherwise serve the sort).
    sql, params = PartnerUniversity.objects.filter(condition).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        # On a table this small a sequential scan is cheaper; what matters is which index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Not the trigram index: it has no trigram of a two-character word and would return every row.
    assert "partner_search_vector" in plan
    assert "partner_search_text_trgm" not in plan and "Seq Scan" not in plan
    # The pairs must also stand in order: 京大 is two characters of 京都大學, not a pair of it.
    assert found_titles("partners", "京大", "zh-hant") == []
    assert found_titles("partners", "都大", "zh-hant") == ["京都大學"]
