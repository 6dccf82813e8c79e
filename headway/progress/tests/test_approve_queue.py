"""The plan lead's queue: submitted updates to approve, or to return with a comment."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.selectors import plan_summary
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


@pytest.fixture
def area(plan):
    return OutcomeAreaFactory(plan=plan, number=1)


def _submitted(area, round, owner, status=Status.SIGNIFICANT_PROGRESS, **kwargs):
    action = ActionFactory(area=area, owner=owner)
    return ProgressUpdateFactory(
        action=action,
        round=round,
        author=owner,
        state=UpdateState.SUBMITTED,
        status=status,
        **kwargs,
    )


def _queue(plan):
    return reverse("progress:approvals", kwargs={"slug": plan.slug})


def _decide(update):
    return reverse("progress:decide", kwargs={"slug": update.action.plan.slug, "pk": update.pk})


def test_the_queue_shows_assessment_narrative_and_risk(client, plan, area, round, owner, lead):
    update = _submitted(
        area, round, owner, status=Status.LIMITED_PROGRESS_RISK, narrative="<i>Slow</i> going"
    )
    RiskFactory(action=update.action, raised_in=update, escalated_to="The LSCB")
    ProgressUpdateFactory(action=ActionFactory(area=area), round=round, state=UpdateState.DRAFT)
    client.force_login(lead)
    response = client.get(_queue(plan))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Limited progress / risk" in body
    assert "&lt;i&gt;Slow&lt;/i&gt; going" in body
    assert "The partner agency has too few staff to attend." in body
    assert "to The LSCB" in body
    assert body.count('value="approve" name="decision"') == 1  # drafts are not in the queue
    # Returning is not destructive (the owner writes a new update from it): not a red button.
    assert 'value="return" name="decision" class="govuk-button govuk-button--secondary"' in body
    assert "govuk-button--warning" not in body


def test_the_queue_shows_a_linked_risk_and_a_reason_for_none(
    client, plan, area, round, owner, lead
):
    from headway.risks.models import RiskLink

    linked = _submitted(area, round, owner, status=Status.LIMITED_PROGRESS_RISK)
    risk = RiskFactory(action=ActionFactory(area=area), title="Police <resourcing>")
    risk.actions.add(linked.action)
    RiskLink.objects.create(update=linked, risk=risk, added_action=True)
    _submitted(
        area, round, owner, status=Status.LIMITED_PROGRESS_RISK, no_risk_reason="A month's slip."
    )
    client.force_login(lead)

    body = client.get(_queue(plan)).content.decode()

    assert "Linked to the open risk: <strong>Police &lt;resourcing&gt;</strong>" in body
    assert "No risk raised: A month&#x27;s slip." in body


def test_the_queue_makes_the_same_number_of_queries_for_2_and_20_updates(
    client, plan, area, round, owner, lead
):
    client.force_login(lead)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_queue(plan)).status_code == 200
        return len(queries)

    for _ in range(2):
        update = _submitted(area, round, owner)
        RiskFactory(action=update.action, raised_in=update)
    small = count()
    for n in range(18):
        update = _submitted(area, round, owner, no_risk_reason=f"Reason {n}" if n % 2 else "")
        RiskFactory(action=update.action, raised_in=update)
        if n % 3 == 0:
            from headway.risks.models import RiskLink

            RiskLink.objects.create(update=update, risk=RiskFactory(action=update.action))
    large = count()
    assert ProgressUpdate.objects.filter(state=UpdateState.SUBMITTED).count() == 20
    assert small == large
    assert small <= 12


def test_the_lead_approves_and_the_update_counts(client, plan, area, round, owner, lead):
    update = _submitted(area, round, owner, status=Status.ACHIEVED)
    client.force_login(lead)
    response = client.post(_decide(update), {"decision": "approve"})
    assert response.status_code == 302
    assert response.url == _queue(plan)
    update.refresh_from_db()
    assert update.state == UpdateState.APPROVED
    assert update.decided_by == lead
    assert plan_summary(plan=plan, round=round).total[Status.ACHIEVED] == 1


def test_returning_needs_a_comment_and_changes_nothing_without_one(
    client, plan, area, round, owner, lead
):
    update = _submitted(area, round, owner)
    client.force_login(lead)
    response = client.post(_decide(update), {"decision": "return", "comment": "  "})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<a href="#id_comment_{update.pk}">Say what the owner needs to change</a>' in body
    assert f'id="id_comment_{update.pk}"' in body
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED
    assert update.decided_by is None


def test_the_lead_returns_with_a_comment(client, plan, area, round, owner, lead):
    update = _submitted(area, round, owner)
    client.force_login(lead)
    response = client.post(_decide(update), {"decision": "return", "comment": "Add evidence."})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == UpdateState.RETURNED
    assert update.decision_comment == "Add evidence."


def test_an_update_already_decided_is_not_decided_again(client, plan, area, round, owner, lead):
    update = _submitted(area, round, owner)
    client.force_login(lead)
    client.post(_decide(update), {"decision": "approve"})
    response = client.post(_decide(update), {"decision": "return", "comment": "Oops"})
    assert response.status_code == 200
    assert "cannot become returned" in response.content.decode()
    update.refresh_from_db()
    assert update.state == UpdateState.APPROVED


def test_owners_and_readers_cannot_approve(client, plan, area, round, owner, reader):
    update = _submitted(area, round, owner)
    for user in (owner, reader):
        client.force_login(user)
        assert client.get(_queue(plan)).status_code == 403
        assert client.post(_decide(update), {"decision": "approve"}).status_code == 403
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_an_update_of_another_plan_is_not_found(client, plan, area, round, owner, lead):
    other = ProgressUpdateFactory(state=UpdateState.SUBMITTED)
    client.force_login(lead)
    url = reverse("progress:decide", kwargs={"slug": plan.slug, "pk": other.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 404
    other.refresh_from_db()
    assert other.state == UpdateState.SUBMITTED
