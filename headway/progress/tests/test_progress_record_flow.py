"""The record-progress journey end to end: each page saves the draft, a saved draft resumes at
check your answers, "Change" links come back to it, and only check your answers sends."""

import datetime as dt

import pytest

from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ReviewRoundFactory,
)

from .flow import (
    LIMITED,
    NARRATIVE,
    RISK,
    SIGNIFICANT,
    draft_version,
    entry_url,
    post_step,
    record,
    step_url,
)


@pytest.fixture
def action(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Building a quality service")
    return ActionFactory(area=area, owner=owner, reference="2.4", title="Timely assessments")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(
        plan=plan, title="Update to committee, 12 March 2013", as_at=dt.date(2013, 3, 12)
    )


def _draft():
    return ProgressUpdate.objects.get(state=UpdateState.DRAFT)


def test_each_page_saves_the_draft_and_leads_to_the_next(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Audit", due_date=dt.date(2013, 1, 31))
    client.force_login(owner)

    response = post_step(client, action, "status", LIMITED)
    assert response.url == step_url(action, "narrative")
    assert (_draft().version, _draft().share_limited_progress_risk) == (1, 60)

    response = post_step(client, action, "narrative", NARRATIVE)
    assert response.url == step_url(action, "risk")
    assert (_draft().version, _draft().narrative) == (2, NARRATIVE["narrative"])

    response = post_step(client, action, "risk", RISK)
    assert response.url == step_url(action, "milestones")
    assert _draft().version == 3
    assert Risk.objects.get().raised_in == _draft()

    done = {
        "action_version": action.version,
        f"milestone_{milestone.pk}_0": "28",
        f"milestone_{milestone.pk}_1": "1",
        f"milestone_{milestone.pk}_2": "2013",
    }
    response = post_step(client, action, "milestones", done)
    assert response.url == step_url(action, "check")
    assert _draft().version == 4
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2013, 1, 28)
    assert _draft().state == UpdateState.DRAFT  # nothing is sent before check your answers


def test_every_page_names_the_round_and_the_action_and_has_a_back_link(
    client, action, round, owner
):
    client.force_login(owner)
    record(client, action, status=LIMITED, risk=RISK, submit=False)
    backs = {
        "status": action.get_absolute_url(),
        "narrative": step_url(action, "status"),
        "risk": step_url(action, "narrative"),
        "milestones": step_url(action, "risk"),
        "check": step_url(action, "milestones"),
    }
    for step, back in backs.items():
        body = client.get(step_url(action, step)).content.decode()
        assert "Update to committee, 12 March 2013 — action 2.4" in body, step
        assert f'<a href="{back}" class="govuk-back-link">Back</a>' in body, step


def test_a_saved_draft_resumes_at_check_your_answers(client, action, round, owner):
    client.force_login(owner)
    record(client, action, submit=False)
    response = client.get(entry_url(action))
    assert response.status_code == 302
    assert response.url == step_url(action, "check")
    body = client.get(response.url).content.decode()
    assert "Check your answers before sending the update" in body
    assert "Significant progress" in body
    assert NARRATIVE["narrative"] in body


def test_a_draft_with_pages_unanswered_resumes_at_the_first_of_them(client, action, round, owner):
    client.force_login(owner)
    assert client.get(entry_url(action)).url == step_url(action, "status")
    post_step(client, action, "status", SIGNIFICANT)
    assert client.get(entry_url(action)).url == step_url(action, "narrative")


def test_the_later_pages_need_a_draft_first(client, action, round, owner):
    client.force_login(owner)
    for step in ("narrative", "risk", "milestones", "check"):
        response = client.get(step_url(action, step))
        assert response.url == step_url(action, "status"), step
        assert post_step(client, action, step, NARRATIVE).url == step_url(action, "status")
    assert not ProgressUpdate.objects.exists()


def test_an_unknown_page_is_not_found(client, action, round, owner):
    client.force_login(owner)
    assert client.get(step_url(action, "submit")).status_code == 404


def test_only_check_your_answers_sends_the_update(client, action, round, owner):
    client.force_login(owner)
    record(client, action, submit=False)
    for step in ("status", "narrative", "milestones"):
        post_step(
            client,
            action,
            step,
            {**SIGNIFICANT, **NARRATIVE, "action_version": action.version, "intent": "submit"},
        )
        assert _draft().state == UpdateState.DRAFT, step
    client.get(step_url(action, "check"))
    assert _draft().state == UpdateState.DRAFT
    response = client.post(step_url(action, "check"), {"version": draft_version(action)})
    assert response.url == action.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Your update on 2.4 for Update to committee, 12 March 2013 was sent" in page


def test_check_your_answers_has_a_change_link_to_each_page(client, action, round, owner):
    MilestoneFactory(action=action, title="Audit")
    client.force_login(owner)
    record(client, action, status=LIMITED, risk=RISK, submit=False)
    body = client.get(step_url(action, "check")).content.decode()
    for step, hidden in (
        ("status", "the status"),
        ("narrative", "what progress has been made"),
        ("risk", "the cause"),
        ("milestones", "the date Audit was done"),
        ("milestones", "the timescale"),
    ):
        link = f'href="{step_url(action, step, from_check=True)}"'
        assert link in body, step
        assert f'Change<span class="govuk-visually-hidden"> {hidden}</span>' in body, hidden


def test_a_change_returns_to_check_your_answers(client, action, round, owner):
    client.force_login(owner)
    record(client, action, submit=False)
    page = client.get(step_url(action, "narrative", from_check=True)).content.decode()
    assert f'href="{step_url(action, "check")}" class="govuk-back-link"' in page
    response = post_step(client, action, "narrative", {"narrative": "Better."}, from_check=True)
    assert response.url == step_url(action, "check")
    assert _draft().narrative == "Better."


def test_changing_to_limited_progress_from_check_answers_asks_for_the_risk_first(
    client, action, round, owner
):
    client.force_login(owner)
    record(client, action, submit=False)
    response = post_step(client, action, "status", LIMITED, from_check=True)
    assert response.url == step_url(action, "risk")
    response = post_step(client, action, "risk", RISK)
    assert response.url == step_url(action, "milestones")  # then on through the pages
    response = post_step(client, action, "milestones", {"action_version": action.version})
    assert response.url == step_url(action, "check")
    body = client.get(response.url).content.decode()
    assert "Interim arrangements agreed with the partner" in body


def test_a_risk_escalated_needs_whom_and_when(client, action, round, owner):
    client.force_login(owner)
    post_step(client, action, "status", LIMITED)
    escalated = {**RISK, "risk_escalated_to": "", "risk_escalated_on_0": ""}
    response = post_step(client, action, "risk", escalated)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_risk_escalated_to">Say to whom the risk was escalated' in body
    assert 'href="#id_risk_escalated_on_0">' in body
    assert not Risk.objects.exists()
    not_escalated = {**RISK, "risk_escalated": "no"}
    assert post_step(client, action, "risk", not_escalated).status_code == 302
    risk = Risk.objects.get()
    assert (risk.escalated_to, risk.escalated_on) == ("", None)


def test_a_status_page_keeps_each_share_of_a_third_split(client, action, round, owner):
    client.force_login(owner)
    thirds = {
        "status": "split",
        "share_achieved": "1/3",
        "share_significant_progress": "1/3",
        "share_not_started": "1/3",
    }
    assert post_step(client, action, "status", thirds).status_code == 302
    assert str(_draft().assessment) == "⅓ Achieved, ⅓ Significant progress, ⅓ Not started"
    assert _draft().share_limited_progress_risk == 0
    assert Status.NOT_STARTED.label in client.get(step_url(action, "status")).content.decode()
