"""Importing a plan: tolerant reading, exact changes, history, and nothing written on a dry run."""

import datetime as dt
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied

from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import Action, Milestone, OutcomeArea, PlanMembership, ProgressUpdate
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.testing.factories import ActionFactory, ReviewRoundFactory, UserFactory

from .files import HEADER, action_row, csv_bytes, simple_plan_rows, xlsx


def _import(data, plan, by, name="plan.xlsx", **kwargs):
    return plan_import(data=data, filename=name, plan=plan, by=by, **kwargs)


def test_messy_real_world_layout_is_read(plan, admin_user, owner):
    """Title rows, synonyms in another order, merged areas, spacer rows, area heading rows."""
    UserFactory(username="head-cp", email="Head.CP@example.org")
    rows = [
        ["Children's Social Care Performance Improvement Plan 2012/13"],
        [],
        ["Ref", "What we will do", "Lead", "By when", "Outcome", "Key milestones", "RAG"],
        ["1. Strategic vision and leadership"],
        ["1.1", "Publish the plan", "owner", "Mar-13", "Strategic vision and leadership", "", "G"],
        ["1.2", "Review panels", "head.cp@example.org", "Q4 2012/13", None, "", "Amber"],
        [None, None, None, None, None, None, None],
        ["2.1", "Audit files", "owner", "Ongoing", "2. Building a quality service", "", "Red"],
        ["2.2", "Split", "owner", "31/03/2013", None, "", "½ achieved, ½ significant progress"],
    ]
    ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))

    report = _import(xlsx(rows), plan, admin_user)

    actions = {a.reference: a for a in Action.objects.filter(plan=plan).select_related("area")}
    assert set(actions) == {"1.1", "1.2", "2.1", "2.2"}
    assert actions["1.2"].area.number == 1  # carried down from the row above
    assert actions["1.2"].owner.username == "head-cp"
    assert actions["1.2"].due_date == dt.date(2013, 3, 31)
    assert actions["2.1"].due_date is None
    assert actions["2.1"].area.title == "Building a quality service"
    split = ProgressUpdate.objects.get(action=actions["2.2"])
    assert split.assessment.share_of(Status.ACHIEVED) == Fraction(1, 2)
    assert split.state == UpdateState.APPROVED
    assert ProgressUpdate.objects.get(action=actions["2.1"]).assessment.statuses == [
        Status.LIMITED_PROGRESS_RISK
    ]
    assert len(report.created) > 4
    # the new owner of 1.2 now has a role on the plan, so they can see it
    assert PlanMembership.objects.filter(
        plan=plan, user__username="head-cp", role=PlanRole.OWNER
    ).exists()


def test_dry_run_reports_exactly_what_a_real_run_does_and_writes_nothing(plan, admin_user, owner):
    data = xlsx(simple_plan_rows(3))
    dry = _import(data, plan, admin_user, dry_run=True)
    assert Action.objects.filter(plan=plan).count() == 0
    assert OutcomeArea.objects.filter(plan=plan).count() == 0

    real = _import(data, plan, admin_user)

    assert [str(c) for c in dry.changes] == [str(c) for c in real.changes]
    assert Action.objects.filter(plan=plan).count() == 3
    assert Milestone.objects.filter(action__plan=plan).count() == 3


