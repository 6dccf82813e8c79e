"""The council's own Word template: a .docx with Jinja tags (docxtpl) that reports render into.

A council's clerks keep a committee report template with their own front sheet, fonts and
boilerplate. An administrator uploads it (for every plan, or for one); from then on the Word file
of a report is that template with its tags filled in from ``council_context``, a small,
documented and stable set of names (``docs/reports.md``, "Your own Word template").

The tags run in Jinja's sandbox with strict undefined names, over plain data only (strings,
numbers, dates, lists and dicts), so a template can reach nothing but that context. A template is
checked in full when it is uploaded, against a sample report: an unknown name, an unknown field
of a known one, a syntax error or a macro-enabled file is refused then, naming it, never when a
report is published.
"""

import datetime as dt
import io
import re
import zipfile
from fractions import Fraction
from typing import Any

from django.conf import settings
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from headway.core.fractions import format_count
from headway.plans.choices import Status

# The names a template may use; docs/reports.md documents each. Keep them stable.
NAMES = (
    "organisation",
    "title",
    "meeting_date",
    "meeting_date_text",
    "decision_maker",
    "decision_type",
    "contact_officer",
    "chief_officer",
    "wards",
    "plan",
    "round",
    "front_sheet",
    "summary",
    "risks",
    "indicators",
    "sections",
    "non_applicable_sections",
    "background_documents",
    "appendix",
)
STATUS_KEYS = (*(status.value for status in Status), "no_update")
# Each indicator's fields a template may use (plain strings; ``illustrative`` a boolean).
INDICATOR_FIELDS = (
    "reference",
    "title",
    "unit",
    "period",
    "value",
    "target",
    "rating",
    "rule",
    "direction",
    "direction_text",
    "last_year",
    "comparator",
    "polarity",
    "illustrative",
)
MACRO_PARTS = ("word/vbaProject.bin", "word/vbaData.xml")
MACRO_CONTENT_TYPE = "macroEnabled"


class TemplateRefused(Exception):
    """The template cannot be used; the message says why and where."""


