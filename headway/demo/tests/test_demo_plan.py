"""`manage.py load_demo` builds the source's plan: its table 3.7, risks, inspections and people."""

from fractions import Fraction
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from headway.core.fractions import format_count
from headway.demo import loader
from headway.demo import plan as demo_data
from headway.demo.loader import load_demo
from headway.demo.people import USERS
from headway.inspections.models import Finding, FindingKind, Inspection
from headway.plans.choices import PlanRole, Status
from headway.plans.models import Action, Plan, PlanMembership, ReviewRound
from headway.plans.selectors import plan_summary
from headway.risks.models import Risk

SLUG = "childrens-social-care-2012-13"
PASSWORD = "demo-password-for-tests-42"

# The source's table 3.7: (short title, actions, achieved, significant, limited).
TABLE_3_7 = [
    ("Strategic Vision and Leadership", 10, "2", "7", "1"),
    ("Building a Quality Service", 14, "6½", "6½", "1"),
    ("Assuring Quality", 9, "9", "0", "0"),
    ("Listening to Children", 7, "2", "3", "2"),
    ("Improving Outcomes for LAC", 16, "2", "12", "2"),
]


@pytest.fixture
def demo(db):
    return load_demo(password=PASSWORD)


def _sign_in(username: str, password: str):
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=password)


def _row_counts() -> dict[str, int]:
    # Only models with a table: another app's model may be ahead of its migration mid-change.
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables
    }


def _committee_round(plan: Plan) -> ReviewRound:
    return plan.rounds.get(as_at="2013-03-12")


def test_summary_at_the_committee_round_is_table_3_7(demo):
    plan = Plan.objects.get(slug=SLUG)
    summary = plan_summary(plan=plan, round=_committee_round(plan))

    rows = [
        (
            area.area.table_title,
            area.counts.actions,
            format_count(area.counts[Status.ACHIEVED]),
            format_count(area.counts[Status.SIGNIFICANT_PROGRESS]),
            format_count(area.counts[Status.LIMITED_PROGRESS_RISK]),
        )
        for area in summary.areas
    ]
    assert rows == TABLE_3_7
    quality = summary.areas[1].counts
    assert quality[Status.ACHIEVED] == Fraction(13, 2)
    assert quality[Status.SIGNIFICANT_PROGRESS] == Fraction(13, 2)
    total = summary.total
    assert total.actions == 56
    assert total[Status.ACHIEVED] == Fraction(43, 2)
    assert total[Status.SIGNIFICANT_PROGRESS] == Fraction(57, 2)
    assert total[Status.LIMITED_PROGRESS_RISK] == 6
    assert [format_count(total[s]) for s in list(Status)[:3]] == ["21½", "28½", "6"]
    assert total[Status.NOT_STARTED] == total[Status.DROPPED] == total.no_update == 0
    assert Action.objects.filter(plan=plan).count() == 56


def test_the_plan_has_its_five_outcome_areas_in_order(demo):
    plan = Plan.objects.get(slug=SLUG)

    assert demo.created is True
    assert plan.division == "Children's Safeguarding and Social Care"
    assert (plan.period_start.isoformat(), plan.period_end.isoformat()) == (
        "2012-09-01",
        "2013-08-31",
    )
    assert list(plan.areas.values_list("number", "title", "short_title")) == [
        (1, "Strategic vision and leadership", "Strategic Vision and Leadership"),
        (2, "Building a quality service", "Building a Quality Service"),
        (3, "Assuring quality", "Assuring Quality"),
        (4, "Listening to children, young people and their families", "Listening to Children"),
        (5, "Improving outcomes for Looked After Children", "Improving Outcomes for LAC"),
    ]
    assert [area.actions.count() for area in plan.areas.all()] == [10, 14, 9, 7, 16]
    titles = list(plan.actions.values_list("title", flat=True))
    assert len(set(titles)) == 56
    assert plan.actions.filter(milestones__isnull=True).count() == 0
    assert plan.actions.filter(due_date__isnull=True, timescale="Ongoing").exists()
    slipped = [a for a in plan.actions.exclude(revised_timescale="") if a.has_slipped]
    assert slipped and all(a.revision_reason for a in slipped)
    assert plan.actions.filter(external_dependencies__contains="Metropolitan Police").exists()


def test_the_previous_plan_carries_some_actions_forward(demo):
    plan = Plan.objects.get(slug=SLUG)
    previous = plan.previous_plan

    assert previous.slug == "childrens-social-care-2011-12"
    carried = plan.actions.filter(carried_from__isnull=False).select_related("carried_from")
    assert 0 < carried.count() < previous.actions.count()
    assert all(a.carried_from.plan_id == previous.pk for a in carried)
    assert plan.actions.get(reference="2.3").carried_from.plan == previous


def test_a_second_run_changes_nothing(demo, django_assert_max_num_queries):
    before = _row_counts()
    hashes = dict(get_user_model().objects.values_list("username", "password"))
    action_versions = list(Action.objects.order_by("pk").values_list("pk", "updated_at"))

    with django_assert_max_num_queries(15):
        again = load_demo(password=None)

    assert again.created is False
    assert again.password is None
    assert _row_counts() == before
    assert dict(get_user_model().objects.values_list("username", "password")) == hashes
    assert list(Action.objects.order_by("pk").values_list("pk", "updated_at")) == action_versions


def test_people_have_role_titles_and_the_right_roles(demo):
    plan = Plan.objects.get(slug=SLUG)
    users = get_user_model().objects.filter(username__in=[u.username for u in USERS])

    assert users.count() == len(USERS)
    assert not users.exclude(first_name="", last_name="").exists()
    assert all(u.email.endswith("@example.org") and u.job_title for u in users)
    admin = users.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    roles = dict(PlanMembership.objects.filter(plan=plan).values_list("user__username", "role"))
    assert roles["lead"] == PlanRole.LEAD
    assert roles["owner"] == PlanRole.OWNER
    assert roles["reader"] == PlanRole.READER
    assert "admin" not in roles


