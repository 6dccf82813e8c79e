"""Officer text into report blocks, made safe for every format first.

Text is stored as typed: paragraphs separated by a blank line, a line starting "- " or "• " is a
bullet of the paragraph above. Nothing in it is markup: renderers escape it (templates) or put it
in runs (python-docx), and characters XML 1.0 cannot hold are removed here, once, so Word, PDF
and the page all show the same thing.
"""

import re
from typing import Any

# Everything XML 1.0 allows, as a negated class: tabs, newlines and printable characters.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BULLET = re.compile(r"^\s*(?:[-•*])\s+")


def clean_text(value: Any) -> str:
    """A string safe for XML: illegal control characters dropped, line ends made plain."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", text)


def paragraphs_of(text: str) -> list[dict[str, Any]]:
    """``[{"text": str, "bullets": [str, ...]}, ...]`` from officer text."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", clean_text(text).strip()):
        if not chunk.strip():
            continue
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        words = [line for line in lines if not _BULLET.match(line)]
        bullets = [_BULLET.sub("", line) for line in lines if _BULLET.match(line)]
        blocks.append({"text": " ".join(words), "bullets": bullets})
    return blocks


def one_paragraph(text: str) -> dict[str, Any]:
    """A block's words as one paragraph: ``{"text": str, "bullets": [str, ...]}``. A blank line
    in a drafted block's words (or a block migrated from a section of several paragraphs) joins
    its paragraphs rather than numbering them apart: nothing is lost, and numbers stay put."""
    paragraphs = paragraphs_of(text)
    return {
        "text": " ".join(p["text"] for p in paragraphs if p["text"]),
        "bullets": [bullet for p in paragraphs for bullet in p["bullets"]],
    }


def bullet_lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def number_word(count: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[count] if 0 <= count < len(words) else str(count)


def plural(count: int | float, singular: str, many: str | None = None) -> str:
    return singular if count == 1 else (many or f"{singular}s")


def long_date(day) -> str:
    """12 March 2013 (no leading zero), as committee papers write dates."""
    return f"{day.day} {day:%B %Y}"


def as_label(label: str) -> str:
    """A label as printed before its value: "Policy Status:", but a question keeps its own mark
    ("Have Ward Councillors been asked for comments?")."""
    label = label.rstrip()
    return label if label.endswith(("?", ":")) else f"{label}:"
