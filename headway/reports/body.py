"""A report's body: ordered, numbered sections, each an ordered list of blocks.

Stored as one validated JSON value (``CommitteeReport.body``, and ``ReportDefaults.body`` for
what a new report starts from), so an edit to any block is an edit of the report under its one
version, and a published report's body is frozen with the rest of it (docs/decisions.md).

    [{"id": "a1b2c3d4", "heading": "COMMENTARY", "numbered": true, "blocks": [
        {"id": "…", "kind": "officer", "source": "", "text": "…", "exempt": false},
        {"id": "…", "kind": "drafted", "source": "inspections", "text": "…", "exempt": false},
        {"id": "…", "kind": "placed", "source": "table", "text": "", "exempt": false}]}]

- ``officer``: the officer's words; drafting never touches them.
- ``drafted``: words drafted from the data (``DRAFTED``), which the officer may rewrite;
  drafting again replaces them only when the officer confirms it.
- ``placed``: a figure (``PLACED``) whose words and numbers come from the data, never typed.

A block is one numbered paragraph (section.position); a line starting "- " is a bullet of it.
Each drafted or placed part appears at most once in a body. Everything here is a pure function
over plain data: the services save the result under the report's version.
"""

import re
import secrets
from typing import Any

from django.core.exceptions import ValidationError

from headway.core.text import LONG_TEXT_MAX

from .text import clean_text

OFFICER, DRAFTED_KIND, PLACED_KIND = "officer", "drafted", "placed"
KINDS = (OFFICER, DRAFTED_KIND, PLACED_KIND)
# The parts drafted from the data, in the order a new report places them: (source, label).
DRAFTED = {
    "inspections": "Inspections since the last plan (drafted)",
    "areas": "The plan's outcome areas (drafted)",
    "progress": "Progress and the named risks (drafted)",
    "movement": "Movement since the previous report (drafted)",
}
# The figures placed from the data.
PLACED = {
    "table": "Table of progress by outcome area, with its chart",
    "risks": "Table of the named risks",
    "appendix": "Reference to the appendix (the plan, action by action)",
    "indicators": "Performance indicators: the scorecard table, with trend charts",
}
# The indicators figure draws a trend chart for each indicator the officer chooses (its block's
# ``charts``: references); without a choice, for the first ``MAX_INDICATOR_CHARTS``.
INDICATORS = "indicators"
MAX_INDICATOR_CHARTS = 8
REFERENCE_MAX = 20
MAX_SECTIONS = 30
MAX_BLOCKS = 200
HEADING_MAX = 200

_ID = re.compile(r"^[0-9a-f]{8}$")


def new_id() -> str:
    return secrets.token_hex(4)


def block(kind: str, source: str = "", text: str = "", exempt: bool = False) -> dict[str, Any]:
    return {"id": new_id(), "kind": kind, "source": source, "text": text, "exempt": exempt}


def section(heading: str, blocks: list[dict[str, Any]], numbered: bool = True) -> dict[str, Any]:
    return {"id": new_id(), "heading": heading, "numbered": numbered, "blocks": blocks}


def officer_blocks(text: str, exempt: bool = False) -> list[dict[str, Any]]:
    """One officer block per paragraph of ``text`` (paragraphs are separated by a blank line)."""
    return [block(OFFICER, text=chunk, exempt=exempt) for chunk in split_paragraphs(text)]


def split_paragraphs(text: str) -> list[str]:
    chunks = re.split(r"\n\s*\n", clean_text(text).strip())
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def label(item: dict[str, Any]) -> str:
    """What a block is, in words, for the editing pages."""
    if item["kind"] == DRAFTED_KIND:
        return DRAFTED[item["source"]]
    if item["kind"] == PLACED_KIND:
        return PLACED[item["source"]]
    return "Officer's paragraph"


def validate(body: Any) -> list[dict[str, Any]]:
    """``body`` checked and cleaned (text made safe, keys normalised); a ``ValidationError``
    naming the problem if it is not a body."""
    if not isinstance(body, list):
        raise ValidationError("A report's body is a list of sections.")
    if len(body) > MAX_SECTIONS:
        raise ValidationError(f"A report has at most {MAX_SECTIONS} sections.")
    cleaned, seen_ids, seen_parts, count = [], set(), set(), 0
    for position, raw in enumerate(body, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("blocks"), list):
            raise ValidationError(f"Section {position} is not a section with blocks.")
        heading = clean_text(raw.get("heading", "")).strip()
        if not heading:
            raise ValidationError(f"Section {position} needs a heading.")
        if len(heading) > HEADING_MAX:
            raise ValidationError(f"Section {position}'s heading is over {HEADING_MAX} characters.")
        blocks = []
        for raw_block in raw["blocks"]:
            count += 1
            item = _validate_block(raw_block, position, seen_parts)
            if item["id"] in seen_ids:
                item["id"] = new_id()
            seen_ids.add(item["id"])
            blocks.append(item)
        section_id = str(raw.get("id", ""))
        if not _ID.match(section_id) or section_id in seen_ids:
            section_id = new_id()
        seen_ids.add(section_id)
        cleaned.append(
            {
                "id": section_id,
                "heading": heading,
                "numbered": bool(raw.get("numbered", True)),
                "blocks": blocks,
            }
        )
    if count > MAX_BLOCKS:
        raise ValidationError(f"A report has at most {MAX_BLOCKS} paragraphs and figures.")
    return cleaned


