"""The roll-forward form (administrators only) and the multi-year view."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.plans.choices import PlanRole, Status
from headway.plans.models import Action, Plan
from headway.progress.rollover import plan_roll_forward
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_one(plan, owner):
    plan.title = "Children's Social Care Plan 2012/13"
    plan.slug = "csc-2012-13"
    plan.save()
    area = OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision")
    round_ = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    done = ActionFactory(plan=plan, area=area, reference="1.1", title="Done <b>well</b>")
    open_ = ActionFactory(plan=plan, area=area, reference="1.2", title="Still <i>going</i>")
    ProgressUpdateFactory(action=done, round=round_, status=Status.ACHIEVED)
    ProgressUpdateFactory(action=open_, round=round_, status=Status.SIGNIFICANT_PROGRESS)
    return plan


def url(name, plan):
    return reverse(f"rollover:{name}", kwargs={"slug": plan.slug})


def test_the_form_suggests_next_year_and_previews_what_is_carried(client, admin_user, year_one):
    client.force_login(admin_user)

    response = client.get(url("roll_forward", year_one))

    assert response.status_code == 200
    assert response.context["form"].initial == {
        "slug": "csc-2013-14",
        "title": "Children's Social Care Plan 2013/14",
        "start": dt.date(2013, 9, 1),
    }
    assert [a.reference for a in response.context["carried"]] == ["1.2"]
    assert [a.reference for a in response.context["left_behind"]] == ["1.1"]
    html = response.content.decode()
    assert "1 action will be carried forward" in html
    assert 'name="start_0" type="text" value="1"' in html  # the day, month and year boxes
    assert 'name="start_2" type="text" value="2013"' in html
    assert "Still &lt;i&gt;going&lt;/i&gt;" in html and "<i>going" not in html
    assert Plan.objects.count() == 1


def test_an_administrator_creates_the_next_plan(client, admin_user, year_one):
    client.force_login(admin_user)

    response = client.post(
        url("roll_forward", year_one),
        {
            "slug": "csc-2013-14",
            "title": "Plan 2013/14",
            "start_0": "1",
            "start_1": "9",
            "start_2": "2013",
        },
    )

    new = Plan.objects.get(slug="csc-2013-14")
    assert response.status_code == 302
    assert response["Location"] == new.get_absolute_url()
    assert new.previous_plan == year_one
    assert list(new.actions.values_list("reference", "carried_from__reference")) == [("1.2", "1.2")]


def test_an_existing_slug_is_refused_on_the_form_and_nothing_is_written(
    client, admin_user, year_one
):
    client.force_login(admin_user)

    response = client.post(
        url("roll_forward", year_one),
        {
            "slug": "csc-2012-13",
            "title": "Again",
            "start_0": "1",
            "start_1": "9",
            "start_2": "2013",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == [
        "A plan with the slug 'csc-2012-13' already exists; choose another."
    ]
    assert "There is a problem" in response.content.decode()
    assert Plan.objects.count() == 1
    assert Action.objects.count() == 2


@pytest.mark.parametrize(
    ("who", "status"), [("lead", 403), ("owner", 403), ("reader", 403), ("outsider", 404)]
)
def test_only_administrators_may_roll_a_plan_forward(client, request, year_one, who, status):
    client.force_login(request.getfixturevalue(who))

    get = client.get(url("roll_forward", year_one))
    post = client.post(
        url("roll_forward", year_one),
        {"slug": "x", "title": "x", "start_0": "1", "start_1": "9", "start_2": "2013"},
    )

    assert (get.status_code, post.status_code) == (status, status)
    assert Plan.objects.count() == 1


def test_signing_in_is_required(client, year_one):
    response = client.get(url("roll_forward", year_one))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_multi_year_view_shows_each_area_across_the_plans_a_person_may_see(
    client, year_one, lead, outsider, django_assert_max_num_queries
):
    second = plan_roll_forward(plan=year_one, slug="csc-2013-14").plan
    round_two = ReviewRoundFactory(plan=second, as_at=dt.date(2014, 3, 12))
    ProgressUpdateFactory(action=second.actions.get(), round=round_two, status=Status.ACHIEVED)
    hidden = plan_roll_forward(plan=second, slug="csc-2014-15").plan
    hidden.memberships.filter(user=lead).delete()
    client.force_login(lead)

    response = client.get(url("years", second))

    assert response.status_code == 200
    assert [y.plan for y in response.context["years"]] == [year_one, second]
    assert [y.carried_in for y in response.context["years"]] == [0, 1]
    (area,) = response.context["areas"]
    assert (area.number, area.title) == (1, "Strategic vision")
    assert [(c.actions, c[Status.ACHIEVED]) for c in area.cells] == [(2, 1), (1, 1)]
    html = response.content.decode()
    assert "2 actions: 1 achieved, 1 significant progress, 0 limited progress/risk" in html
    assert "csc-2014-15" not in html
    client.force_login(outsider)
    assert client.get(url("years", second)).status_code == 404
    MembershipFactory(plan=hidden, user=outsider, role=PlanRole.READER)
    assert client.get(url("years", hidden)).status_code == 200


def test_the_pages_take_the_same_queries_whatever_the_plan_size(client, admin_user, year_one):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)
    area = year_one.areas.get()

    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(name, year_one)).status_code == 200
        return len(ctx.captured_queries)

    small = {name: queries(name) for name in ("roll_forward", "years")}
    ActionFactory.create_batch(30, plan=year_one, area=area)
    large = {name: queries(name) for name in ("roll_forward", "years")}

    assert large == small
