"""Helpers for tests that read or change a report's body (``headway.reports.body``)."""

from typing import Any

from headway.reports import body as bodies


def drafted(report: Any, source: str) -> str:
    """The words of the report's drafted block ``source`` ("inspections", "progress" …)."""
    return bodies.text_of(report.body, bodies.DRAFTED_KIND, source)


def officer(report: Any) -> str:
    """Every officer paragraph of the report, separated by a blank line."""
    return bodies.text_of(report.body, bodies.OFFICER)


def block_of(report: Any, kind: str, source: str = "") -> dict[str, Any]:
    return next(
        item
        for section in report.body
        for item in section["blocks"]
        if item["kind"] == kind and item["source"] == source
    )


def with_paragraph(report: Any, text: str, *, section: int = 3, exempt: bool = False) -> list:
    """The report's body with an officer paragraph added at the end of a section (1-based)."""
    anchor = report.body[section - 1]["id"]
    return bodies.add_blocks(
        report.body,
        new=bodies.officer_blocks(text, exempt=exempt),
        section_id=anchor,
    )
