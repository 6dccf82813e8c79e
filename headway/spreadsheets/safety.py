"""Opening an uploaded spreadsheet safely: limits first, then a streaming, values-only read.

An .xlsx file is a zip of XML. Before anything is unpacked the zip's directory is checked (number
of entries, declared sizes, compression ratio), so a zip bomb is refused without inflating it.
XML entity declarations are refused (defusedxml is installed, so openpyxl refuses them too), and
so are formulas: Headway takes values, never a spreadsheet's computations.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings

from .cells import column_letter
from .problems import Problem, SpreadsheetRefused

MAX_BYTES = settings.HEADWAY_SPREADSHEET_MAX_BYTES
MAX_ZIP_ENTRIES = 500
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
# Spreadsheet XML compresses about tenfold; a thousandfold entry is a bomb, not a plan.
MAX_COMPRESSION_RATIO = 200
_RATIO_APPLIES_ABOVE = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)

XLSX = "xlsx"
CSV = "csv"


@dataclass
class SheetRows:
    """One sheet's rows as plain values, numbered as the spreadsheet numbers them."""

    name: str
    rows: Iterator[tuple[int, tuple[object, ...]]]


def file_kind(filename: str) -> str:
    lowered = filename.lower()
    if lowered.endswith(".xlsx"):
        return XLSX
    if lowered.endswith(".csv"):
        return CSV
    raise SpreadsheetRefused(
        f"{filename!r} is neither an Excel workbook (.xlsx) nor a CSV file (.csv). "
        "Older .xls workbooks must be saved as .xlsx first."
    )


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise SpreadsheetRefused(
            f"The file is {size / 1024 / 1024:.1f} MB; the largest Headway accepts is "
            f"{MAX_BYTES / 1024 / 1024:.0f} MB."
        )
    if size == 0:
        raise SpreadsheetRefused("The file is empty.")


def read_sheets(data: bytes, filename: str) -> list[SheetRows]:
    """The file's sheets (a CSV file is one sheet), checked and streamed."""
    check_size(len(data))
    kind = file_kind(filename)
    if kind == CSV:
        return [SheetRows("CSV", iter(read_csv(data)))]
    workbook = open_workbook(data)
    return [
        SheetRows(sheet.title, _numbered(sheet.iter_rows(values_only=True)))
        for sheet in workbook.worksheets
    ]


def _numbered(rows) -> Iterator[tuple[int, tuple[object, ...]]]:
    yield from enumerate(rows, start=1)


