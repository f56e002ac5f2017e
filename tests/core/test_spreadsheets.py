"""The one export path: every format, every export, no live formula, Chinese that Excel reads."""

import csv
import io

import openpyxl
import tablib

from core.spreadsheets import SafeCSV, SafeXLSX, dataset, spreadsheet_safe

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "林美玲", "R&D <2027>"]


def hostile_dataset():
    return dataset(["name", "score"], [[text, 3.85] for text in HOSTILE])


def test_formula_looking_text_is_made_inert():
    assert spreadsheet_safe('=HYPERLINK("http://evil")') == "'=HYPERLINK(\"http://evil\")"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"


def test_ordinary_text_and_numbers_pass_unchanged():
    assert spreadsheet_safe("林美玲") == "林美玲"
    assert spreadsheet_safe(3.85) == "3.85"
    assert spreadsheet_safe(None) == ""


def test_csv_starts_with_a_bom_and_has_no_cell_a_spreadsheet_would_run():
    body = SafeCSV().export_data(hostile_dataset())
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0] == ["name", "score"]
    names = [row[0] for row in rows[1:]]
    assert not [name for name in names if name[:1] in "=+-@\t\r"]
    assert names[-2:] == ["林美玲", "R&D <2027>"]


def test_xlsx_keeps_the_characters_typed_as_text_cells():
    workbook = openpyxl.load_workbook(io.BytesIO(SafeXLSX().export_data(hostile_dataset())))
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == HOSTILE
    assert {cell.data_type for cell in cells} == {"s"}  # "f" would be a live formula
    assert workbook.active.cell(2, 2).value == 3.85


def test_xlsx_replaces_characters_excel_cannot_hold():
    workbook = openpyxl.load_workbook(io.BytesIO(SafeXLSX().export_data(dataset(["name"], [["a\x01b"]]))))
    assert workbook.active.cell(2, 1).value == "a\ufffdb"


def test_csv_exported_then_imported_gives_back_the_characters_typed():
    imported = SafeCSV().create_dataset(SafeCSV().export_data(hostile_dataset()).encode("utf-8"))
    assert isinstance(imported, tablib.Dataset)
    assert [row[0] for row in imported] == HOSTILE
