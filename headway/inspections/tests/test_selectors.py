"""The inspection pages' reads: counts, unanswered findings, and only the actions a user may see;
a page's query count does not grow with its findings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.inspections.models import Finding, FindingKind, Inspection
from headway.inspections.selectors import (
    findings_for_inspection,
    findings_unanswered,
    inspections_for_list,
)
from headway.testing.factories import ActionFactory, PlanFactory


def _inspection(plan, findings: int) -> Inspection:
    inspection = Inspection.objects.create(
        inspectorate="Ofsted", service="Children's services", started_on=dt.date(2012, 7, 9)
    )
    for number in range(findings):
        finding = Finding.objects.create(
            inspection=inspection, reference=f"R{number}", text=f"Finding {number}"
        )
        finding.actions.add(ActionFactory(area__plan=plan))
        finding.actions.add(ActionFactory(area__plan=PlanFactory()))
    Finding.objects.create(inspection=inspection, reference="N1", text="Nobody answers this")
    Finding.objects.create(
        inspection=inspection, reference="S1", text="A strength", kind=FindingKind.STRENGTH
    )
    return inspection


def test_findings_for_inspection_count_every_action_but_hold_only_visible_ones(plan, reader):
    inspection = _inspection(plan, findings=2)

    findings = {f.reference: f for f in findings_for_inspection(inspection=inspection, user=reader)}

    assert set(findings) == {"R0", "R1", "N1", "S1"}
    assert findings["R0"].action_count == 2
    assert [a.plan for a in findings["R0"].visible_actions] == [plan]
    assert findings["N1"].action_count == 0


def test_lists_count_findings_and_leave_strengths_out_of_the_unanswered(plan):
    _inspection(plan, findings=2)

    [row] = inspections_for_list()

    assert (row.finding_count, row.unanswered_count) == (4, 1)
    assert [f.reference for f in findings_unanswered()] == ["N1"]


def _queries(client, url: str) -> int:
    """The page's own queries: reading the session is the session engine's (none with Redis)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len([q for q in captured.captured_queries if "django_session" not in q["sql"]])


@pytest.mark.parametrize("findings", [1, 6])
def test_pages_query_counts_do_not_grow_with_the_findings(client, plan, reader, findings):
    inspection = _inspection(plan, findings=findings)
    client.force_login(reader)

    assert _queries(client, reverse("inspections:inspections")) == 4
    assert _queries(client, inspection.get_absolute_url()) == 5