def test_owner_owns_an_action_in_every_area(demo):
    plan = Plan.objects.get(slug=SLUG)

    owned_areas = set(
        plan.actions.filter(owner__username="owner").values_list("area__number", flat=True)
    )

    assert owned_areas == set(plan.areas.values_list("number", flat=True))
    owners = set(plan.actions.values_list("owner__username", flat=True))
    assert {"owner-cp", "owner-lac", "owner-qa", "owner-fostering"} <= owners


def test_every_limited_progress_action_has_a_risk_or_a_reason_and_two_risks_are_named(demo):
    plan = Plan.objects.get(slug=SLUG)
    committee = _committee_round(plan)
    limited = plan.actions.filter(
        updates__round=committee, updates__share_limited_progress_risk__gt=0
    )

    assert limited.count() == 6
    without_risk = []
    for action in limited:
        risk = Risk.objects.filter(actions=action).first()
        if risk is None:
            update = action.updates.get(round=committee)
            assert update.no_risk_reason, action.reference
            without_risk.append(action.reference)
            continue
        assert risk.raised_in.round == committee
        assert risk.cause and risk.impact and risk.mitigation
    assert without_risk == ["4.7"]
    named = Risk.objects.filter(plan=plan, named_in_report=True)
    assert named.count() == 2
    police = named.get(external_dependency="Metropolitan Police")
    assert police.escalated_to == "Bromley Safeguarding Children Board"
    assert police.escalated_on is None  # the source gives no date
    assert [a.reference for a in police.actions.order_by("reference")] == ["1.5", "2.3"]
    assert "strategy meetings" in police.actions.get(reference="2.3").title
    family_files = named.get(external_dependency="OLM")
    assert "family files" in family_files.actions.get().title.lower()
    assert "OLM, Bromley's Integrated Children's System provider" in family_files.cause
    assert Risk.objects.count() == 5


def test_movement_since_autumn_has_actions_up_and_down(demo):
    plan = Plan.objects.get(slug=SLUG)

    movement = plan_summary(plan=plan, round=_committee_round(plan)).movement

    assert movement.previous_round.title == "Autumn 2012 review"
    assert len(movement.up) > len(movement.down) > 0
    assert movement.stayed > 0
    assert len(movement.up) + len(movement.down) + movement.stayed == 56
    assert "2.3" in {move.reference for move in movement.down}


def test_the_july_2012_inspection_shaped_actions_and_some_findings_are_unanswered(demo):
    july = Inspection.objects.get(started_on__year=2012, started_on__month=7)

    assert july.judgement == "Adequate"
    improvements = july.findings.filter(kind=FindingKind.AREA_FOR_IMPROVEMENT)
    answered = improvements.filter(actions__isnull=False).distinct()
    assert answered.count() >= 4
    assert all(a.plan.slug == SLUG for f in answered for a in f.actions.all())
    assert Finding.objects.filter(actions__isnull=True).exclude(kind=FindingKind.STRENGTH).exists()
    assert Inspection.objects.count() == 6
    assert Inspection.objects.get(service="Youth Offending Team").judgement == (
        "Minimum improvement"
    )


def test_password_option_sets_every_demo_users_password(db):
    out = StringIO()
    call_command("load_demo", "--password", PASSWORD, stdout=out)
    call_command("load_demo", "--password", "another-password-43", stdout=out)

    assert "Children's Social Care Performance Improvement Plan 2012/13" in out.getvalue()
    assert "another-password-43" in out.getvalue()
    for spec in USERS:
        assert _sign_in(spec.username, "another-password-43").username == spec.username
    assert _sign_in("owner", PASSWORD) is None


def test_default_password_is_random_printed_and_kept_on_a_second_run(db):
    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)

    password = first.getvalue().split("Password for these users: ")[1].split()[0]
    assert len(password) >= 12
    assert password not in second.getvalue()
    assert "Passwords unchanged" in second.getvalue()
    assert _sign_in("lead", password).username == "lead"
    assert Plan.objects.filter(slug=SLUG).count() == 1


def test_inconsistent_demo_data_is_refused_before_anything_is_written(db, monkeypatch):
    risks = dict(demo_data.RISKS)
    del risks["2.3"]
    monkeypatch.setattr(demo_data, "RISKS", risks)

    with pytest.raises(ValueError, match="do not match limited actions"):
        load_demo(password=PASSWORD)

    assert not Plan.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_failure_part_way_leaves_nothing_half_written(db, monkeypatch):
    def fail(plan):
        raise RuntimeError("inspections could not be written")

    monkeypatch.setattr(loader, "_create_inspections", fail)

    with pytest.raises(RuntimeError):
        load_demo(password=PASSWORD)

    assert not Plan.objects.exists()
    assert not Action.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_deleted_demo_user_comes_back_with_a_new_password_and_the_rest_keep_theirs(demo):
    get_user_model().objects.get(username="reader").delete()
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "New users: reader" in out.getvalue()
    assert "Other passwords unchanged" in out.getvalue()
    password = out.getvalue().split("Password for these users: ")[1].split()[0]
    assert _sign_in("reader", password).username == "reader"
    assert _sign_in("lead", PASSWORD).username == "lead"
    assert _sign_in("lead", password) is None
    plan = Plan.objects.get(slug=SLUG)
    assert plan.memberships.get(user__username="reader").role == PlanRole.READER
    assert plan.previous_plan.memberships.get(user__username="reader").role == PlanRole.READER