def test_reimporting_the_same_file_changes_nothing(plan, admin_user, owner):
    data = xlsx(simple_plan_rows(3))
    _import(data, plan, admin_user)
    history_before = Action.history.count()
    versions = list(Action.objects.order_by("pk").values_list("version", flat=True))

    report = _import(data, plan, admin_user)

    assert report.changes == []
    assert report.unchanged == 3
    assert Action.history.count() == history_before
    assert list(Action.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_an_edited_file_changes_exactly_what_was_edited_and_records_who(plan, admin_user, owner):
    _import(xlsx(simple_plan_rows(3)), plan, admin_user)
    rows = simple_plan_rows(3)
    rows[2] = action_row(
        "1.2", Timescale="Q1 2013/14", Milestones="Audit complete \N{EN DASH} 28/02/2013"
    )
    untouched = Action.objects.get(reference="1.1")

    report = _import(xlsx(rows), plan, admin_user)

    edited = Action.objects.get(reference="1.2")
    assert edited.timescale == "Q1 2013/14"
    assert edited.due_date == dt.date(2013, 6, 30)
    assert edited.version == 2
    assert Milestone.objects.get(action=edited).due_date == dt.date(2013, 2, 28)
    assert Action.objects.get(reference="1.1").updated_at == untouched.updated_at
    assert {c.what for c in report.changed} == {
        "Action 1.2",
        "Milestone of action 1.2: Audit complete",
    }
    latest = edited.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"


def test_changed_status_supersedes_the_approved_one(plan, admin_user, owner):
    ReviewRoundFactory(plan=plan)
    _import(xlsx([HEADER, action_row(Status="Amber")]), plan, admin_user)
    _import(
        xlsx([HEADER, action_row(Status="Green", Progress_narrative="Done.")]), plan, admin_user
    )

    updates = ProgressUpdate.objects.order_by("pk")
    assert [u.state for u in updates] == [UpdateState.SUPERSEDED, UpdateState.APPROVED]
    assert updates[1].supersedes == updates[0]
    assert updates[1].narrative == "Done."
    # Each write left a history row as the importing user: created approved, then superseded.
    first = updates[0].history.order_by("history_date")
    assert [(h.history_type, h.state, h.history_user) for h in first] == [
        ("+", UpdateState.APPROVED, admin_user),
        ("~", UpdateState.SUPERSEDED, admin_user),
    ]
    assert updates[1].history.get().history_type == "+"


def test_csv_with_bom_imports_like_a_workbook(plan, admin_user, owner):
    _import(csv_bytes(simple_plan_rows(2)), plan, admin_user, name="plan.csv")
    assert Action.objects.filter(plan=plan).count() == 2


def test_actions_outside_the_file_are_left_alone(plan, admin_user, owner):
    kept = ActionFactory(area__plan=plan, reference="9.9")
    _import(xlsx(simple_plan_rows(1)), plan, admin_user)
    kept.refresh_from_db()
    assert kept.version == 1


def test_only_administrators_import(plan, lead):
    with pytest.raises(PermissionDenied):
        _import(xlsx(simple_plan_rows(1)), plan, lead)
    assert Action.objects.count() == 0


def test_statuses_without_a_round_are_refused_with_what_to_do(plan, admin_user, owner):
    with pytest.raises(SpreadsheetRefused, match="no review round"):
        _import(xlsx([HEADER, action_row(Status="Green")]), plan, admin_user)
    assert Action.objects.count() == 0


def test_checking_a_file_costs_the_same_queries_for_ten_or_two_hundred_actions(
    plan, admin_user, owner
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ReviewRoundFactory(plan=plan)
    counts = []
    for size in (10, 200):
        rows = [HEADER] + [
            action_row(f"{size}.{i}", Status="Amber", Owner="owner") for i in range(size)
        ]
        with CaptureQueriesContext(connection) as queries:
            report = _import(xlsx(rows), plan, admin_user, dry_run=True)
        assert report.rows_read == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_area_heading_rows_stand_in_for_a_missing_area_column(plan, admin_user, owner):
    rows = [
        ["Reference", "Action", "Owner", "Timescale"],
        ["Outcome area 3: Assuring quality"],
        ["3.1", "Audit files", "owner", "Ongoing"],
        ["3.2", "Observe practice", "owner", "Q2 2012/13"],
    ]
    _import(xlsx(rows), plan, admin_user)
    areas = OutcomeArea.objects.filter(plan=plan)
    assert [(a.number, a.title) for a in areas] == [(3, "Assuring quality")]
    assert Action.objects.filter(area__number=3).count() == 2


def test_role_titles_in_the_owner_column_get_a_hint(plan, admin_user, owner):
    with pytest.raises(SpreadsheetRefused, match="role titles rather than people"):
        _import(xlsx([HEADER, action_row(Owner="Head of Service, CP")]), plan, admin_user)
    assert Action.objects.count() == 0
