"""The shapes the demo data is written in, kept plain so the data modules read like the plan.

Timescales and milestones are written as the plan writes them ("March 2013", "Ongoing"); the
loader turns a month into its last day. Assessments are short codes so a whole area's progress
can be checked at a glance against the source's table 3.7.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from headway.plans.assessment import Assessment
from headway.plans.choices import Status

ONGOING = "Ongoing"

# A: Achieved, S: Significant progress, L: Limited progress / risk, N: Not started,
# AS: an action in two parts, one achieved and one under way (the source's half counts).
ASSESSMENT_CODES = {
    "A": Assessment.single(Status.ACHIEVED),
    "S": Assessment.single(Status.SIGNIFICANT_PROGRESS),
    "L": Assessment.single(Status.LIMITED_PROGRESS_RISK),
    "N": Assessment.single(Status.NOT_STARTED),
    "AS": Assessment.from_shares(
        {Status.ACHIEVED: Fraction(1, 2), Status.SIGNIFICANT_PROGRESS: Fraction(1, 2)}
    ),
}


@dataclass(frozen=True)
class Revision:
    """A timescale agreed again during the year, and why."""

    timescale: str
    reason: str


@dataclass(frozen=True)
class DemoAction:
    title: str
    objective: str
    desired_outcome: str
    owner: str  # a demo username
    timescale: str  # "March 2013" or "Ongoing"
    milestones: tuple[str, ...]  # "Title | Month YYYY", with "| missed" if not done by March
    progress: dict[str, tuple[str, str]]  # round key → (assessment code, narrative)
    lead_officer: str = ""  # the plan's own wording; the owner's job title when empty
    revised: Revision | None = None
    dependencies: tuple[str, ...] = ()
    carried_from: str = ""  # reference of the same action in the previous plan


@dataclass(frozen=True)
class DemoArea:
    title: str
    short_title: str
    description: str
    actions: tuple[DemoAction, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DemoRisk:
    title: str
    cause: str
    impact: str
    mitigation: str
    external_dependency: str = ""
    escalated_to: str = ""
    escalated_on: dt.date | None = None
    named_in_report: bool = False
    also_holds_back: tuple[str, ...] = ()  # other actions the same cause holds back


def month_end(label: str) -> dt.date | None:
    """The last day of "March 2013"; None for "Ongoing"."""
    if label == ONGOING:
        return None
    parsed = dt.datetime.strptime(label, "%B %Y").date()
    return parsed.replace(day=calendar.monthrange(parsed.year, parsed.month)[1])


def split_milestone(text: str) -> tuple[str, dt.date, bool]:
    """Read "Title | Month YYYY" or "Title | Month YYYY | missed" as (title, due, missed)."""
    title, month, *marker = (part.strip() for part in text.split("|"))
    due = month_end(month)
    if due is None or marker not in ([], ["missed"]):
        raise ValueError(f"Milestone {text!r} should read 'Title | Month YYYY [| missed]'")
    return title, due, marker == ["missed"]
