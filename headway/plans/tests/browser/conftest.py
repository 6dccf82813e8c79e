"""Real-browser fixtures: Debian's Chromium driven by Playwright against the live server.

The browser itself (one for the whole session) and the sign-in helpers are in
``headway/conftest.py``.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from headway.conftest import AXE, CHROMIUM, CHROMIUM_ARGS, WCAG_22_AA, require_or_skip  # noqa: F401


def sign_out(page: Any) -> None:
    page.context.clear_cookies()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 AA violations on the page as it stands once loaded. A click that
    navigates may still be loading the next page: then the check waits for it and runs there."""
    from playwright.sync_api import Error

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
            )
        except Error:
            if attempt == 2:
                raise
            page.wait_for_timeout(200)  # the document was replaced mid-check: check the new one
            continue
        return result["violations"]
    raise AssertionError("unreachable")


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5])
    return "\n".join(lines)


@dataclass
class Story:
    plan: Any
    action: Any  # the owner's action with no update yet this round
    other_action: Any
    round: Any
    previous_round: Any
    risk: Any
    inspection: Any
    submitted: Any | None = None


@pytest.fixture
def story(plan, owner, lead, reader, admin_user) -> Story:
    """A small plan in its second round: one of the owner's actions still needs its update.

    Round 1 (closed): 1.1 Not started, 1.2 Significant progress, 2.1 Achieved.
    Round 2 (open): 1.2 and 2.1 Achieved (approved); 1.1 has no update yet.
    """
    from headway.inspections.models import Finding, Inspection
    from headway.plans.choices import Status
    from headway.testing.factories import (
        ActionFactory,
        MilestoneFactory,
        OutcomeAreaFactory,
        ProgressUpdateFactory,
        ReviewRoundFactory,
        RiskFactory,
    )

    leadership = OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision and leadership")
    quality = OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")
    action = ActionFactory(
        area=leadership, owner=owner, reference="1.1", title="Embed the new practice model"
    )
    MilestoneFactory(action=action, title="Train every team manager", due_date=dt.date(2013, 1, 31))
    second = ActionFactory(
        area=leadership, owner=owner, reference="1.2", title="Publish a workforce plan"
    )
    third = ActionFactory(
        area=quality, owner=lead, reference="2.1", title="Audit case files monthly"
    )
    previous = ReviewRoundFactory(
        plan=plan,
        title="Update to committee, 4 December 2012",
        as_at=dt.date(2012, 12, 4),
        closed_at=dt.datetime(2012, 12, 10, 12, tzinfo=dt.UTC),
        closed_by=lead,
    )
    current = ReviewRoundFactory(
        plan=plan, title="Update to committee, 12 March 2013", as_at=dt.date(2013, 3, 12)
    )
    for act, status in ((action, Status.NOT_STARTED), (second, Status.SIGNIFICANT_PROGRESS)):
        ProgressUpdateFactory(action=act, round=previous, status=status, decided_by=lead)
    ProgressUpdateFactory(action=third, round=previous, status=Status.ACHIEVED, author=owner)
    ProgressUpdateFactory(action=second, round=current, status=Status.ACHIEVED, decided_by=lead)
    ProgressUpdateFactory(action=third, round=current, status=Status.ACHIEVED, author=owner)
    risk = RiskFactory(action=second, title="Recruitment market")
    inspection = Inspection.objects.create(
        inspectorate="Ofsted",
        service="Safeguarding and looked after children services",
        framework="Inspection of safeguarding and looked after children services",
        started_on=dt.date(2012, 1, 9),
        ended_on=dt.date(2012, 1, 20),
        judgement="adequate",
    )
    finding = Finding.objects.create(inspection=inspection, reference="R1", text="Improve audits.")
    finding.actions.add(third)
    Finding.objects.create(inspection=inspection, reference="R2", text="Unanswered finding.")
    return Story(
        plan=plan,
        action=action,
        other_action=second,
        round=current,
        previous_round=previous,
        risk=risk,
        inspection=inspection,
    )
