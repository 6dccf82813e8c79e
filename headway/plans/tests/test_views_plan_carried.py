"""The plan page shows, for carried actions, how long they have been open."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.testing.factories import ActionFactory, OutcomeAreaFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_carried_actions_show_since_when_and_for_how_long(client, plan, reader):
    older = PlanFactory(
        slug="older", period_start=dt.date(2010, 9, 1), period_end=dt.date(2011, 8, 31)
    )
    last_year = PlanFactory(
        slug="last-year",
        previous_plan=older,
        period_start=dt.date(2011, 9, 1),
        period_end=dt.date(2012, 8, 31),
    )
    plan.previous_plan = last_year
    plan.save()
    first = ActionFactory(area=OutcomeAreaFactory(plan=older), title="Audit <b>supervision</b>")
    middle = ActionFactory(area=OutcomeAreaFactory(plan=last_year), carried_from=first)
    area = OutcomeAreaFactory(plan=plan, number=1)
    ActionFactory(area=area, reference="1.1", carried_from=middle, title=first.title)
    ActionFactory(area=area, reference="1.2", title="New this year")
    client.force_login(reader)

    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))

    assert response.status_code == 200
    assert response.context["carried_total"] == 1
    [(action, open_for)] = response.context["carried"]
    assert action.reference == "1.1"
    assert open_for.since == dt.date(2010, 9, 1)
    assert open_for.plans == 3
    page = response.content.decode()
    assert "Carried forward from earlier plans" in page
    assert "September 2010" in page
    assert "Audit &lt;b&gt;supervision&lt;/b&gt;" in page
    assert "New this year" not in page.split('id="carried"')[1].split("</table>")[0]


def test_a_plan_without_carried_actions_has_no_such_section(client, plan, reader):
    ActionFactory(area=OutcomeAreaFactory(plan=plan, number=1))
    client.force_login(reader)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert "Carried forward from earlier plans" not in response.content.decode()
