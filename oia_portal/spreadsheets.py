"""CSV downloads for staff that open cleanly in Excel, Chinese names included."""

import csv

from django.http import HttpResponse

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text typed by the public must not run as a spreadsheet formula."""
    text = str(value if value is not None else "")
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def csv_download(filename, header, rows):
    """An attachment in UTF-8 with a BOM (so that Excel reads it as UTF-8); every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response
