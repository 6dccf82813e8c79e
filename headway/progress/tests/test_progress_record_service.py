"""progress_update_record: the update and everything with it, written whole or not at all."""

import pytest
from django.core.exceptions import ValidationError

from headway.core.concurrency import StaleVersionError
from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.services import progress_update_approve, progress_update_return
from headway.progress.services import EvidenceItem, TimescaleRevision, progress_update_record
from headway.risks.models import Risk
from headway.risks.services import RiskDetails
from headway.testing.factories import ActionFactory, ReviewRoundFactory, UserFactory

pytestmark = pytest.mark.django_db

LIMITED = Assessment.from_shares({Status.ACHIEVED: "1/2", Status.LIMITED_PROGRESS_RISK: "1/2"})
RISK = RiskDetails(cause="No trainer.\nMore detail.", impact="Delay.", mitigation="New trainer.")


@pytest.fixture
def action():
    return ActionFactory()


@pytest.fixture
def round(action):
    return ReviewRoundFactory(plan=action.plan)


@pytest.fixture
def lead():
    return UserFactory(username="the-lead")


def _record(action, round, **kwargs):
    arguments = {
        "action": action,
        "round": round,
        "by": action.owner,
        "assessment": LIMITED,
        "narrative": "Half done.",
        "risk": RISK,
    } | kwargs
    return progress_update_record(**arguments)


def test_a_limited_assessment_without_its_risk_is_refused(action, round):
    with pytest.raises(
        ValidationError,
        match="must raise a risk, link an open risk of the plan, or say why no risk",
    ):
        _record(action, round, risk=None)
    assert ProgressUpdate.objects.count() == 0


def test_the_risk_is_titled_from_the_first_line_of_its_cause(action, round):
    update = _record(action, round)
    risk = Risk.objects.get()
    assert risk.title == "No trainer."
    assert risk.raised_in == update


def test_a_draft_no_longer_at_risk_drops_the_risk_it_raised(action, round):
    draft = _record(action, round)
    _record(
        action,
        round,
        draft=draft,
        expected_version=draft.version,
        assessment=Assessment.single(Status.ACHIEVED),
        risk=None,
    )
    assert Risk.objects.count() == 0
    assert ProgressUpdate.objects.get().share_achieved == 60


def test_a_new_draft_after_a_return_takes_over_the_returned_risk(action, round, lead):
    first = _record(action, round, submit=True)
    progress_update_return(update=first, by=lead, comment="Say who it went to.")
    risk = Risk.objects.get()
    details = RiskDetails(
        cause=RISK.cause, impact=RISK.impact, mitigation=RISK.mitigation, escalated_to="The LSCB"
    )
    second = _record(action, round, risk=details, risk_version=risk.version, submit=True)
    risk.refresh_from_db()
    assert Risk.objects.count() == 1
    assert risk.raised_in == second
    assert risk.escalated_to == "The LSCB"


def test_a_correction_supersedes_the_approved_update_once_approved(action, round, lead):
    first = _record(action, round, submit=True)
    progress_update_approve(update=first, by=lead)
    correction = _record(
        action, round, assessment=Assessment.single(Status.ACHIEVED), risk=None, submit=True
    )
    assert correction.supersedes == first
    progress_update_approve(update=correction, by=lead)
    first.refresh_from_db()
    assert first.state == UpdateState.SUPERSEDED


def test_a_correction_at_risk_raises_a_new_risk_and_the_approved_updates_risk_stays(
    action, round, lead
):
    """The service decides what happens to a risk (not the form): a returned update's risk is
    taken over; an approved one's stays with it, and its correction raises its own."""
    first = _record(action, round, submit=True)
    progress_update_approve(update=first, by=lead)
    kept = Risk.objects.get()
    details = RiskDetails(cause="Still no trainer.", impact="Delay.", mitigation="Agency.")
    correction = _record(action, round, risk=details, risk_version=kept.version)
    kept.refresh_from_db()
    assert kept.raised_in == first and kept.cause == RISK.cause
    raised = Risk.objects.exclude(pk=kept.pk).get()
    assert raised.raised_in == correction and raised.cause == "Still no trainer."


def test_a_stale_timescale_rolls_back_the_whole_update(action, round):
    revision = TimescaleRevision("June 2013", None, "Training moved.")
    with pytest.raises(StaleVersionError):
        _record(
            action,
            round,
            revision=revision,
            action_version=action.version + 5,
            evidence=[EvidenceItem(title="Plan", url="https://example.org/plan")],
        )
    assert ProgressUpdate.objects.count() == 0
    assert Risk.objects.count() == 0
    action.refresh_from_db()
    assert action.revised_timescale == ""


def test_an_unchanged_timescale_does_not_bump_the_actions_version(action, round):
    revision = TimescaleRevision("", None, "")
    _record(action, round, revision=revision, action_version=action.version)
    action.refresh_from_db()
    assert action.version == 1
