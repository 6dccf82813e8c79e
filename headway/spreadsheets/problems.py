"""What is wrong with an uploaded spreadsheet, said so that someone can find and fix it."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (sheet, row, column), the value found, and what was expected."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    fix: str = ""  # how to put it right, where the message does not say

    @property
    def how_to_fix(self) -> str:
        if self.fix:
            return self.fix
        if self.row is not None and self.column:
            return "Correct this cell in the file, then upload it again."
        return "Correct the file, then upload it again."

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" (value {self.value!r})" if self.value else ""
        where = f"{self.where}{value}: " if self.where or value else ""
        return f"{where}{self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "fix": self.how_to_fix,
        }


class SpreadsheetRefused(Exception):
    """The file is refused as a whole; nothing was written."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        # Owners' names that match no one (name → first row), for the page that matches them.
        self.unmatched_owners: dict[str, int] = {}
        super().__init__("; ".join(str(p) for p in problems[:5]))


def shown_value(value: object) -> str:
    """A cell's value as it is quoted in a problem: short, and never the whole narrative."""
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


SUMMARY_LIMIT = 50  # problems linked from the error summary; the table shows more
TABLE_LIMIT = 500


def problem_table(problems: list[Problem], *, total: int | None = None) -> dict[str, Any]:
    """The error summary's items (each linking to its row of the table) and the table."""
    total = total or len(problems)
    shown = problems[:TABLE_LIMIT]
    summary = [
        (_summary_text(p), f"#problem-{index}")
        for index, p in enumerate(shown[:SUMMARY_LIMIT], start=1)
    ]
    table = {
        "caption": f"{total:,} problem{'s' if total != 1 else ''}"
        + (f" ({len(shown):,} shown)" if total > len(shown) else ""),
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": "Sheet"},
            {"text": "Row", "format": "numeric"},
            {"text": "Column"},
            {"text": "Value"},
            {"text": "What is wrong"},
            {"text": "How to fix it"},
        ],
        "rows": [
            [
                {"text": p.sheet, "attributes": {"id": f"problem-{index}"}},
                {"text": "" if p.row is None else str(p.row), "format": "numeric"},
                {"text": p.column},
                {"text": p.value or "(blank)" if p.row is not None else p.value},
                {"text": p.message},
                {"text": p.how_to_fix},
            ]
            for index, p in enumerate(shown, start=1)
        ],
    }
    return {"summary": summary, "table": table, "total": total}


def _summary_text(problem: Problem) -> str:
    where = problem.where
    return f"{where[:1].upper()}{where[1:]}: {problem.message}" if where else problem.message
