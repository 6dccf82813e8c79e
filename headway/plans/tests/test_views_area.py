"""The outcome area page: its actions with their status in the selected round."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from headway.plans.choices import Status
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)


@pytest.fixture
def area(plan):
    area = OutcomeAreaFactory(plan=plan, number=3, title="Assuring quality")
    other = OutcomeAreaFactory(plan=plan, number=4)
    rnd = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    audited = ActionFactory(plan=plan, area=area, reference="3.1", title="Case file audits")
    ActionFactory(plan=plan, area=area, reference="3.2", title="Practice standards")
    ActionFactory(plan=plan, area=other, reference="4.1", title="Elsewhere")
    ProgressUpdateFactory(action=audited, round=rnd, status=Status.ACHIEVED)
    return area


def test_area_lists_its_actions_with_latest_status(client, reader, plan, area):
    client.force_login(reader)
    response = client.get(reverse("plans:area", kwargs={"slug": plan.slug, "number": 3}))
    html = response.content.decode()
    assert response.status_code == 200
    assert [a.reference for a in response.context["page"].object_list] == ["3.1", "3.2"]
    assert "Case file audits" in html and "Elsewhere" not in html
    assert re.search(r">\s*Achieved\s*<", html) and re.search(r">\s*No update\s*<", html)


def test_unknown_area_number_is_not_found(client, reader, plan, area):
    client.force_login(reader)
    response = client.get(reverse("plans:area", kwargs={"slug": plan.slug, "number": 9}))
    assert response.status_code == 404


def test_outsider_gets_not_found(client, outsider, plan, area):
    client.force_login(outsider)
    response = client.get(reverse("plans:area", kwargs={"slug": plan.slug, "number": 3}))
    assert response.status_code == 404
