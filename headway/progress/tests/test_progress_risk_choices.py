"""The risk page at Limited progress / risk: link an open risk of the plan, raise a new one, or
say why no risk is raised; each refusal with its own message, and the choice shown on check
your answers and kept across a returned update."""

import datetime as dt

import pytest

from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.services import progress_update_return
from headway.progress.services import progress_update_record
from headway.risks.models import Risk, RiskLink, RiskStatus
from headway.risks.services import NoRiskReason, RiskLinkChoice
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ReviewRoundFactory,
    RiskFactory,
)

from .flow import LIMITED, NARRATIVE, RISK, post_step, record, step_url


@pytest.fixture
def area(plan):
    return OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")


@pytest.fixture
def action(area, owner):
    return ActionFactory(area=area, owner=owner, reference="2.4", title="Timely assessments")


@pytest.fixture
def police(area):
    """An open risk already in the register, on another action of the plan."""
    other = ActionFactory(area=area, reference="2.3", title="Police strategy meetings")
    return RiskFactory(action=other, title="Police resourcing")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def _to_risk_page(client, action, owner):
    client.force_login(owner)
    post_step(client, action, "status", LIMITED)
    post_step(client, action, "narrative", NARRATIVE)


def test_the_page_lists_the_plans_open_risks_with_their_actions(
    client, action, round, owner, police, area
):
    closed = RiskFactory(
        action=ActionFactory(area=area, reference="2.5"), title="Old cause", status="closed"
    )
    elsewhere = RiskFactory(title="Another plan's risk")
    _to_risk_page(client, action, owner)

    page = client.get(step_url(action, "risk")).content.decode()

    assert f'value="link:{police.pk}"' in page
    assert "Police resourcing" in page and "Open risk on 2.3 Police strategy meetings" in page
    assert f'value="link:{closed.pk}"' not in page
    assert f'value="link:{elsewhere.pk}"' not in page
    assert 'value="new"' in page and 'value="none"' in page
    assert "govuk-radios__conditional" in page  # the new risk's fields and the reason reveal


def test_linking_an_open_risk_adds_the_action_to_it_and_check_your_answers_says_so(
    client, action, round, owner, police
):
    _to_risk_page(client, action, owner)
    response = post_step(client, action, "risk", {"risk_choice": f"link:{police.pk}"})
    assert response.status_code == 302

    police.refresh_from_db()
    assert {a.reference for a in police.actions.all()} == {"2.3", "2.4"}
    assert Risk.objects.count() == 1  # no second copy of the cause
    check = client.get(step_url(action, "check")).content.decode()
    assert "Linked to an open risk: Police resourcing" in check
    assert "2.3, 2.4" in check

    sent = client.post(step_url(action, "check"), {"version": ProgressUpdate.objects.get().version})
    assert sent.status_code == 302
    assert ProgressUpdate.objects.get().state == UpdateState.SUBMITTED


def test_no_risk_with_a_reason_is_stored_on_the_update_and_shown(client, action, round, owner):
    _to_risk_page(client, action, owner)
    reason = "Training dates slipped a month; the outcome is not at risk."
    response = post_step(client, action, "risk", {"risk_choice": "none", "no_risk_reason": reason})
    assert response.status_code == 302

    assert ProgressUpdate.objects.get().no_risk_reason == reason
    assert not Risk.objects.exists()
    check = client.get(step_url(action, "check")).content.decode()
    assert "No risk raised" in check and reason in check
    # The page opens again on the same answer.
    page = client.get(step_url(action, "risk")).content.decode()
    assert 'value="none" checked' in page and reason in page


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        (
            {},
            "Choose a risk to link, raise a new risk, or say why no risk is raised",
            "#id_risk_choice_0",
        ),
        ({"risk_choice": "none"}, "Say why no risk is raised", "#id_no_risk_reason"),
        (
            {"risk_choice": "none", "no_risk_reason": "   "},
            "Say why no risk is raised",
            "#id_no_risk_reason",
        ),
        (
            {"risk_choice": "none", "no_risk_reason": "x" * 301},
            "Say why no risk is raised in 300 characters or fewer",
            "#id_no_risk_reason",
        ),
        (
            {"risk_choice": "link:999999"},
            "Choose one of the open risks listed",
            "#id_risk_choice_0",
        ),
        (
            {**RISK, "risk_escalated_to": ""},
            "Say to whom the risk was escalated",
            "#id_risk_escalated_to",
        ),
    ],
)
def test_each_wrong_answer_is_refused_with_its_message(
    client, action, round, owner, data, message, anchor
):
    _to_risk_page(client, action, owner)
    response = post_step(client, action, "risk", data)

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and f'href="{anchor}"' in body
    draft = ProgressUpdate.objects.get()
    assert draft.no_risk_reason == "" and not Risk.objects.exists()


