"""Setting a plan up in the app: creating it, its details, outcome areas and review rounds.

Who may open each page, role by role, is in ``authz_expectations.py`` (the matrix); these
tests follow the journeys and check what each writes.
"""

import datetime as dt

import pytest
from django.urls import reverse

from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import OutcomeArea, Plan, ReviewRound
from headway.plans.services import plan_update
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    UserFactory,
)


def _date(prefix: str, value: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def _step(step: str) -> str:
    return reverse("plans:plan_new_step", kwargs={"step": step})


def test_an_administrator_creates_a_plan_one_question_at_a_time(client, admin_user):
    PlanFactory(slug="adult-social-care-plan-2014")
    client.force_login(admin_user)
    assert client.get(reverse("plans:plan_new"))["Location"] == _step("title")

    response = client.post(
        _step("title"), {"title": "Adult Social Care Plan 2014", "division": "Adult Social Care"}
    )
    assert response["Location"] == _step("address")
    # The address is suggested from the title, and never one another plan has.
    page = client.get(_step("address")).content.decode()
    assert 'value="adult-social-care-plan-2014-2"' in page
    taken = client.post(_step("address"), {"slug": "adult-social-care-plan-2014"})
    assert "Another plan has the address adult-social-care-plan-2014" in taken.content.decode()
    client.post(_step("address"), {"slug": "asc-2014"})

    backwards = client.post(
        _step("period"),
        _date("period_start", dt.date(2014, 4, 1)) | _date("period_end", dt.date(2014, 3, 31)),
    )
    assert "The plan must end after it starts (1 April 2014)" in backwards.content.decode()
    response = client.post(
        _step("period"),
        _date("period_start", dt.date(2014, 4, 1)) | _date("period_end", dt.date(2015, 3, 31)),
    )
    assert response["Location"] == reverse("plans:plan_new_check")
    check = client.get(reverse("plans:plan_new_check")).content.decode()
    for shown in (
        "Adult Social Care Plan 2014",
        "/plans/asc-2014/",
        "1 April 2014",
        "31 March 2015",
    ):
        assert shown in check
    assert not Plan.objects.filter(slug="asc-2014").exists()  # nothing before it is confirmed

    response = client.post(reverse("plans:plan_new_check"))
    plan = Plan.objects.get(slug="asc-2014")
    assert response["Location"] == reverse("plans:manage", kwargs={"slug": "asc-2014"})
    assert (plan.title, plan.division, plan.period_start, plan.period_end) == (
        "Adult Social Care Plan 2014",
        "Adult Social Care",
        dt.date(2014, 4, 1),
        dt.date(2015, 3, 31),
    )
    assert plan.history.get().history_user == admin_user


def test_changing_an_answer_from_check_your_answers_goes_back_there(client, admin_user):
    client.force_login(admin_user)
    client.get(reverse("plans:plan_new"))
    client.post(_step("title"), {"title": "Plan", "division": ""})
    client.post(_step("address"), {"slug": "a-plan"})
    client.post(
        _step("period"),
        _date("period_start", dt.date(2014, 4, 1)) | _date("period_end", dt.date(2015, 3, 31)),
    )
    response = client.post(_step("title"), {"title": "Better title", "division": ""})
    assert response["Location"] == reverse("plans:plan_new_check")


def test_nobody_but_an_administrator_creates_a_plan(client, lead):
    client.force_login(lead)
    assert client.get(reverse("plans:plan_new")).status_code == 403
    assert client.post(_step("title"), {"title": "Mine", "division": ""}).status_code == 403


def test_the_plan_lead_changes_the_plans_details(client, plan, lead):
    client.force_login(lead)
    details = reverse("plans:details", kwargs={"slug": plan.slug})
    step = reverse("plans:details_step", kwargs={"slug": plan.slug, "step": "title"})
    assert "Save changes" not in client.get(details).content.decode()
    client.get(step)
    response = client.post(step, {"title": "Renamed plan", "division": "Children's Services"})
    assert response["Location"] == details
    page = client.get(details).content.decode()
    assert "Check your changes" in page and "Renamed plan" in page
    plan.refresh_from_db()
    assert plan.title == "Test Performance Improvement Plan"  # not before it is saved

    client.post(details)
    plan.refresh_from_db()
    assert (plan.title, plan.division, plan.version) == ("Renamed plan", "Children's Services", 2)


def test_a_save_over_a_newer_version_is_refused_with_both_shown(client, plan, lead, admin_user):
    client.force_login(lead)
    details = reverse("plans:details", kwargs={"slug": plan.slug})
    step = reverse("plans:details_step", kwargs={"slug": plan.slug, "step": "title"})
    client.get(step)
    client.post(step, {"title": "Lead title", "division": ""})
    plan_update(
        plan=plan, by=admin_user, expected_version=1, changes={"title": "Administrator title"}
    )

    refused = client.post(details)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Lead title" in page and "Administrator title" in page
    plan.refresh_from_db()
    assert plan.title == "Administrator title"

    client.post(details)  # saving again, having seen both
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Lead title", 3)


def test_a_lead_of_another_plan_sees_no_set_up_page(client, plan):
    other_lead = UserFactory(username="other-lead")
    MembershipFactory(plan=PlanFactory(), user=other_lead, role=PlanRole.LEAD)
    client.force_login(other_lead)
    for name in ("plans:manage", "plans:areas", "plans:rounds", "plans:people"):
        assert client.get(reverse(name, kwargs={"slug": plan.slug})).status_code == 404


@pytest.mark.parametrize("role", ["owner", "reader"])
def test_owners_and_readers_may_not_set_a_plan_up(client, plan, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("plans:manage", kwargs={"slug": plan.slug})).status_code == 403
    response = client.post(
        reverse("plans:area_add", kwargs={"slug": plan.slug}), {"title": "Sneaky"}
    )
    assert response.status_code == 403
    assert not plan.areas.exists()


def test_areas_are_added_renamed_and_moved(client, plan, lead):
    client.force_login(lead)
    add = reverse("plans:area_add", kwargs={"slug": plan.slug})
    client.post(add, {"title": "Strategic vision and leadership", "short_title": "Leadership"})
    client.post(add, {"title": "Building a quality service", "short_title": ""})
    first, second = plan.areas.order_by("number")
    assert (first.number, second.number) == (1, 2)

    change = reverse("plans:area_change", kwargs={"slug": plan.slug, "pk": second.pk})
    read_at = second.updated_at.isoformat()
    response = client.post(
        change,
        {"title": "A quality service", "short_title": "Quality", "number": 1, "read_at": read_at},
    )
    assert response["Location"] == reverse("plans:areas", kwargs={"slug": plan.slug})
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.number, second.title, second.short_title) == (1, "A quality service", "Quality")
    assert first.number == 2

    stale = client.post(
        change, {"title": "Overwrite", "short_title": "", "number": 1, "read_at": read_at}
    )
    assert stale.status_code == 409
    assert "Someone else changed this area meanwhile" in stale.content.decode()
    second.refresh_from_db()
    assert second.title == "A quality service"