def open_workbook(data: bytes) -> openpyxl.Workbook:
    """Open an .xlsx read-only and values-only, after checking it is safe to unpack."""
    check_size(len(data))
    if data.startswith(_OLE_MAGIC):
        raise SpreadsheetRefused(
            "This is an old-style Excel file (.xls) or a password-protected workbook, not an "
            ".xlsx workbook; open it in Excel and save it as 'Excel Workbook (.xlsx)'."
        )
    if not data.startswith(b"PK\x03\x04"):
        raise SpreadsheetRefused(
            "This file is not an Excel workbook: an .xlsx file is a zip package, and this one "
            "is something else renamed. Save it from Excel as 'Excel Workbook (.xlsx)'."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SpreadsheetRefused(
            f"This file is not a readable Excel workbook: its zip package is damaged ({exc})."
        ) from None
    with archive:
        _check_zip_directory(archive)
        _check_xml_entries(archive)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DefusedXmlException:
        raise SpreadsheetRefused(_ENTITY_MESSAGE) from None
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        raise SpreadsheetRefused(
            f"This file could not be read as an Excel workbook ({type(exc).__name__}: {exc})."
        ) from None


_ENTITY_MESSAGE = (
    "The workbook's XML declares entities (a DOCTYPE), which Excel never writes and attacks "
    "use; Headway refuses it. Save the data into a new workbook from Excel."
)


def _check_zip_directory(archive: zipfile.ZipFile) -> None:
    """Refuse what would be dangerous to unpack, using only the zip's directory."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise SpreadsheetRefused(
            f"The workbook's package holds {len(entries)} parts; a spreadsheet has a few dozen "
            f"and Headway accepts at most {MAX_ZIP_ENTRIES}."
        )
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise SpreadsheetRefused(
                "The workbook is encrypted; remove the password and save it again."
            )
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_APPLIES_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise SpreadsheetRefused(
                f"The workbook's part {entry.filename!r} would unpack to "
                f"{entry.file_size / 1024 / 1024:.0f} MB from "
                f"{entry.compress_size / 1024:.0f} KB (a zip bomb); Headway refuses it."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetRefused(
            f"The workbook would unpack to {total / 1024 / 1024:.0f} MB; Headway accepts at "
            f"most {MAX_UNCOMPRESSED_BYTES / 1024 / 1024:.0f} MB."
        )
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SpreadsheetRefused(
            "This zip file is not an Excel workbook (it has no xl/workbook.xml); save it from "
            "Excel as 'Excel Workbook (.xlsx)'."
        )


def _check_xml_entries(archive: zipfile.ZipFile) -> None:
    """Refuse entity declarations anywhere, and formulas in any worksheet.

    Reading stops at each entry's declared size (zipfile enforces it), so this cannot be made
    to inflate more than the directory check allowed.
    """
    for entry in archive.infolist():
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(entry) as stream:
            head = stream.read(64 * 1024)
            if _DECLARATION.search(head):
                raise SpreadsheetRefused(_ENTITY_MESSAGE)
            if entry.filename.startswith("xl/worksheets/") and _has_formula(stream, head):
                cell = _first_formula_cell(archive, entry.filename)
                raise SpreadsheetRefused(
                    Problem(
                        sheet=_sheet_title(archive, entry.filename),
                        column=cell,
                        message=(
                            "This cell holds a formula. Headway imports values only: copy the "
                            "sheet and 'Paste values' over the formulas, then upload again."
                        ),
                    )
                )


def _has_formula(stream, head: bytes) -> bool:
    tail = b""
    chunk = head
    while chunk:
        if _FORMULA_TAG.search(tail + chunk):
            return True
        tail = chunk[-32:]
        chunk = stream.read(1024 * 1024)
    return False


def _first_formula_cell(archive: zipfile.ZipFile, name: str) -> str:
    cell = ""
    try:
        with archive.open(name) as stream:
            for _event, element in iterparse(stream, events=("start",)):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "c":
                    cell = element.get("r", "")
                elif tag == "f":
                    return cell
    except DefusedXmlException:
        raise SpreadsheetRefused(_ENTITY_MESSAGE) from None
    except Exception:  # noqa: S110 - the formula itself is already reason enough to refuse
        pass
    return cell


def _sheet_title(archive: zipfile.ZipFile, part: str) -> str:
    """The sheet's name as Excel shows it, for the message; the part name if it cannot be told."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return part
    target = part.removeprefix("xl/")
    rel = re.search(r'Id="([^"]+)"[^>]*Target="/?(?:xl/)?' + re.escape(target) + '"', rels)
    rel = rel or re.search(r'Target="/?(?:xl/)?' + re.escape(target) + r'"[^>]*Id="([^"]+)"', rels)
    if not rel:
        return part
    sheet = re.search(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="' + re.escape(rel[1]) + '"', workbook)
    return sheet[1] if sheet else part


def read_csv(data: bytes) -> list[tuple[int, tuple[object, ...]]]:
    """A CSV file's rows, numbered from 1. Only UTF-8 text is accepted, with or without a BOM."""
    check_size(len(data))
    if b"\x00" in data:
        raise SpreadsheetRefused(
            "This file is not a CSV text file (it holds binary data). If it is a workbook, "
            "upload it as .xlsx."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise SpreadsheetRefused(
            Problem(
                row=row,
                value=f"byte 0x{data[exc.start]:02x}",
                message=(
                    "The file is not UTF-8 text, so its letters cannot be read reliably. "
                    "Expected UTF-8: in Excel choose 'Save as' → 'CSV UTF-8 (Comma delimited)'."
                ),
            )
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        rows = [(number, tuple(row)) for number, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise SpreadsheetRefused(f"The CSV file could not be read: {exc}.") from None
    _refuse_csv_formulas(rows)
    return rows


def _refuse_csv_formulas(rows: list[tuple[int, tuple[object, ...]]]) -> None:
    """A CSV cell starting with '=' is a formula to any spreadsheet that opens the file.

    Headway's own exports neutralise such text with an apostrophe, which imports back as text.
    """
    problems = [
        Problem(
            row=number,
            column=column_letter(index),
            value=str(value)[:80],
            message=(
                "This cell is a formula. Headway imports values only; if it is meant as text, "
                "put an apostrophe before the '='."
            ),
        )
        for number, row in rows
        for index, value in enumerate(row)
        if isinstance(value, str) and value.lstrip().startswith("=")
    ]
    if problems:
        raise SpreadsheetRefused(problems)
