"""The action page's sections are cached under the content stamp and the viewer's
permissions: served from the cache while nothing they show has changed, rendered afresh the
moment anything has, and never showing one person's view to another."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.inspections.models import Finding, Inspection
from headway.plans import views
from headway.plans.choices import Status, UpdateState
from headway.plans.models import Evidence
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")
    action = ActionFactory(plan=plan, area=area, reference="2.1", title="Audit files", owner=owner)
    round_ = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="March update")
    ProgressUpdateFactory(action=action, round=round_, status=Status.SIGNIFICANT_PROGRESS)
    return action


def _url(action) -> str:
    return reverse("plans:action", kwargs={"slug": action.plan.slug, "pk": action.pk})


def _without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _page(client, action) -> str:
    response = client.get(_url(action))
    assert response.status_code == 200
    return _without_tokens(response)


def test_a_second_view_is_served_from_the_cache_with_fewer_queries(client, reader, action):
    client.force_login(reader)
    with CaptureQueriesContext(connection) as cold_queries:
        cold = client.get(_url(action))
    # Another address for the same page: the whole-page cache misses, the sections do not.
    with CaptureQueriesContext(connection) as warm_queries:
        warm = client.get(_url(action) + "?from=list")
    with CaptureQueriesContext(connection) as whole_queries:
        whole = client.get(_url(action))

    assert "timeline" in cold.context and "timeline" not in warm.context
    assert whole.context is None  # the whole page, as first served
    assert len(whole_queries) < len(warm_queries) < len(cold_queries)
    assert _without_tokens(warm) == _without_tokens(cold) == _without_tokens(whole)


def test_each_kind_of_change_shows_at_once(client, reader, lead, owner, action):
    client.force_login(reader)
    update = action.updates.get()
    inspection = Inspection.objects.create(
        inspectorate="Ofsted", service="Children's services", started_on=dt.date(2012, 5, 1)
    )
    changes = [
        ("Files &lt;sampled&gt;", lambda: MilestoneFactory(action=action, title="Files <sampled>")),
        ("Auditors &lt;scarce&gt;", lambda: RiskFactory(action=action, title="Auditors <scarce>")),
        (
            "Audit &lt;report&gt;",
            lambda: Evidence.objects.create(
                update=update, title="Audit <report>", url="https://example.org/audit"
            ),
        ),
        (
            "All &lt;files&gt; audited",
            lambda: ProgressUpdateFactory(
                action=action,
                round=ReviewRoundFactory(plan=action.plan, as_at=dt.date(2013, 6, 1)),
                narrative="All <files> audited",
                status=Status.ACHIEVED,
            ),
        ),
        (
            "Deputy &lt;Manager&gt;",
            lambda: action.delegates.add(UserFactory(job_title="Deputy <Manager>")),
        ),
        (
            "Case &lt;files&gt; lack detail",
            lambda: Finding.objects.create(
                inspection=inspection, text="Case <files> lack detail"
            ).actions.add(action),
        ),
    ]
    for shown, change in changes:
        assert shown not in _page(client, action)
        change()
        assert shown in _page(client, action)

    owner.job_title = "Team <Manager>, Quality"
    owner.save()
    assert "Team &lt;Manager&gt;, Quality" in _page(client, action)

    inspection.service = "Renamed service"
    inspection.save()
    assert "Renamed service" in _page(client, action)

    action.title = "Audit every file"
    action.save()
    page = _page(client, action)
    assert "Audit every file" in page.split('id="history"')[1]


def test_a_draft_is_shown_to_its_owner_and_never_to_a_reader(client, reader, owner, action):
    ProgressUpdateFactory(
        action=action,
        round=action.updates.get().round,
        state=UpdateState.DRAFT,
        narrative="Draft <wording> not yet sent",
    )
    client.force_login(owner)
    assert "Draft &lt;wording&gt; not yet sent" in _page(client, action)

    client.force_login(reader)
    assert "Draft &lt;wording&gt;" not in _page(client, action)
    client.force_login(owner)
    assert "Draft &lt;wording&gt; not yet sent" in _page(client, action)


def test_a_milestone_becomes_overdue_the_day_after_its_date(client, reader, action, monkeypatch):
    MilestoneFactory(action=action, title="Sample twenty files", due_date=dt.date(2013, 4, 30))
    client.force_login(reader)

    monkeypatch.setattr(views, "_today", lambda: dt.date(2013, 4, 30))
    milestones = _page(client, action).split('id="milestones"')[1].split("</table>")[0]
    assert "Overdue" not in milestones

    monkeypatch.setattr(views, "_today", lambda: dt.date(2013, 5, 1))
    milestones = _page(client, action).split('id="milestones"')[1].split("</table>")[0]
    assert "Overdue" in milestones
