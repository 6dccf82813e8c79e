"""Exporting a plan: formulas neutralised, the summary on its own sheet, a faithful round trip."""

import csv
import datetime as dt
import io
import json
from itertools import groupby

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.plans.models import Action, Milestone, OutcomeArea, Plan, ProgressUpdate, ReviewRound
from headway.plans.selectors import plan_summary
from headway.spreadsheets.plan_export import plan_export
from headway.spreadsheets.plan_import import plan_import
from headway.testing.bulk import make_large_plan
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturned"]


@pytest.fixture
def full_plan(plan, owner):
    first = OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision and leadership")
    second = OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")
    autumn = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 11, 1), title="Autumn update")
    spring = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="Spring update")
    for index, narrative in enumerate(HOSTILE):
        action = ActionFactory(
            area=first if index % 2 else second,
            reference=f"{index % 2 + 1}.{index + 1}",
            owner=owner,
            lead_officer="Head of Service, CP",
            position=index,
            timescale="Q4 2012/13",
            due_date=dt.date(2013, 3, 31),
        )
        MilestoneFactory(action=action, title="Audit complete", due_date=dt.date(2013, 1, 31))
        MilestoneFactory(
            action=action,
            title="Panel set up",
            position=1,
            due_date=dt.date(2012, 12, 31),
            done_on=dt.date(2012, 12, 1),
        )
        ProgressUpdateFactory(action=action, round=autumn, status=Status.NOT_STARTED)
        split = Assessment.parse("½ achieved, ½ significant progress")
        ProgressUpdateFactory(
            action=action, round=spring, narrative=narrative, **split.as_sixtieths()
        )
    return plan


def _snapshot(plan: Plan) -> dict:
    actions = Action.objects.filter(plan=plan).select_related("area", "owner")
    return {
        "areas": sorted(OutcomeArea.objects.filter(plan=plan).values_list("number", "title")),
        "actions": sorted(
            (
                a.reference,
                a.area.number,
                a.title,
                a.objective,
                a.desired_outcome,
                a.owner.username,
                a.lead_officer,
                a.timescale,
                a.due_date,
                a.revised_timescale,
                a.external_dependencies,
            )
            for a in actions
        ),
        "order": [a.reference for a in actions.order_by("area__number", "position")],
        # Positions only order milestones, so compare each one's place in its action's list.
        "milestones": sorted(
            (reference, place, title, due, done)
            for reference, group in groupby(
                Milestone.objects.filter(action__plan=plan)
                .order_by("action__reference", "position", "due_date", "pk")
                .values_list("action__reference", "title", "due_date", "done_on"),
                key=lambda m: m[0],
            )
            for place, (_, title, due, done) in enumerate(group)
        ),
        "rounds": sorted(
            ReviewRound.objects.filter(plan=plan).values_list("title", "as_at", "deadline")
        ),
        "updates": sorted(
            (u.action.reference, u.round.as_at, str(u.assessment), u.narrative)
            for u in ProgressUpdate.objects.filter(
                action__plan=plan, state=UpdateState.APPROVED
            ).select_related("action", "round")
        ),
    }


def test_export_then_import_gives_back_the_same_plan(full_plan, admin_user):
    data = plan_export(plan=full_plan, format="xlsx")

    plan_import(data=data, filename="plan.xlsx", plan_slug="copy", by=admin_user)

    copy = Plan.objects.get(slug="copy")
    assert copy.title == full_plan.title
    assert copy.period_end == full_plan.period_end
    assert _snapshot(copy) == _snapshot(full_plan)


def test_importing_a_plans_own_export_changes_nothing(full_plan, admin_user):
    data = plan_export(plan=full_plan, format="xlsx")
    report = plan_import(data=data, filename="plan.xlsx", plan=full_plan, by=admin_user)
    assert report.changes == []
    assert report.unchanged == len(HOSTILE)


def test_csv_export_round_trips_actions_and_progress(full_plan, admin_user):
    data = plan_export(plan=full_plan, format="csv")
    report = plan_import(data=data, filename="plan.csv", plan=full_plan, by=admin_user)
    assert report.changes == []


