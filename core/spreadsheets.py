"""The one way a spreadsheet leaves the portal: CSV and Excel, safe to open.

Every export (the admin's import-export pages and the portal's own export
actions) writes through the two formats below, so each carries the same
guarantees:

- no cell runs as a formula: in CSV a text cell that a spreadsheet would
  evaluate (starting with =, +, -, @, tab or carriage return) gets a leading
  apostrophe, which Excel and LibreOffice show as "text"; in Excel files such a
  cell is stored as a text cell (with Excel's own "quote prefix"), so it keeps
  exactly the characters typed;
- CSV is UTF-8 with a byte-order mark, so that Excel reads Chinese names;
- control characters that Excel files cannot hold become U+FFFD instead of
  failing the export.

Importing a CSV that the portal exported removes the apostrophes again, so an
export can be edited and imported back unchanged.
"""

import csv
import io

import tablib
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import format_lazy
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def spreadsheet_safe(value):
    """A CSV cell: text that would run as a formula gets a leading apostrophe."""
    text = str(value if value is not None else "")
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _unescaped(value):
    """The inverse of spreadsheet_safe for a CSV being imported."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS and value[1:2]:
        return value[1:]
    return value


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(header) for header in dataset.headers or ()])
        for row in dataset:
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        return BOM + buffer.getvalue()

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.removeprefix(BOM)
        dataset = tablib.import_set(in_stream, format="csv", **kwargs)
        unescaped = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            unescaped.append([_unescaped(cell) for cell in row])
        return unescaped


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = (dataset.title or "Export")[:31]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(header)) for header in dataset.headers or ()])
        for row in dataset:
            sheet.append([_xlsx_value(cell) for cell in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    # openpyxl makes any text starting with "=" a formula; this is text.
                    cell.data_type = "s"
                    cell.quotePrefix = cell.value[:1] in FORMULA_STARTS
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if value is None or isinstance(value, int | float | bool) or hasattr(value, "year"):
        return value
    return str(value)


# The formats every export offers, CSV first.
EXPORT_FORMATS = [SafeCSV, SafeXLSX]


def export_response(dataset, file_format, filename_stem):
    """An attachment of `dataset` in `file_format` (a class above)."""
    fmt = file_format()
    response = HttpResponse(fmt.export_data(dataset), content_type=_content_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{fmt.get_extension()}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _content_type(fmt):
    content_type = fmt.get_content_type()
    return f"{content_type}; charset=utf-8" if content_type.startswith("text/") else content_type


def dataset(headers, rows, title=""):
    """A tablib Dataset from translated headers and rows of cell values."""
    data = tablib.Dataset(headers=[str(header) for header in headers], title=title)
    for row in rows:
        data.append(list(row))
    return data


def export_actions(name, description, build, logged=None):
    """Two admin actions, `name` (CSV) and `name_xlsx` (Excel), for one export.

    `build(modeladmin, request, queryset)` returns (dataset, file name without extension).
    Exporting needs the view permission, like the admin's own export pages. `logged`, a
    decorator such as the access log's, wraps each action (it keeps the action's name).
    """
    actions = []
    for file_format, suffix, label in ((SafeCSV, "", "CSV"), (SafeXLSX, "_xlsx", "Excel")):

        def action(modeladmin, request, queryset, file_format=file_format):
            data, stem = build(modeladmin, request, queryset)
            return export_response(data, file_format, stem)

        action.__name__ = f"{name}{suffix}"
        action.short_description = format_lazy("{description} ({format})", description=description, format=label)
        action.allowed_permissions = ("view",)
        action.spreadsheet_format = file_format
        actions.append(logged(action) if logged else action)
    return actions