def council_template_check(data: bytes, *, filename: str = "template.docx") -> None:
    """Refuse a template Headway cannot render into, before it is stored."""
    limit = settings.HEADWAY_REPORT_TEMPLATE_MAX_BYTES
    if not filename.lower().endswith(".docx"):
        raise TemplateRefused(
            f"{filename} is not a Word .docx file. Save the template as a Word Document (.docx)."
        )
    if len(data) > limit:
        raise TemplateRefused(
            f"{filename} is {len(data) / 1024 / 1024:.1f} MB; a template can be at most "
            f"{limit / 1024 / 1024:.0f} MB. Remove large pictures from it."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise TemplateRefused(f"{filename} is not a Word document, or it is damaged.") from exc
    if names & set(MACRO_PARTS) or MACRO_CONTENT_TYPE in types:
        raise TemplateRefused(
            f"{filename} contains macros. Save it as a Word Document (.docx) without macros."
        )
    template = _open(data, filename)
    try:
        used = template.get_undeclared_template_variables(_environment())
    except TemplateSyntaxError as exc:
        raise TemplateRefused(
            f"{filename} has a tag Word cannot be filled from: {exc.message} "
            f"{_where(exc.source, exc.lineno)}"
        ) from exc
    unknown = sorted(set(used) - set(NAMES))
    if unknown:
        listed = ", ".join("{{ " + name + " }}" for name in unknown)
        raise TemplateRefused(
            f"{filename} uses {listed}, which Headway does not provide"
            f"{_found_in(template, unknown[0])}. The names a template can use are: "
            f"{', '.join(NAMES)} (docs/reports.md)."
        )
    council_template_render(data, sample_context(), filename=filename)


def council_template_render(
    data: bytes, context: dict[str, Any], *, filename: str = "template.docx"
) -> bytes:
    """The template filled in from ``context`` (``council_context``'s names), as .docx bytes."""
    template = _open(data, filename)
    try:
        template.render(context, jinja_env=_environment(), autoescape=True)
    except SecurityError as exc:
        raise TemplateRefused(f"{filename} tries to reach outside the report: {exc}") from exc
    except UndefinedError as exc:
        raise TemplateRefused(
            f"{filename} asks for something a report does not have: {exc.message}. The names "
            "and their fields are listed in docs/reports.md."
        ) from exc
    except TemplateError as exc:
        raise TemplateRefused(f"{filename} could not be filled in: {exc}") from exc
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def council_context(context: dict[str, Any]) -> dict[str, Any]:
    """The documented names, from one audience's report context (``selectors.for_audience``)."""
    front = dict(context["front_sheet"])
    meeting = context.get("meeting_date")
    meeting_date = dt.date.fromisoformat(meeting) if meeting else None
    return {
        "organisation": context["organisation"],
        "title": context["title"],
        "meeting_date": meeting_date,
        "meeting_date_text": front.get("Date", ""),
        "decision_maker": front.get("Decision Maker", ""),
        "decision_type": front.get("Decision Type", ""),
        "contact_officer": {
            "name": front.get("Contact Officer", ""),
            "role": front.get("Contact Officer", ""),
            "email": front.get("E-mail", ""),
        },
        "chief_officer": front.get("Chief Officer", ""),
        "wards": front.get("Ward", ""),
        "plan": dict(context["plan"]),
        "round": dict(context["round"]),
        "front_sheet": [
            {"label": label, "value": value} for label, value in context["front_sheet"]
        ],
        "summary": _summary(context["table"]),
        "risks": [
            {
                "action_references": list(risk.get("action_references") or [risk["reference"]]),
                "title": risk["title"],
                "cause": risk["cause"],
                "escalated_to": risk.get("escalated_to", ""),
                "escalation": risk["escalation"],
            }
            for risk in _named_risks(context)
        ],
        # A snapshot from before the report showed indicators has none.
        "indicators": [
            {key: indicator.get(key, "") for key in INDICATOR_FIELDS}
            for indicator in context.get("indicators", [])
        ],
        "sections": [
            {
                "number": section["number"],
                "heading": section["heading"],
                "paragraphs": [
                    {
                        "number": block["number"],
                        "text": block["text"],
                        "bullets": list(block.get("bullets") or []),
                        "kind": block["kind"],
                    }
                    for block in section["blocks"]
                ],
            }
            for section in context["sections"]
        ],
        "non_applicable_sections": context["non_applicable_sections"],
        "background_documents": context["background_documents"],
        "appendix": [
            {
                "number": area["number"],
                "title": area["title"],
                "actions": [
                    {
                        key: action.get(key, "")
                        for key in (
                            "reference",
                            "title",
                            "lead",
                            "timescale",
                            "assessment",
                            "narrative",
                        )
                    }
                    for action in area["actions"]
                ],
            }
            for area in context["appendix"]
        ],
    }


def _named_risks(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The risks the report names, whether or not its body places the risk table; a snapshot
    from before the context kept them has them in its risk block only."""
    if "risks" in context:
        return context["risks"]
    return [
        risk
        for section in context["sections"]
        for block in section["blocks"]
        if block["kind"] == "risks"
        for risk in block["risks"]
    ]


def _summary(table: dict[str, Any]) -> dict[str, Any]:
    """Each area's counts and the total, as printed (½ glyphs), whatever columns the table shows."""
    areas = []
    totals = dict.fromkeys(STATUS_KEYS, Fraction(0))
    for row, counts in zip(table["rows"], table["areas"], strict=True):
        area = {"area": row["area"], "actions": str(row["actions"])}
        for key in STATUS_KEYS:
            value = Fraction(counts.get(key, "0"))
            totals[key] += value
            area[key] = format_count(value)
        areas.append(area)
    total = {"area": "TOTAL", "actions": str(table["total"]["actions"])}
    total.update({key: format_count(value) for key, value in totals.items()})
    return {"areas": areas, "total": total}


def sample_context() -> dict[str, Any]:
    """A small report with every name and field filled, to check a template against."""
    paragraph = {
        "number": "1.1",
        "text": "Sample paragraph.",
        "bullets": ["A"],
        "kind": "paragraph",
    }
    counts = dict.fromkeys(STATUS_KEYS, "1")
    return {
        "organisation": "Sample Council",
        "title": "Sample improvement plan update",
        "meeting_date": dt.date(2013, 3, 12),
        "meeting_date_text": "Tuesday 12 March 2013",
        "decision_maker": "Sample committee",
        "decision_type": "Non-Executive Non-Key",
        "contact_officer": {"name": "Head of Service", "role": "Head of Service", "email": "a@b.c"},
        "chief_officer": "Director",
        "wards": "(All Wards)",
        "plan": {"title": "Sample plan", "slug": "sample", "period": "April 2012 to March 2013"},
        "round": {"title": "Sample round", "as_at": "2013-03-12"},
        "front_sheet": [{"label": "Decision Maker", "value": "Sample committee"}],
        "summary": {
            "areas": [{"area": "Sample area", "actions": "5", **counts}],
            "total": {"area": "TOTAL", "actions": "5", **counts},
        },
        "risks": [
            {
                "action_references": ["1.1"],
                "title": "Sample risk",
                "cause": "Sample cause",
                "escalated_to": "Sample board",
                "escalation": "Referred to Sample board",
            }
        ],
        "indicators": [
            {
                "reference": "PI 1",
                "title": "Sample indicator",
                "unit": "Percentage",
                "period": "February 2013",
                "value": "9.8%",
                "target": "10.0%",
                "rating": "On target",
                "rule": "Lower is better: 9.8% is at or below the target of 10.0%.",
                "direction": "Improving",
                "direction_text": "Improving: 9.8% from 10.4% in January 2013",
                "last_year": "Improving: 9.8% from 11.0% in February 2012",
                "comparator": "England average: 10.2%",
                "polarity": "Lower is better",
                "illustrative": True,
            }
        ],
        "sections": [{"number": 1, "heading": "Reason for report", "paragraphs": [paragraph]}],
        "non_applicable_sections": "Personnel implications.",
        "background_documents": "(Access via Contact Officer)",
        "appendix": [
            {
                "number": 1,
                "title": "Sample area",
                "actions": [
                    {
                        "reference": "1.1",
                        "title": "Sample action",
                        "lead": "Head of Service",
                        "timescale": "March 2013",
                        "assessment": "Achieved",
                        "narrative": "Done.",
                    }
                ],
            }
        ],
    }


def _environment() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def _open(data: bytes, filename: str) -> DocxTemplate:
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a file it cannot read
        raise TemplateRefused(f"{filename} is not a Word document Headway can read.") from exc
    return template


def _where(source: str | None, lineno: int | None) -> str:
    """Where a syntax error is, as the words around it in the document."""
    if not source or not lineno:
        return ""
    lines = source.splitlines()
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    words = re.sub(r"<[^>]+>", "", line)
    words = re.sub(r"\s+", " ", words).strip()
    return f"It is near: \u201c{words[:120]}\u201d." if words else ""


def _found_in(template: DocxTemplate, name: str) -> str:
    for paragraph in _paragraphs(template):
        if re.search(r"\b" + re.escape(name) + r"\b", paragraph):
            return f" (in the paragraph \u201c{paragraph[:100]}\u201d)"
    return ""


def _paragraphs(template: DocxTemplate) -> list[str]:
    document = template.docx
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        texts.extend(p.text for p in section.header.paragraphs)
        texts.extend(p.text for p in section.footer.paragraphs)
    return [t for t in texts if "{" in t]
