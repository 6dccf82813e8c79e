"""roll_forward: next year's plan carries unfinished actions forward and leaves finished ones."""

import datetime as dt
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from headway.inspections.models import Finding, Inspection
from headway.plans.assessment import Assessment
from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import Action, Milestone, OutcomeArea, Plan, PlanMembership
from headway.plans.rollover import actions_open_since, open_for, plan_lineage
from headway.progress.rollover import plan_roll_forward
from headway.risks.models import Risk, RiskStatus
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_one(plan, lead, owner, reader):
    """Five actions: achieved, dropped, half achieved, at risk, and never reported on."""
    plan.title = "Children's Social Care Performance Improvement Plan 2012/13"
    plan.save()
    areas = [
        OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision", short_title="Vision"),
        OutcomeAreaFactory(plan=plan, number=2, title="Assuring quality"),
    ]
    early = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1))
    late = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))

    def action(ref, area, *assessments):
        a = ActionFactory(plan=plan, area=area, reference=ref, owner=owner)
        for round, assessment in zip((early, late), assessments, strict=False):
            ProgressUpdateFactory(action=a, round=round, **assessment.as_sixtieths())
        return a

    achieved = action("1.1", areas[0], Assessment.single(Status.SIGNIFICANT_PROGRESS),
                      Assessment.single(Status.ACHIEVED))  # fmt: skip
    dropped = action("1.2", areas[0], Assessment.single(Status.DROPPED))
    half_and_half = {Status.ACHIEVED: Fraction(1, 2), Status.SIGNIFICANT_PROGRESS: Fraction(1, 2)}
    half = action("2.1", areas[1], Assessment.from_shares(half_and_half))
    # Achieved once, but the latest approved update says the work is at risk again.
    at_risk = action("2.2", areas[1], Assessment.single(Status.ACHIEVED),
                     Assessment.single(Status.LIMITED_PROGRESS_RISK))  # fmt: skip
    silent = action("2.3", areas[1])
    # A submitted (not yet approved) "Achieved" does not count: the action is still unfinished.
    ProgressUpdateFactory(
        action=at_risk, round=late, state=UpdateState.SUBMITTED,
        **Assessment.single(Status.ACHIEVED).as_sixtieths(),
    )  # fmt: skip
    MilestoneFactory(action=half, title="Done step", done_on=dt.date(2013, 1, 1))
    MilestoneFactory(action=half, title="Open step", due_date=dt.date(2013, 6, 30))
    RiskFactory(action=at_risk, title="Open risk")
    RiskFactory(action=at_risk, title="Closed risk", status=RiskStatus.CLOSED)
    inspection = Inspection.objects.create(
        inspectorate="Ofsted", service="Safeguarding and looked after children",
        started_on=dt.date(2012, 6, 1),
    )  # fmt: skip
    finding = Finding.objects.create(inspection=inspection, text="Improve supervision.")
    finding.actions.add(at_risk)
    return {
        "achieved": achieved, "dropped": dropped, "half": half,
        "at_risk": at_risk, "silent": silent, "finding": finding,
    }  # fmt: skip


def test_unfinished_actions_are_carried_and_finished_ones_left_behind(plan, year_one):
    result = plan_roll_forward(plan=plan, slug="csc-2013-14")

    new = Plan.objects.get(slug="csc-2013-14")
    assert result.plan == new
    assert new.previous_plan == plan
    assert new.title == "Children's Social Care Performance Improvement Plan 2013/14"
    assert (new.period_start, new.period_end) == (dt.date(2013, 9, 1), dt.date(2014, 8, 31))
    carried = {a.reference: a for a in new.actions.all()}
    assert set(carried) == {"2.1", "2.2", "2.3"}
    for ref, old in (("2.1", year_one["half"]), ("2.2", year_one["at_risk"]),
                     ("2.3", year_one["silent"])):  # fmt: skip
        assert carried[ref].carried_from == old
        assert carried[ref].title == old.title
        assert carried[ref].owner_id == old.owner_id
        assert carried[ref].area.plan == new
        assert carried[ref].area.number == old.area.number
    assert {a.reference for a in result.left_behind} == {"1.1", "1.2"}
    assert list(new.areas.values_list("number", "title", "short_title")) == [
        (1, "Strategic vision", "Vision"),
        (2, "Assuring quality", ""),
    ]
    assert list(Milestone.objects.filter(action__plan=new).values_list("title", flat=True)) == [
        "Open step"
    ]
    assert list(Risk.objects.filter(plan=new).values_list("title", flat=True)) == ["Open risk"]
    assert [list(r.actions.all()) for r in Risk.objects.filter(plan=new)] == [[carried["2.2"]]]
    assert set(year_one["finding"].actions.all()) == {year_one["at_risk"], carried["2.2"]}
    assert not new.rounds.exists()
    # The old plan is untouched.
    assert plan.actions.count() == 5