def _validate_block(raw: Any, position: int, seen_parts: set[tuple[str, str]]) -> dict[str, Any]:
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        raise ValidationError(f"Section {position} has a block that is not a paragraph or figure.")
    kind, source = raw["kind"], str(raw.get("source") or "")
    known = {OFFICER: {""}, DRAFTED_KIND: set(DRAFTED), PLACED_KIND: set(PLACED)}[kind]
    if source not in known:
        raise ValidationError(f"Section {position} has an unknown {kind} part: {source!r}.")
    if kind != OFFICER:
        if (kind, source) in seen_parts:
            raise ValidationError(f"The report already has the {label(raw).lower()}.")
        seen_parts.add((kind, source))
    text = clean_text(raw.get("text", "")) if kind != PLACED_KIND else ""
    if len(text) > LONG_TEXT_MAX:
        raise ValidationError(
            f"A paragraph in section {position} is over {LONG_TEXT_MAX:,} characters."
        )
    block_id = str(raw.get("id", ""))
    cleaned = {
        "id": block_id if _ID.match(block_id) else new_id(),
        "kind": kind,
        "source": source,
        "text": text,
        "exempt": bool(raw.get("exempt", False)),
    }
    if kind == PLACED_KIND and source == INDICATORS and raw.get("charts") is not None:
        cleaned["charts"] = _validate_charts(raw["charts"])
    return cleaned


def _validate_charts(charts: Any) -> list[str]:
    """The references of the indicators the officer chose to chart, in their order."""
    if not isinstance(charts, list) or not all(isinstance(c, str) for c in charts):
        raise ValidationError("The indicators to chart are a list of references.")
    chosen: list[str] = []
    for reference in charts:
        reference = clean_text(reference).strip()
        if not reference or len(reference) > REFERENCE_MAX:
            raise ValidationError(f"{reference!r} is not an indicator's reference.")
        if reference not in chosen:
            chosen.append(reference)
    if len(chosen) > MAX_INDICATOR_CHARTS:
        raise ValidationError(
            f"Choose at most {MAX_INDICATOR_CHARTS} indicators to draw a trend chart for."
        )
    return chosen


