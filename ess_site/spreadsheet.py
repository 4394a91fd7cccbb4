"""CSV cells that a spreadsheet would run as formulas ("CSV injection", OWASP), neutralised.

Every CSV the site writes passes its cells through `neutralise_cell` (directory/exchange/exporters.py,
the import report, and Wagtail's admin exports through `neutralise_admin_exports`): a text cell that
starts with = + - @, a tab or a carriage return gets a leading apostrophe, which spreadsheets read as
"this is text". A plain number ("-5.36") is no formula and is left as it is. JSON exports never
use this: they stay exact. Our own importer removes the apostrophe again (`restore_cell`), so an
export imports back unchanged.

defusedcsv (PyPI) does this as a csv-module replacement, but it wraps values in quotes on both
ends and leaves negative-looking expressions such as "-2+3" alone; the rule here is OWASP's, in a
dozen lines.
"""

import csv
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise_cell(value):
    """The value to write in a CSV cell: text that a spreadsheet would evaluate gets a leading `'`."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_row(values):
    return [neutralise_cell(value) for value in values]


class SafeCsvWriter:
    """csv.writer whose rows are neutralised: what every CSV of ours is written with."""

    def __init__(self, file, **options):
        self.writer = csv.writer(file, lineterminator="\r\n", **options)

    def writerow(self, values):
        return self.writer.writerow(neutralise_row(values))


def restore_cell(text):
    """The inverse, for our importer: `'=1+1` read back from one of our exports is `=1+1`."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


def neutralise_admin_exports():
    """Wagtail's admin CSV exports (listings of wagtail-modeladmin and snippets, reports, form
    submissions) all write their rows through SpreadsheetExportMixin.write_csv_row: its cells are
    neutralised there, once, at start-up (ess_site/apps.py). The xlsx export already types
    formulas as text (Wagtail does it)."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "neutralised", False):
        return
    original = SpreadsheetExportMixin.write_csv_row

    def write_csv_row(self, writer, row_dict):
        return original(self, _NeutralisingWriter(writer), row_dict)

    write_csv_row.neutralised = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row


class _NeutralisingWriter:
    """A csv.DictWriter stand-in that neutralises each value on its way to the real one."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({key: neutralise_cell(value) for key, value in row.items()})