def test_moving_an_area_keeps_every_number_unique(plan, lead):
    from headway.plans.services import outcome_area_change

    areas = [OutcomeAreaFactory(plan=plan, number=n, title=f"Area {n}") for n in (1, 2, 3, 4)]
    last = areas[-1]
    outcome_area_change(
        area=last, by=lead, title=last.title, short_title="", number=1, read_at=last.updated_at
    )
    titles = list(OutcomeArea.objects.filter(plan=plan).values_list("number", "title"))
    assert titles == [(1, "Area 4"), (2, "Area 1"), (3, "Area 2"), (4, "Area 3")]


def _open_round(client, plan, as_at=dt.date(2013, 3, 12), title="Update to committee"):
    data = {"title": title} | _date("as_at", as_at) | _date("deadline", as_at)
    return client.post(reverse("plans:round_open", kwargs={"slug": plan.slug}), data)


def test_the_lead_opens_a_round_after_checking_it(client, plan, lead):
    client.force_login(lead)
    response = _open_round(client, plan)
    check = reverse("plans:round_open_check", kwargs={"slug": plan.slug})
    assert response["Location"] == check
    page = client.get(check).content.decode()
    assert "12 March 2013" in page and "Open the round" in page
    assert not plan.rounds.exists()
    client.post(check, {"close": ""})
    (opened,) = plan.rounds.all()
    assert (opened.title, opened.as_at, opened.closed_at) == (
        "Update to committee",
        dt.date(2013, 3, 12),
        None,
    )