def test_every_copy_leaves_a_history_row_naming_who_rolled_forward(plan, year_one, admin_user):
    new = plan_roll_forward(plan=plan, slug="next", by=admin_user).plan
    copies = [
        *new.areas.all(),
        *new.actions.all(),
        *Milestone.objects.filter(action__plan=new),
        *Risk.objects.filter(plan=new),
    ]
    assert len(copies) == 2 + 3 + 1 + 1
    for copy in copies:
        created = copy.history.get()
        assert (created.history_type, created.history_user) == ("+", admin_user), copy


def test_memberships_are_copied(plan, year_one, lead, owner, reader):
    plan_roll_forward(plan=plan, slug="next")

    assert set(
        PlanMembership.objects.filter(plan__slug="next").values_list("user__username", "role")
    ) == {("lead", PlanRole.LEAD), ("owner", PlanRole.OWNER), ("reader", PlanRole.READER)}


def test_a_slug_that_exists_is_refused_and_nothing_is_written(plan, year_one):
    counts = (Plan.objects.count(), Action.objects.count(), OutcomeArea.objects.count())

    with pytest.raises(CommandError, match="A plan with the slug 'test-plan' already exists"):
        call_command("roll_forward", "test-plan", "--to", "test-plan")

    assert (Plan.objects.count(), Action.objects.count(), OutcomeArea.objects.count()) == counts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-plan", "--to", "x"], "There is no plan with the slug 'no-such-plan'"),
        (["test-plan", "--to", "not a slug"], "'not a slug' cannot be a plan's slug"),
        (["test-plan", "--to", "x", "--start", "1/9/2013"], "--start must be a date"),
        (["test-plan", "--to", "x", "--start", "2012-01-01"], "must start after this one did"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    plan, year_one, args, message
):
    with pytest.raises(CommandError, match=message):
        call_command("roll_forward", *args)

    assert Plan.objects.count() == 1


def test_a_failure_half_way_leaves_nothing_behind(plan, year_one, monkeypatch):
    from headway.plans import rollover

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rollover.Milestone.objects, "bulk_create", broken)

    with pytest.raises(RuntimeError):
        plan_roll_forward(plan=plan, slug="next")

    assert not Plan.objects.filter(slug="next").exists()
    assert Action.objects.count() == 5
    assert OutcomeArea.objects.count() == 2


def test_the_command_reports_what_it_did_with_title_and_start(plan, year_one):
    out = StringIO()

    call_command(
        "roll_forward", "test-plan", "--to", "csc-2014", "--title", "Plan for 2014",
        "--start", "2014-01-01", stdout=out,
    )  # fmt: skip

    new = Plan.objects.get(slug="csc-2014")
    assert (new.title, new.period_start, new.period_end) == (
        "Plan for 2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31),
    )  # fmt: skip
    assert "3 actions carried forward, 2 left behind as finished" in out.getvalue()


def test_how_long_a_carried_action_has_been_open_follows_its_whole_chain(
    plan, year_one, django_assert_num_queries
):
    second = plan_roll_forward(plan=plan, slug="year-two").plan
    third = plan_roll_forward(plan=second, slug="year-three").plan
    actions = list(third.actions.select_related("plan"))
    fresh = ActionFactory(plan=third, area=third.areas.first(), reference="9.9")
    actions.append(Action.objects.select_related("plan").get(pk=fresh.pk))

    with django_assert_num_queries(2):  # one per earlier plan, whatever the number of actions
        since = actions_open_since(actions=actions)

    by_ref = {a.reference: since[a.pk] for a in actions}
    assert by_ref["2.2"] == (dt.date(2012, 9, 1), 3)
    assert by_ref["9.9"] == (third.period_start, 1)
    opened = open_for(since=dt.date(2012, 9, 1), plans=3, today=dt.date(2014, 10, 15))
    assert (opened.months, opened.days, str(opened)) == (25, 774, "2 years 1 month")
    assert str(open_for(since=dt.date(2014, 9, 1), plans=1, today=dt.date(2014, 9, 20))) == (
        "19 days"
    )
    assert plan_lineage(plan=third) == [plan, second, third]