def test_a_closed_risk_or_another_plans_cannot_be_linked_even_by_a_forged_form(
    client, action, round, owner, police
):
    police.status = RiskStatus.CLOSED
    police.save()
    _to_risk_page(client, action, owner)
    response = post_step(client, action, "risk", {"risk_choice": f"link:{police.pk}"})
    assert response.status_code == 200
    assert not RiskLink.objects.exists()
    assert list(police.actions.values_list("reference", flat=True)) == ["2.3"]


def test_an_escalation_without_a_date_is_accepted(client, action, round, owner):
    _to_risk_page(client, action, owner)
    data = {
        **RISK,
        "risk_escalated_to": "Bromley Safeguarding Children Board",
        "risk_escalated_on_0": "",
        "risk_escalated_on_1": "",
        "risk_escalated_on_2": "",
    }
    response = post_step(client, action, "risk", data)

    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.escalated_to, risk.escalated_on) == ("Bromley Safeguarding Children Board", None)
    assert (
        "To Bromley Safeguarding Children Board"
        in client.get(step_url(action, "check")).content.decode()
    )


def test_changing_the_answer_takes_back_what_the_first_one_wrote(
    client, action, round, owner, police
):
    _to_risk_page(client, action, owner)
    post_step(client, action, "risk", {"risk_choice": f"link:{police.pk}"})
    post_step(client, action, "risk", {"risk_choice": "none", "no_risk_reason": "Not a risk."})
    assert list(police.actions.values_list("reference", flat=True)) == ["2.3"]
    assert not RiskLink.objects.exists()

    post_step(client, action, "risk", RISK)
    draft = ProgressUpdate.objects.get()
    assert draft.no_risk_reason == ""
    assert Risk.objects.get(raised_in=draft).actions.get() == action

    post_step(client, action, "risk", {"risk_choice": f"link:{police.pk}"})
    assert not Risk.objects.filter(raised_in=draft).exists()  # the raised risk is withdrawn
    assert RiskLink.objects.get(update=draft).risk == police


def test_linking_a_risk_the_action_is_already_on_keeps_that_link_when_withdrawn(
    client, action, round, owner, police
):
    police.actions.add(action)
    _to_risk_page(client, action, owner)
    post_step(client, action, "risk", {"risk_choice": f"link:{police.pk}"})
    assert not RiskLink.objects.get().added_action
    post_step(client, action, "status", {"status": Status.ACHIEVED.value})  # no longer limited

    assert not RiskLink.objects.exists()
    assert set(police.actions.values_list("reference", flat=True)) == {"2.3", "2.4"}


def test_a_returned_update_that_linked_a_risk_reopens_on_that_link(
    client, action, round, owner, lead, police
):
    client.force_login(owner)
    response = record(client, action, status=LIMITED, risk={"risk_choice": f"link:{police.pk}"})
    assert response.status_code == 302
    sent = ProgressUpdate.objects.get()
    progress_update_return(update=sent, by=lead, comment="Say more about the police.")

    post_step(client, action, "status", LIMITED)
    page = client.get(step_url(action, "risk")).content.decode()
    assert f'value="link:{police.pk}" checked' in page
    response = record(client, action, status=LIMITED, risk={"risk_choice": f"link:{police.pk}"})
    assert response.status_code == 302
    new = ProgressUpdate.objects.get(state=UpdateState.SUBMITTED)
    assert RiskLink.objects.get(update=new).risk == police
    assert police.actions.filter(pk=action.pk).exists()


LIMITED_WHOLE = Assessment.single(Status.LIMITED_PROGRESS_RISK)


def test_the_service_refuses_a_risk_of_another_plan(action, round, owner):
    other = RiskFactory(action=ActionFactory(area=OutcomeAreaFactory(plan=PlanFactory())))
    with pytest.raises(Exception, match="Choose an open risk of this plan"):
        progress_update_record(
            action=action,
            round=round,
            by=owner,
            assessment=LIMITED_WHOLE,
            narrative="Stuck.",
            risk=RiskLinkChoice(risk_id=other.pk),
        )
    assert not ProgressUpdate.objects.exists()
    assert list(other.actions.all()) != [action]


def test_the_service_refuses_an_empty_or_long_reason(action, round, owner):
    for reason, message in (("  ", "Say why no risk is raised"), ("x" * 301, "300 characters")):
        with pytest.raises(Exception, match=message):
            progress_update_record(
                action=action,
                round=round,
                by=owner,
                assessment=LIMITED_WHOLE,
                narrative="Stuck.",
                risk=NoRiskReason(reason=reason),
            )
    assert not ProgressUpdate.objects.exists()


def test_a_risk_links_only_actions_of_its_own_plan(action, owner):
    from django.core.exceptions import ValidationError

    from headway.risks.services import risk_actions_set

    risk = RiskFactory(action=action)
    stranger = ActionFactory(area=OutcomeAreaFactory(plan=PlanFactory()), reference="9.9")
    with pytest.raises(ValidationError, match=r"not in it: 9\.9"):
        risk_actions_set(risk=risk, actions=[action, stranger], by=owner)
    assert list(risk.actions.all()) == [action]
