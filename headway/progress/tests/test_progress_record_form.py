"""Recording progress: an owner's draft, a split assessment, a risk, submission, and refusals."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    UserFactory,
)


@pytest.fixture
def action(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Building a quality service")
    return ActionFactory(area=area, owner=owner, reference="2.4", title="Timely assessments")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def _url(action):
    return reverse("progress:record", kwargs={"slug": action.plan.slug, "pk": action.pk})


def _data(action, **overrides):
    data = {
        "action_version": action.version,
        "mode": "single",
        "status": Status.SIGNIFICANT_PROGRESS.value,
        "narrative": "Assessments are now allocated within a day.",
        "intent": "draft",
    }
    data.update(overrides)
    return data


def _split(achieved="1/2", significant="1/2", **more):
    return {
        "mode": "split",
        "status": "",
        "share_achieved": achieved,
        "share_significant_progress": significant,
        **more,
    }


RISK = {
    "risk_cause": "The partner agency has too few staff to attend strategy meetings.",
    "risk_impact": "Strategy meetings are delayed.",
    "risk_mitigation": "Interim arrangements agreed with the partner's manager.",
    "risk_escalated": "yes",
    "risk_escalated_to": "Local Safeguarding Children Board",
    "risk_escalated_on_0": "4",
    "risk_escalated_on_1": "2",
    "risk_escalated_on_2": "2013",
}


def test_owner_sees_the_form_with_each_status_definition(client, action, round, owner):
    client.force_login(owner)
    response = client.get(_url(action))
    assert response.status_code == 200
    body = response.content.decode()
    for status in Status:
        assert status.definition in body
    assert "Submit to plan lead" in body
    assert "Save draft" in body
    assert ProgressUpdate.objects.count() == 0


def test_owner_saves_a_split_draft_and_it_reopens_for_editing(client, action, round, owner):
    client.force_login(owner)
    response = client.post(_url(action), _data(action, **_split()))
    assert response.status_code == 302
    assert response.url == _url(action)
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.DRAFT
    assert (update.share_achieved, update.share_significant_progress) == (30, 30)
    assert str(update.assessment) == "½ Achieved, ½ Significant progress"

    page = client.get(_url(action)).content.decode()
    assert "draft, version 1" in page
    assert 'value="1/2" selected' in page  # the split is prefilled
    assert 'name="version" value="1"' in page


def test_owner_submits_a_single_status_to_the_plan_lead(client, action, round, owner):
    client.force_login(owner)
    response = client.post(_url(action), _data(action, intent="submit"))
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    assert update.share_significant_progress == 60
    assert update.author == owner
    assert update.round == round
    # Once submitted, the form gives way to a notice and refuses further posts.
    again = client.post(_url(action), _data(action, intent="submit"))
    assert again.status_code == 409
    assert ProgressUpdate.objects.count() == 1


def test_limited_progress_requires_the_risk_and_saves_nothing_without_it(
    client, action, round, owner
):
    client.force_login(owner)
    response = client.post(
        _url(action), _data(action, status=Status.LIMITED_PROGRESS_RISK.value, intent="submit")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_risk_cause"' in body
    assert 'href="#id_risk_escalated_0"' in body
    assert "Say why progress is limited (the cause)" in body
    assert ProgressUpdate.objects.count() == 0
    assert Risk.objects.count() == 0


def test_a_split_with_limited_progress_records_the_risk_linked_to_the_update(
    client, action, round, owner
):
    client.force_login(owner)
    data = _data(
        action,
        intent="submit",
        **_split(achieved="1/2", significant="", share_limited_progress_risk="1/2"),
        **RISK,
    )
    response = client.post(_url(action), data)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    assert (update.share_achieved, update.share_limited_progress_risk) == (30, 30)
    risk = Risk.objects.get()
    assert risk.raised_in == update
    assert risk.action == action
    assert risk.escalated_to == "Local Safeguarding Children Board"
    assert risk.escalated_on == dt.date(2013, 2, 4)
    assert risk.recorded_by == owner


def test_shares_that_do_not_add_up_are_refused_with_the_total(client, action, round, owner):
    client.force_login(owner)
    response = client.post(_url(action), _data(action, **_split(achieved="1/2", significant="1/3")))
    assert response.status_code == 200
    body = response.content.decode()
    assert "The shares of an assessment must add up to one whole; these add up to ⅚" in body
    assert 'href="#id_share_achieved"' in body
    assert ProgressUpdate.objects.count() == 0


def test_a_split_needs_two_statuses(client, action, round, owner):
    client.force_login(owner)
    response = client.post(_url(action), _data(action, **_split(achieved="1", significant="")))
    assert response.status_code == 200
    assert "Choose a share for at least two statuses" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_every_missing_answer_is_named_in_the_error_summary(client, action, round, owner):
    client.force_login(owner)
    response = client.post(_url(action), {"action_version": action.version, "intent": "draft"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="#id_mode_0">Choose one status or a split between statuses</a>' in body
    assert '<a href="#id_narrative">Say what progress has been made</a>' in body
    assert 'id="id_narrative"' in body  # the link's target exists
    assert body.count("govuk-error-message") >= 2
    assert ProgressUpdate.objects.count() == 0


def test_html_in_the_narrative_is_shown_as_text(client, action, round, owner):
    client.force_login(owner)
    narrative = "<script>alert('x')</script><b>bold</b>"
    client.post(_url(action), _data(action, narrative=narrative))
    assert ProgressUpdate.objects.get().narrative == narrative
    body = client.get(_url(action)).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in body


def test_milestone_done_dates_and_a_revised_timescale_are_recorded(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Recruit two social workers")
    client.force_login(owner)
    data = _data(
        action,
        **{
            f"milestone_{milestone.pk}_0": "15",
            f"milestone_{milestone.pk}_1": "1",
            f"milestone_{milestone.pk}_2": "2013",
            "revised_timescale": "June 2013",
            "revised_due_date_0": "30",
            "revised_due_date_1": "6",
            "revised_due_date_2": "2013",
            "revision_reason": "The new system went live late.",
        },
    )
    response = client.post(_url(action), data)
    assert response.status_code == 302
    milestone.refresh_from_db()
    action.refresh_from_db()
    assert milestone.done_on == dt.date(2013, 1, 15)
    assert action.revised_timescale == "June 2013"
    assert action.revised_due_date == dt.date(2013, 6, 30)
    assert action.revision_reason == "The new system went live late."
    assert action.version == 2
    latest = action.history.latest()
    assert latest.history_user == owner
    assert latest.revised_timescale == "June 2013"


def test_a_revised_timescale_needs_its_reason(client, action, round, owner):
    client.force_login(owner)
    response = client.post(_url(action), _data(action, revised_timescale="June 2013"))
    assert response.status_code == 200
    assert "Say why the timescale has changed" in response.content.decode()
    action.refresh_from_db()
    assert action.revised_timescale == ""
    assert ProgressUpdate.objects.count() == 0


def test_an_impossible_date_is_refused_by_name(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Audit")
    client.force_login(owner)
    data = _data(
        action,
        **{
            f"milestone_{milestone.pk}_0": "31",
            f"milestone_{milestone.pk}_1": "2",
            f"milestone_{milestone.pk}_2": "2013",
        },
    )
    response = client.post(_url(action), data)
    assert response.status_code == 200
    assert "Date done: Audit must be a real date" in response.content.decode()
    assert f'href="#id_milestone_{milestone.pk}_0"' in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert ProgressUpdate.objects.count() == 0


def test_owner_cannot_record_progress_on_someone_elses_action(client, plan, round, owner):
    other = ActionFactory(area=OutcomeAreaFactory(plan=plan), owner=UserFactory())
    client.force_login(owner)
    assert client.get(_url(other)).status_code == 403
    assert client.post(_url(other), _data(other, intent="submit")).status_code == 403
    assert ProgressUpdate.objects.count() == 0


def test_a_delegate_may_record_progress(client, action, round, reader):
    action.delegates.add(reader)
    client.force_login(reader)
    response = client.post(_url(action), _data(action, intent="submit"))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().author == reader


def test_a_reader_may_not_record_progress(client, action, round, reader):
    client.force_login(reader)
    assert client.get(_url(action)).status_code == 403
    assert client.post(_url(action), _data(action)).status_code == 403
    assert ProgressUpdate.objects.count() == 0


def test_a_closed_round_refuses_with_a_message(client, action, round, owner, lead):
    round.closed_at = dt.datetime(2013, 3, 20, tzinfo=dt.UTC)
    round.closed_by = lead
    round.save()
    client.force_login(owner)
    page = client.get(_url(action))
    assert page.status_code == 200
    assert "There is no open round to record progress in" in page.content.decode()
    assert 'name="narrative"' not in page.content.decode()
    refused = client.post(_url(action), _data(action, intent="submit"))
    assert refused.status_code == 409
    assert ProgressUpdate.objects.count() == 0


def test_progress_goes_into_the_latest_open_round(client, action, plan, owner, lead):
    # A newer round closed early, and an older one open (a plan has one open round at most).
    ReviewRoundFactory(
        plan=plan, as_at=dt.date(2013, 3, 12), closed_at=dt.datetime(2013, 3, 20, tzinfo=dt.UTC)
    )
    earlier = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1))
    client.force_login(owner)
    client.post(_url(action), _data(action))
    assert ProgressUpdate.objects.get().round == earlier


def test_a_returned_update_prefills_a_new_draft_with_the_leads_comment(
    client, action, round, owner, lead
):
    returned = ProgressUpdateFactory(
        action=action,
        round=round,
        author=owner,
        state=UpdateState.RETURNED,
        status=Status.ACHIEVED,
        narrative="All done.",
        decision_comment="Say what evidence shows it is done.",
        decided_by=lead,
    )
    client.force_login(owner)
    page = client.get(_url(action)).content.decode()
    assert "Returned by the plan lead" in page
    assert "Say what evidence shows it is done." in page
    assert "All done.</textarea>" in page
    assert 'value="achieved" checked' in page

    response = client.post(_url(action), _data(action, status="achieved", intent="submit"))
    assert response.status_code == 302
    new = ProgressUpdate.objects.exclude(pk=returned.pk).get()
    assert new.state == UpdateState.SUBMITTED
    returned.refresh_from_db()
    assert returned.state == UpdateState.RETURNED  # never edited
