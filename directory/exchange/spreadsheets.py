"""Reading a partner's XLSX workbook as rows of text, within bounds.

The first sheet is read in openpyxl's read-only mode (streamed), formulas as the values the
spreadsheet last computed, dates as AAAA-MM-JJ. A workbook is a zip: its uncompressed size, its rows
and its columns are bounded before and while reading, so a small upload cannot unfold into gigabytes.
"""

import datetime
import io
import zipfile

import openpyxl

from ess_site.typography import french

from .errors import ImportFileError

ZIP_MAGIC = b"PK\x03\x04"
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 100


def is_xlsx(content):
    return content[:4] == ZIP_MAGIC


def _refuse(text):
    return ImportFileError(french(text))


def cell_text(value):
    """A cell's value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def xlsx_rows(content):
    """(row number, cells as text) of the workbook's first sheet, header first."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unfolded = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        raise _refuse(
            "Le classeur XLSX est illisible : enregistrez-le à nouveau ou exportez-le en CSV UTF-8."
        ) from None
    if unfolded > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            f"Classeur trop volumineux : {unfolded // (1024 * 1024)} Mo une fois décompressé, "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} Mo au plus. Découpez-le ou exportez-le en CSV."
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign file
        raise _refuse(
            "Le classeur XLSX est illisible : enregistrez-le à nouveau ou exportez-le en CSV UTF-8."
        ) from error
    sheet = workbook.worksheets[0]
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        workbook.close()
        raise _too_many_rows()
    return _sheet_rows(workbook, sheet)


def _too_many_rows():
    return _refuse(f"Classeur trop volumineux : {MAX_ROWS} lignes au plus. Découpez-le en plusieurs fichiers.")


def _sheet_rows(workbook, sheet):
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows()
            yield number, [cell_text(value) for value in row]
    finally:
        workbook.close()
