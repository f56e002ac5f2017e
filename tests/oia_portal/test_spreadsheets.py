import csv
import io

from oia_portal.spreadsheets import csv_download, spreadsheet_safe


def test_formula_looking_text_is_made_inert():
    assert spreadsheet_safe("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"


def test_ordinary_text_and_numbers_pass_unchanged():
    assert spreadsheet_safe("林美玲") == "林美玲"
    assert spreadsheet_safe(3.85) == "3.85"
    assert spreadsheet_safe(None) == ""


def test_download_starts_with_a_bom_and_reads_back_in_chinese():
    response = csv_download("people.csv", ["name"], [["林美玲"], ["-1+1"]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows == [["name"], ["林美玲"], ["'-1+1"]]
