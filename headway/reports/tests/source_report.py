"""The source committee report (``source_report.txt``, the seed with the contact officer's name
and address redacted) read as the acceptance tests compare it: every sentence, every front-sheet
value, each numbered paragraph's number and first words, and table 3.7.

Read from the text itself, not from the demo's data, so a demo or renderer that drifts from the
source fails the tests.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

SOURCE = Path(__file__).with_name("source_report.txt")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'(])")
_NUMBERED = re.compile(r"^(\d+\.\d+)\s+(.*)$")
_FORM_ITEM = re.compile(r"^\d+\.\s+([^:]+?):\s*(.*?)$")
_QUESTION = re.compile(r"^\d+\.\s+([^:?]+\?)\s*(.*)$")  # "1. Have … for comments? Not Applicable"
_HEADING = re.compile(r"^\d+\.\s+[A-Za-z][^:]*$")
# The source leaves a count of nothing blank; Headway prints 0.
_NOTHING = "0"


def normalise(text: str) -> str:
    """One space between words, and "6 ½" as "6½" (the source spaces its halves)."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*½", "½", text)


@dataclass
class SourceReport:
    values: list[str] = field(default_factory=list)  # front sheet, form blocks, closing parts
    headings: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)  # "3.4 In July 2012 Bromley Children's"
    sentences: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # table 3.7, TOTAL included


def read_source() -> SourceReport:
    source = SourceReport()
    region = "front"
    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        line = raw.replace("**", "").strip()
        line = re.sub(r"^-\s*", "", line).strip()
        if not line:
            continue
        if line.startswith(("Non-Applicable Sections", "Background Documents")):
            label, value = line.split(":", 1)
            source.headings.append(normalise(label))
            source.values.append(normalise(value))
            continue
        if "\t" in line and region == "commentary" and not line.startswith("3."):
            cells = [normalise(cell) for cell in raw.split("\t")][:5]
            if cells[0] and not cells[0].startswith("<"):  # not the header row
                cells += [""] * (5 - len(cells))
                source.table.append([cell or _NOTHING for cell in cells])
            continue
        if line == "1. Reason for report":
            region = "body"
        elif line == "Corporate Policy":
            region = "form"
        elif line == "3. COMMENTARY":
            region = "commentary"
        if region == "front":
            label, value = line.split(":", 1)
            source.values.append(normalise(value).rstrip(";"))
        elif region == "form" and _QUESTION.match(line):
            source.values.append(normalise(_QUESTION.match(line).group(2)))
        elif region == "form" and _FORM_ITEM.match(line):
            value = _FORM_ITEM.match(line).group(2).rstrip(":").strip()
            if value:
                source.values.append(normalise(value))
        elif _HEADING.match(line) or (region == "form" and ":" not in line):
            source.headings.append(normalise(line))
        else:
            numbered = _NUMBERED.match(line)
            words = numbered.group(2) if numbered else line
            if numbered:
                first = " ".join(words.split()[:5])
                source.numbered.append(normalise(f"{numbered.group(1)} {first}"))
            source.sentences += [normalise(s) for s in _SENTENCE_END.split(words) if s.strip()]
    return source