def with_stable_ids(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``body`` with ids by position: for a body that is derived afresh on every request (a
    layer of defaults showing the next layer's), so a page's links still find their block."""
    counter = 0
    for sec in body:
        counter += 1
        sec["id"] = f"{counter:08x}"
        for item in sec["blocks"]:
            counter += 1
            item["id"] = f"{counter:08x}"
    return body


def parts_in(body: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """The (kind, source) of every drafted and placed block in ``body``."""
    return {
        (item["kind"], item["source"])
        for sec in body
        for item in sec["blocks"]
        if item["kind"] != OFFICER
    }


def parts_missing(body: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """The drafted and placed parts a body leaves out, as (kind, source, label): they can be
    put back."""
    present = parts_in(body)
    return [
        (kind, source, text)
        for kind, labels in ((DRAFTED_KIND, DRAFTED), (PLACED_KIND, PLACED))
        for source, text in labels.items()
        if (kind, source) not in present
    ]


def find(body: list[dict[str, Any]], block_id: str) -> tuple[int, int]:
    """(section index, block index) of a block; ``ValidationError`` if it is not there."""
    for s, sec in enumerate(body):
        for b, item in enumerate(sec["blocks"]):
            if item["id"] == block_id:
                return s, b
    raise ValidationError(
        "That paragraph is no longer in the report (someone may have removed it)."
    )


def find_section(body: list[dict[str, Any]], section_id: str) -> int:
    for s, sec in enumerate(body):
        if sec["id"] == section_id:
            return s
    raise ValidationError("That section is no longer in the report (someone may have removed it).")


def fill_drafted(body: list[dict[str, Any]], drafted: dict[str, str]) -> list[dict[str, Any]]:
    """``body`` with every drafted block's words drafted afresh (officer blocks untouched)."""
    for sec in body:
        for item in sec["blocks"]:
            if item["kind"] == DRAFTED_KIND:
                item["text"] = drafted.get(item["source"], "")
    return body


def template_of(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The layout a new report takes from ``body``: every officer paragraph in place, the drafted
    and placed blocks where they were (drafted words dropped: a new report drafts its own)."""
    result = []
    for sec in body:
        result.append(
            section(
                sec["heading"],
                [
                    block(
                        item["kind"],
                        item["source"],
                        item["text"] if item["kind"] == OFFICER else "",
                        item["exempt"] if item["kind"] == OFFICER else False,
                    )
                    | ({"charts": list(item["charts"])} if "charts" in item else {})
                    for item in sec["blocks"]
                ],
                numbered=sec["numbered"],
            )
        )
    return result


def text_of(body: list[dict[str, Any]], kind: str, source: str = "") -> str:
    """The words of the body's blocks of one kind (and source), paragraphs separated by a
    blank line: for tests and the stale-version notice."""
    return "\n\n".join(
        item["text"]
        for sec in body
        for item in sec["blocks"]
        if item["kind"] == kind and (not source or item["source"] == source)
    )


# Edits ----------------------------------------------------------------------------------------


def _copy(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **sec,
            "blocks": [
                {**item, "charts": list(item["charts"])} if "charts" in item else dict(item)
                for item in sec["blocks"]
            ],
        }
        for sec in body
    ]


def add_blocks(
    body: list[dict[str, Any]],
    *,
    new: list[dict[str, Any]],
    anchor: str = "",
    where: str = "after",
    section_id: str = "",
) -> list[dict[str, Any]]:
    """``new`` blocks before or after the block ``anchor``, or at the end of a section."""
    body = _copy(body)
    if anchor:
        s, b = find(body, anchor)
        at = b if where == "before" else b + 1
    else:
        s = find_section(body, section_id)
        at = len(body[s]["blocks"])
    body[s]["blocks"][at:at] = new
    return validate(body)


def edit_block(
    body: list[dict[str, Any]], *, block_id: str, text: str | None, exempt: bool
) -> list[dict[str, Any]]:
    """An officer or drafted block's words (and whether it is exempt). An officer's text with
    blank lines becomes one paragraph each; a figure's words are never typed."""
    body = _copy(body)
    s, b = find(body, block_id)
    item = body[s]["blocks"][b]
    item["exempt"] = exempt
    if text is not None and item["kind"] != PLACED_KIND:
        if item["kind"] == OFFICER:
            chunks = split_paragraphs(text)
            if not chunks:
                raise ValidationError("Write the paragraph, or remove it instead.")
            item["text"] = chunks[0]
            body[s]["blocks"][b + 1 : b + 1] = [
                block(OFFICER, text=c, exempt=exempt) for c in chunks[1:]
            ]
        else:
            item["text"] = clean_text(text).strip()
    return validate(body)


def choose_charts(
    body: list[dict[str, Any]], *, block_id: str, charts: list[str] | None
) -> list[dict[str, Any]]:
    """Which indicators the indicators figure draws a trend chart for (references, in order);
    ``None`` for the default (the first ``MAX_INDICATOR_CHARTS``)."""
    body = _copy(body)
    s, b = find(body, block_id)
    item = body[s]["blocks"][b]
    if item["kind"] != PLACED_KIND or item["source"] != INDICATORS:
        raise ValidationError("Only the performance indicators figure has trend charts to choose.")
    if charts is None:
        item.pop("charts", None)
    else:
        item["charts"] = charts
    return validate(body)


def move_block(body: list[dict[str, Any]], *, block_id: str, step: int) -> list[dict[str, Any]]:
    """One place up (``step`` -1) or down (+1); past a section's end it moves into the next."""
    body = _copy(body)
    s, b = find(body, block_id)
    blocks = body[s]["blocks"]
    target = b + step
    if 0 <= target < len(blocks):
        blocks[b], blocks[target] = blocks[target], blocks[b]
    elif step < 0 and s > 0:
        body[s - 1]["blocks"].append(blocks.pop(b))
    elif step > 0 and s + 1 < len(body):
        body[s + 1]["blocks"].insert(0, blocks.pop(b))
    return validate(body)


def remove_block(body: list[dict[str, Any]], *, block_id: str) -> list[dict[str, Any]]:
    body = _copy(body)
    s, b = find(body, block_id)
    del body[s]["blocks"][b]
    return validate(body)


def add_section(
    body: list[dict[str, Any]], *, heading: str, after: str = "", numbered: bool = True
) -> list[dict[str, Any]]:
    body = _copy(body)
    at = find_section(body, after) + 1 if after else len(body)
    body.insert(at, section(heading, [], numbered=numbered))
    return validate(body)


def edit_section(
    body: list[dict[str, Any]], *, section_id: str, heading: str, numbered: bool
) -> list[dict[str, Any]]:
    body = _copy(body)
    s = find_section(body, section_id)
    body[s]["heading"], body[s]["numbered"] = heading, numbered
    return validate(body)


def move_section(body: list[dict[str, Any]], *, section_id: str, step: int) -> list[dict[str, Any]]:
    body = _copy(body)
    s = find_section(body, section_id)
    target = s + step
    if 0 <= target < len(body):
        body[s], body[target] = body[target], body[s]
    return validate(body)


def remove_section(body: list[dict[str, Any]], *, section_id: str) -> list[dict[str, Any]]:
    """A section and its blocks; its drafted and placed parts can be put back elsewhere."""
    body = _copy(body)
    del body[find_section(body, section_id)]
    return validate(body)
