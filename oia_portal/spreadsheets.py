"""CSV downloads for staff that open cleanly in Excel, Chinese names included."""

import csv
import io

from django.http import HttpResponse

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text typed by the public must not run as a spreadsheet formula."""
    text = str(value if value is not None else "")
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def write_csv(out, header, rows):
    """UTF-8 with a BOM (so that Excel reads it as UTF-8); every cell made safe."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([str(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out


def csv_download(filename, header, rows):
    """An attachment that opens cleanly in Excel."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return write_csv(response, header, rows)


def csv_text(header, rows):
    """The same CSV as a string, for an e-mail attachment."""
    return write_csv(io.StringIO(), header, rows).getvalue()
