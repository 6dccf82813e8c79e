"""Hostile and damaged workbooks forged from good ones, for the bad-file corpus.

Each takes a good .xlsx (a plan or an update sheet) and returns it made hostile. All are built in
memory and small: the attacks they stand for (a 4-million-row sheet, say) are shown by a sheet
just over a limit set low, not by a large file.
"""

import io
import os
import re
import struct
import zipfile

from .files import rewrite_zip

SHEET = "xl/worksheets/sheet1.xml"


def part(data: bytes, name: str = SHEET) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def with_sheet(data: bytes, change, name: str = SHEET) -> bytes:
    return rewrite_zip(data, {name: change(part(data, name))})


def under_declared(data: bytes, name: str = SHEET) -> bytes:
    """The zip's central directory declares the part smaller than it is: reading it stops short
    and fails its checksum ("Bad CRC-32")."""
    data = bytearray(data)
    encoded = name.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + length]) == encoded:
            size = struct.unpack_from("<I", data, at + 24)[0]
            struct.pack_into("<I", data, at + 24, size // 2)
            return bytes(data)
    raise AssertionError(f"{name} is not in the package")


def truncated(data: bytes, name: str = SHEET) -> bytes:
    """The sheet's XML cut off half way, as an interrupted save leaves it."""
    return with_sheet(data, lambda xml: xml[: len(xml) // 2], name)


def doctype_after_comment(data: bytes) -> bytes:
    """A DOCTYPE with an internal entity after a 70 KB comment, beyond a first-64-KB check."""

    def hide(xml: bytes) -> bytes:
        comment = b"<!--" + b"padding " * 9000 + b"-->"
        doctype = b'<!DOCTYPE workbook [<!ENTITY name "Actions">]>'
        return b'<?xml version="1.0"?>' + comment + doctype + _body(xml)

    return with_sheet(data, hide, "xl/workbook.xml")


def doctype_in_utf16(data: bytes) -> bytes:
    """The workbook's XML in UTF-16, where a byte search for '<!DOCTYPE' finds nothing."""

    def recode(xml: bytes) -> bytes:
        text = _body(xml).decode("utf-8")
        doctype = '<!DOCTYPE workbook [<!ENTITY name "Actions">]>'
        return ('<?xml version="1.0" encoding="UTF-16"?>' + doctype + text).encode("utf-16")

    return with_sheet(data, recode, "xl/workbook.xml")


def _body(xml: bytes) -> bytes:
    """The XML without its declaration, if it has one."""
    return xml.split(b"?>", 1)[1] if xml.lstrip().startswith(b"<?xml") else xml


def declared_size(data: bytes, ref: str) -> bytes:
    """The sheet claims to be ``ref`` (A1:J1048576): openpyxl pads its rows out to that size."""
    return with_sheet(
        data,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


def far_row(data: bytes, number: int = 1_048_576) -> bytes:
    """One more row, numbered far beyond the rest: openpyxl yields every row in the gap."""
    row = (f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>x</t></is></c></row>').encode()
    return with_sheet(data, lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>"))


def wide_cell(data: bytes) -> bytes:
    """A cell in the last column, XFD, in a sheet that does not declare its size: the row is
    read 16,384 cells wide (a row like it every line would be hundreds of millions of cells)."""

    def add(xml: bytes) -> bytes:
        n = _last_row(xml) + 1
        cell = f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
        xml = _undeclared(xml)
        return xml.replace(b"</sheetData>", cell + b"</sheetData>")

    return with_sheet(data, add)


def _undeclared(xml: bytes) -> bytes:
    """Without its <dimension>, which openpyxl would otherwise stop reading at."""
    return re.sub(rb'<dimension ref="[^"]*"/>', b"", xml)


def _last_row(xml: bytes) -> int:
    return max(int(n) for n in re.findall(rb'<row r="(\d+)"', xml))


def many_rows(data: bytes, count: int) -> bytes:
    """``count`` more rows (blank but for a reference-like first cell) after the sheet's own."""

    def add(xml: bytes) -> bytes:
        last = _last_row(xml)
        rows = b"".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x{n}</t></is></c></row>'.encode()
            for n in range(last + 1, last + 1 + count)
        )
        return _undeclared(xml).replace(b"</sheetData>", rows + b"</sheetData>")

    return with_sheet(data, add)


def padded(data: bytes, megabytes: float) -> bytes:
    """A part of incompressible text (so no zip bomb), unpacking to ``megabytes``."""
    filler = os.urandom(int(megabytes * 1024 * 1024) // 2).hex().encode()
    return rewrite_zip(data, {}, add={"xl/padding.xml": b"<a>" + filler + b"</a>"})
