"""Evidence files an owner may upload with an update: checked for size, and for type by name and
by content."""

import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

# Evidence an owner may upload, by extension, each with how its content is recognised.
EVIDENCE_KINDS = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "xlsx": "an Excel spreadsheet",
    "png": "a PNG image",
    "jpg": "a JPEG image",
    "jpeg": "a JPEG image",
    "txt": "a text file",
    "csv": "a CSV file",
}
_TEXT_CONTROLS = {9, 10, 12, 13}  # tab, line feed, form feed, carriage return
_ZIP_MEMBER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def evidence_file_hint() -> str:
    limit = settings.HEADWAY_EVIDENCE_MAX_BYTES / (1024 * 1024)
    return f"PDF, Word (.docx), Excel (.xlsx), PNG, JPEG, text or CSV, up to {limit:.0f} MB."


def check_evidence_file(upload: Any) -> None:
    """Refuse a file that is too big, or whose name or content is not an allowed type.

    The content is sniffed as well as the extension, so a renamed executable is refused.
    """
    limit = settings.HEADWAY_EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The file must be smaller than {limit / (1024 * 1024):.0f} MB; "
            f"this one is {upload.size / (1024 * 1024):.1f} MB",
            code="too_big",
        )
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = "PDF, Word (.docx), Excel (.xlsx), PNG, JPEG, text (.txt) or CSV"
    if extension not in EVIDENCE_KINDS:
        raise ValidationError(f"The file must be a {allowed} file", code="bad_type")
    if not _content_matches(upload, extension):
        raise ValidationError(
            f"The file's content is not {EVIDENCE_KINDS[extension]}, although its name ends "
            f".{extension}; upload a {allowed} file",
            code="bad_content",
        )


def _content_matches(upload: Any, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in _ZIP_MEMBER:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            # Only the directory is read: nothing is extracted, so a zip bomb does no harm.
            with zipfile.ZipFile(upload) as archive:
                return _ZIP_MEMBER[extension] in archive.namelist()
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)
    # Text and CSV (UTF-8 or a Windows code page): no control bytes, which binary files have.
    return not any(byte < 32 and byte not in _TEXT_CONTROLS for byte in head)