def test_an_as_at_date_outside_the_plan_is_refused_with_both_dates(client, plan, lead):
    client.force_login(lead)
    response = _open_round(client, plan, as_at=dt.date(2014, 1, 31))
    page = response.content.decode()
    assert response.status_code == 200
    assert "31 January 2014" in page and "1 September 2012 to 31 August 2013" in page
    assert not plan.rounds.exists()


def test_opening_a_round_closes_the_open_one_listing_the_updates_not_yet_in(
    client, plan, lead, owner
):
    december = ReviewRoundFactory(plan=plan, title="December round", as_at=dt.date(2012, 12, 4))
    area = OutcomeAreaFactory(plan=plan, number=1)
    done = ActionFactory(area=area, owner=owner, reference="1.1", title="Done on time")
    missing = ActionFactory(area=area, owner=owner, reference="1.2", title="Still to come")
    ProgressUpdateFactory(action=done, round=december, status=Status.ACHIEVED, decided_by=lead)
    client.force_login(lead)
    _open_round(client, plan)
    check = reverse("plans:round_open_check", kwargs={"slug": plan.slug})
    page = client.get(check).content.decode()
    assert "December round is still open" in page
    assert "1.2 Still to come" in page and "1.1 Done on time" not in page
    assert "Close December round and open the new round" in page

    client.post(check, {"close": str(december.pk)})
    december.refresh_from_db()
    assert december.closed_at is not None and december.closed_by == lead
    assert plan.rounds.get(closed_at__isnull=True).as_at == dt.date(2013, 3, 12)
    assert missing.updates.count() == 0


def test_a_round_opened_meanwhile_is_not_closed_unseen(client, plan, lead):
    client.force_login(lead)
    _open_round(client, plan)
    check = reverse("plans:round_open_check", kwargs={"slug": plan.slug})
    client.get(check)  # no round open as the lead reads the page
    other = ReviewRoundFactory(plan=plan, title="Opened meanwhile", as_at=dt.date(2013, 1, 4))
    response = client.post(check, {"close": ""})
    assert response.status_code == 409
    other.refresh_from_db()
    assert other.closed_at is None
    assert list(plan.rounds.all()) == [other]


def test_a_round_with_updates_awaiting_approval_stays_open(client, plan, lead, owner):
    december = ReviewRoundFactory(plan=plan, title="December round", as_at=dt.date(2012, 12, 4))
    ProgressUpdateFactory(
        action=ActionFactory(area__plan=plan, owner=owner),
        round=december,
        state=UpdateState.SUBMITTED,
        status=Status.ACHIEVED,
    )
    client.force_login(lead)
    _open_round(client, plan)
    check = reverse("plans:round_open_check", kwargs={"slug": plan.slug})
    response = client.post(check, {"close": str(december.pk)})
    assert response.status_code == 409
    assert "1 submitted update still awaits approval" in response.content.decode()
    assert ReviewRound.objects.filter(plan=plan).count() == 1


def test_the_rounds_page_links_each_open_round_to_its_close_page(client, plan, admin_user):
    ReviewRoundFactory(
        plan=plan, as_at=dt.date(2012, 12, 4), closed_at=dt.datetime(2012, 12, 5, tzinfo=dt.UTC)
    )
    current = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    client.force_login(admin_user)
    page = client.get(reverse("plans:rounds", kwargs={"slug": plan.slug})).content.decode()
    close = reverse("progress:round_close", kwargs={"slug": plan.slug, "pk": current.pk})
    assert page.count(f'href="{close}"') == 1
    assert page.count("Closed") == 1


def test_home_offers_administrators_to_create_a_plan(client, admin_user, lead):
    client.force_login(admin_user)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("plans:plan_new")}"' in page and "Create a plan" in page
    client.force_login(lead)
    assert "Create a plan" not in client.get(reverse("home")).content.decode()


def test_a_change_page_opened_but_not_used_shows_the_details_as_they_now_are(
    client, plan, lead, admin_user
):
    client.force_login(lead)
    client.get(reverse("plans:details_step", kwargs={"slug": plan.slug, "step": "title"}))
    plan_update(plan=plan, by=admin_user, expected_version=1, changes={"title": "Renamed"})
    page = client.get(reverse("plans:details", kwargs={"slug": plan.slug})).content.decode()
    assert "Renamed" in page and "Save changes" not in page
