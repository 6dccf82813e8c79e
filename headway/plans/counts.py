"""Status counts, and the one rule for which status columns a table, chart or legend shows.

The summary (``selectors.plan_summary``) is made of these counts; every table, chart and legend
that shows them (plan page, home, committee report in HTML, Word and PDF, the chart, the
``plan_summary`` command) picks its columns with ``status_columns``.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from headway.core.fractions import to_json_number

from .choices import Status

# The key of the column for actions without a counted update, beside the statuses' own values.
NO_UPDATE = "no_update"


@dataclass(frozen=True)
class StatusCounts:
    """Number of actions and the exact (fractional) count at each status."""

    actions: int
    by_status: dict[Status, Fraction]

    @property
    def no_update(self) -> Fraction:
        return self.actions - sum(self.by_status.values(), Fraction(0))

    def __getitem__(self, key: Status | str) -> Fraction:
        """A status's count, or ``counts["no_update"]``: every column key reads the same way."""
        if key == NO_UPDATE:
            return self.no_update
        return self.by_status[Status(key)]

    @property
    def columns(self) -> list["StatusColumn"]:
        """The columns these counts show on their own (``status_columns``)."""
        return status_columns(self)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"actions": self.actions}
        for status in Status:
            data[status.value] = to_json_number(self.by_status[status])
        data["no_update"] = to_json_number(self.no_update)
        return data


@dataclass(frozen=True)
class StatusColumn:
    """A column of a summary table, a segment of the chart and an entry in its legend."""

    key: str  # a Status value, or NO_UPDATE
    label: str


# Every column, in the source's order. "Limited progress/risk" is the source table's heading.
STATUS_COLUMNS = (
    StatusColumn(Status.ACHIEVED.value, "Achieved"),
    StatusColumn(Status.SIGNIFICANT_PROGRESS.value, "Significant progress"),
    StatusColumn(Status.LIMITED_PROGRESS_RISK.value, "Limited progress/risk"),
    StatusColumn(Status.NOT_STARTED.value, "Not started"),
    StatusColumn(Status.DROPPED.value, "Dropped"),
    StatusColumn(NO_UPDATE, "No update"),
)
# The source's three columns, shown even at nought: a committee expects to see them.
ALWAYS_SHOWN = STATUS_COLUMNS[:3]


def status_columns(*totals: StatusCounts | Mapping[str, Fraction]) -> list[StatusColumn]:
    """The columns to show for these totals: the source's three always; Not started, Dropped
    and No update only when some action in some total has them (a share, however small)."""
    return [
        column
        for column in STATUS_COLUMNS
        if column in ALWAYS_SHOWN or any(total[column.key] for total in totals)
    ]