def test_cells_a_spreadsheet_would_run_are_neutralised(full_plan):
    workbook = openpyxl.load_workbook(io.BytesIO(plan_export(plan=full_plan, format="xlsx")))
    cells = [cell for row in workbook["Actions"].iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    narratives = {cell.value for cell in cells if isinstance(cell.value, str)}
    for text in HOSTILE:
        assert "'" + text in narratives
        assert text not in narratives

    rows = list(
        csv.reader(io.StringIO(plan_export(plan=full_plan, format="csv").decode("utf-8-sig")))
    )
    csv_cells = {cell for row in rows for cell in row}
    assert '\'=HYPERLINK("http://x")' in csv_cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in csv_cells)


def test_summary_sheet_matches_the_summary(full_plan):
    workbook = openpyxl.load_workbook(io.BytesIO(plan_export(plan=full_plan, format="xlsx")))
    rows = list(workbook["Summary"].iter_rows(values_only=True))
    total = rows[-1]
    summary = plan_summary(plan=full_plan, round=full_plan.rounds.latest())
    assert total[0] == "TOTAL"
    assert total[1] == summary.total.actions == len(HOSTILE)
    assert total[2] == float(summary.total[Status.ACHIEVED]) == 3.0


def test_json_export_has_every_entity_and_the_summary_figures(full_plan):
    document = json.loads(plan_export(plan=full_plan, format="json"))
    summary = plan_summary(plan=full_plan, round=full_plan.rounds.latest())
    assert document["summary"] == json.loads(json.dumps(summary.as_json()))
    assert len(document["actions"]) == len(HOSTILE)
    assert len(document["actions"][0]["milestones"]) == 2
    assert len(document["updates"]) == 2 * len(HOSTILE)
    assert {r["title"] for r in document["rounds"]} == {"Autumn update", "Spring update"}


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_the_plan():
    small = make_large_plan(slug="small", actions=20, rounds=2)
    large = make_large_plan(slug="large", actions=400, rounds=2)
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            plan_export(plan=plan, format="xlsx")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_control_characters_pasted_from_word_do_not_break_the_export(full_plan):
    ProgressUpdate.objects.filter(action__plan=full_plan).update(narrative="Line\x0bbreak\x01")
    workbook = openpyxl.load_workbook(io.BytesIO(plan_export(plan=full_plan, format="xlsx")))
    values = {c.value for row in workbook["Actions"].iter_rows() for c in row}
    assert "Linebreak" in values


def test_control_characters_entered_through_the_api_are_not_exported_to_csv(
    plan, owner, lead, admin_user
):
    """The API takes any text; every export strips what a spreadsheet cannot hold, and only then
    neutralises, so a control character cannot hide a formula behind it either."""
    from rest_framework.test import APIClient

    from headway.plans.services import progress_update_approve

    action = ActionFactory(area__plan=plan, area__number=1, reference="1.1", owner=owner)
    review_round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    api = APIClient()
    api.force_authenticate(owner)
    created = api.post(
        "/api/v1/updates/",
        {
            "action": action.pk,
            "round": review_round.pk,
            "assessment": "Amber",
            "narrative": "Line\x0bbreak\x01 and\x1b escape",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert api.post(f"/api/v1/updates/{created.json()['id']}/submit/").status_code == 200
    update = ProgressUpdate.objects.get(pk=created.json()["id"])
    progress_update_approve(update=update, by=lead)
    hidden = ActionFactory(area=action.area, reference="1.2", title='\x01=HYPERLINK("x")')

    data = plan_export(plan=plan, format="csv").decode("utf-8-sig")

    assert not any(ch in data for ch in "\x0b\x01\x1b")
    cells = {cell for row in csv.reader(io.StringIO(data)) for cell in row}
    assert "Linebreak and escape" in cells
    assert '\'=HYPERLINK("x")' in cells
    assert not any(cell.startswith("=") for cell in cells)
    workbook = openpyxl.load_workbook(io.BytesIO(plan_export(plan=plan, format="xlsx")))
    values = {c.value for row in workbook["Actions"].iter_rows() for c in row}
    assert '\'=HYPERLINK("x")' in values

    report = plan_import(
        data=data.encode("utf-8-sig"), filename="plan.csv", plan=plan, by=admin_user
    )

    assert report.rows_read == 2
    update = ProgressUpdate.objects.get(action=action, state=UpdateState.APPROVED)
    assert update.narrative == "Linebreak and escape"
    hidden.refresh_from_db()
    assert hidden.title == '=HYPERLINK("x")'
