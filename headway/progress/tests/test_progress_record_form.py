"""Recording progress page by page: an owner's draft, a split assessment, a risk, submission
from check your answers, and refusals."""

import datetime as dt

import pytest

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

from .flow import (
    LIMITED,
    NARRATIVE,
    RISK,
    SIGNIFICANT,
    entry_url,
    post_step,
    record,
    split,
    step_url,
)


@pytest.fixture
def action(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Building a quality service")
    return ActionFactory(area=area, owner=owner, reference="2.4", title="Timely assessments")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def test_owner_sees_the_status_page_with_each_status_definition(client, action, round, owner):
    client.force_login(owner)
    response = client.get(entry_url(action), follow=True)
    assert response.redirect_chain == [(step_url(action, "status"), 302)]
    body = response.content.decode()
    for status in Status:
        assert status.definition in body
    assert f"{round.title} — action 2.4" in body  # the round it is for
    assert "Save and continue" in body
    assert "Send to the plan lead" not in body  # sending is from check your answers only
    assert ProgressUpdate.objects.count() == 0


def test_owner_saves_a_split_draft_and_it_reopens_for_editing(client, action, round, owner):
    client.force_login(owner)
    response = post_step(client, action, "status", split())
    assert response.status_code == 302
    assert response.url == step_url(action, "narrative")
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.DRAFT
    assert (update.share_achieved, update.share_significant_progress) == (30, 30)
    assert str(update.assessment) == "½ Achieved, ½ Significant progress"

    page = client.get(step_url(action, "status")).content.decode()
    assert 'value="split" checked' in page
    assert 'value="1/2" selected' in page  # the split is prefilled
    assert 'name="version" value="1"' in page


def test_owner_submits_a_single_status_to_the_plan_lead(client, action, round, owner):
    client.force_login(owner)
    response = record(client, action)
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    assert update.share_significant_progress == 60
    assert update.narrative == NARRATIVE["narrative"]
    assert update.author == owner
    assert update.round == round
    # Once submitted, every page gives way to a notice and refuses further posts.
    assert "is with the plan lead" in client.get(entry_url(action)).content.decode()
    for step in ("status", "narrative", "milestones", "check"):
        again = post_step(client, action, step, {**SIGNIFICANT, **NARRATIVE}, version=2)
        assert again.status_code == 409, step
    assert ProgressUpdate.objects.count() == 1


def test_limited_progress_asks_for_the_risk_and_cannot_be_sent_without_it(
    client, action, round, owner
):
    client.force_login(owner)
    post_step(client, action, "status", LIMITED)
    response = post_step(client, action, "narrative", NARRATIVE)
    assert response.url == step_url(action, "risk")

    refused = post_step(client, action, "risk", {})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_risk_choice_0"' in body
    assert "Choose a risk to link, raise a new risk, or say why no risk is raised" in body

    refused = post_step(client, action, "risk", {"risk_choice": "new"})
    body = refused.content.decode()
    assert 'href="#id_risk_cause"' in body
    assert 'href="#id_risk_escalated_0"' in body
    assert "Say why progress is limited (the cause)" in body
    assert Risk.objects.count() == 0

    # Skipping the risk page: check your answers says so, and sending is refused.
    check = client.get(step_url(action, "check")).content.decode()
    assert "Not described yet" in check
    draft = ProgressUpdate.objects.get()
    sent = client.post(step_url(action, "check"), {"version": draft.version})
    assert sent.status_code == 200
    assert "Say what the risk is" in sent.content.decode()
    draft.refresh_from_db()
    assert draft.state == UpdateState.DRAFT
    # Entering again resumes at the risk page, the first one not answered.
    assert client.get(entry_url(action)).url == step_url(action, "risk")


def test_a_split_with_limited_progress_records_the_risk_linked_to_the_update(
    client, action, round, owner
):
    client.force_login(owner)
    status = split(achieved="1/2", significant="", share_limited_progress_risk="1/2")
    response = record(client, action, status=status, risk=RISK)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    assert (update.share_achieved, update.share_limited_progress_risk) == (30, 30)
    risk = Risk.objects.get()
    assert risk.raised_in == update
    assert list(risk.actions.all()) == [action]
    assert risk.plan == action.plan
    assert risk.escalated_to == "Local Safeguarding Children Board"
    assert risk.escalated_on == dt.date(2013, 2, 4)
    assert risk.recorded_by == owner


def test_a_status_without_limited_progress_skips_the_risk_page(client, action, round, owner):
    client.force_login(owner)
    post_step(client, action, "status", SIGNIFICANT)
    response = post_step(client, action, "narrative", NARRATIVE)
    assert response.url == step_url(action, "milestones")
    assert client.get(step_url(action, "risk")).url == step_url(action, "milestones")
    back = client.get(step_url(action, "milestones")).content.decode()
    assert f'href="{step_url(action, "narrative")}"' in back  # the back link skips it too


def test_a_draft_no_longer_limited_drops_its_risk(client, action, round, owner):
    client.force_login(owner)
    record(client, action, status=LIMITED, risk=RISK, submit=False)
    assert Risk.objects.count() == 1
    response = post_step(client, action, "status", SIGNIFICANT, from_check=True)
    assert response.url == step_url(action, "check")
    assert Risk.objects.count() == 0


def test_shares_that_do_not_add_up_are_refused_with_the_total(client, action, round, owner):
    client.force_login(owner)
    response = post_step(client, action, "status", split(achieved="1/2", significant="1/3"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "The shares of an assessment must add up to one whole; these add up to ⅚" in body
    assert 'href="#id_share_achieved"' in body
    assert ProgressUpdate.objects.count() == 0


def test_a_split_needs_two_statuses(client, action, round, owner):
    client.force_login(owner)
    response = post_step(client, action, "status", split(achieved="1", significant=""))
    assert response.status_code == 200
    assert "Choose a share for at least two statuses" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_each_page_names_its_missing_answer_in_the_error_summary(client, action, round, owner):
    client.force_login(owner)
    response = post_step(client, action, "status", {})
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#id_status_0">Choose the action&#39;s status, or a split between statuses</a>'
        in body
    )
    assert 'id="id_status_0"' in body  # the link's target exists
    assert "govuk-error-message" in body
    assert ProgressUpdate.objects.count() == 0

    post_step(client, action, "status", SIGNIFICANT)
    response = post_step(client, action, "narrative", {"narrative": "  "})
    body = response.content.decode()
    assert '<a href="#id_narrative">Say what progress has been made</a>' in body
    assert 'id="id_narrative"' in body
    assert ProgressUpdate.objects.get().narrative == ""


def test_html_in_the_narrative_is_shown_as_text(client, action, round, owner):
    client.force_login(owner)
    narrative = "<script>alert('x')</script><b>bold</b>"
    record(client, action, narrative={"narrative": narrative}, submit=False)
    assert ProgressUpdate.objects.get().narrative == narrative
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"
    for step in ("narrative", "check"):
        body = client.get(step_url(action, step)).content.decode()
        assert "<script>alert" not in body
        assert escaped in body or escaped.replace("&#x27;", "&#39;") in body


def test_milestone_done_dates_and_a_revised_timescale_are_recorded(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Recruit two social workers")
    client.force_login(owner)
    milestones = {
        f"milestone_{milestone.pk}_0": "15",
        f"milestone_{milestone.pk}_1": "1",
        f"milestone_{milestone.pk}_2": "2013",
        "revised_timescale": "June 2013",
        "revised_due_date_0": "30",
        "revised_due_date_1": "6",
        "revised_due_date_2": "2013",
        "revision_reason": "The new system went live late.",
    }
    response = record(client, action, milestones=milestones, submit=False)
    assert response.status_code == 302
    assert response.url == step_url(action, "check")
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
    check = client.get(step_url(action, "check")).content.decode()
    assert "Done 15 January 2013" in check
    assert "June 2013 (due 30 June 2013): The new system went live late." in check


def test_a_revised_timescale_needs_its_reason(client, action, round, owner):
    client.force_login(owner)
    response = record(client, action, milestones={"revised_timescale": "June 2013"})
    assert response.status_code == 200
    assert "Say why the timescale has changed" in response.content.decode()
    action.refresh_from_db()
    assert action.revised_timescale == ""
    assert ProgressUpdate.objects.get().state == UpdateState.DRAFT


def test_an_impossible_date_is_refused_by_name(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Audit")
    client.force_login(owner)
    impossible = {
        f"milestone_{milestone.pk}_0": "31",
        f"milestone_{milestone.pk}_1": "2",
        f"milestone_{milestone.pk}_2": "2013",
    }
    response = record(client, action, milestones=impossible)
    assert response.status_code == 200
    assert "Date done: Audit must be a real date" in response.content.decode()
    assert f'href="#id_milestone_{milestone.pk}_0"' in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert ProgressUpdate.objects.get().state == UpdateState.DRAFT


def test_owner_cannot_record_progress_on_someone_elses_action(client, plan, round, owner):
    other = ActionFactory(area=OutcomeAreaFactory(plan=plan), owner=UserFactory())
    client.force_login(owner)
    assert client.get(entry_url(other)).status_code == 403
    for step in ("status", "narrative", "risk", "milestones", "check"):
        assert client.get(step_url(other, step)).status_code == 403
        assert post_step(client, other, step, SIGNIFICANT).status_code == 403
    assert ProgressUpdate.objects.count() == 0


def test_a_delegate_may_record_progress(client, action, round, reader):
    action.delegates.add(reader)
    client.force_login(reader)
    response = record(client, action)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.author == reader
    assert update.state == UpdateState.SUBMITTED


def test_a_reader_may_not_record_progress(client, action, round, reader):
    client.force_login(reader)
    assert client.get(entry_url(action)).status_code == 403
    assert client.get(step_url(action, "status")).status_code == 403
    assert post_step(client, action, "status", SIGNIFICANT).status_code == 403
    assert ProgressUpdate.objects.count() == 0


def test_a_closed_round_refuses_with_a_message(client, action, round, owner, lead):
    round.closed_at = dt.datetime(2013, 3, 20, tzinfo=dt.UTC)
    round.closed_by = lead
    round.save()
    client.force_login(owner)
    page = client.get(entry_url(action))
    assert page.status_code == 200
    assert "There is no open round to record progress in" in page.content.decode()
    assert 'name="status"' not in page.content.decode()
    refused = post_step(client, action, "status", SIGNIFICANT)
    assert refused.status_code == 409
    assert ProgressUpdate.objects.count() == 0


def test_progress_goes_into_the_latest_open_round(client, action, plan, owner, lead):
    # A newer round closed early, and an older one open (a plan has one open round at most).
    ReviewRoundFactory(
        plan=plan, as_at=dt.date(2013, 3, 12), closed_at=dt.datetime(2013, 3, 20, tzinfo=dt.UTC)
    )
    earlier = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1))
    client.force_login(owner)
    post_step(client, action, "status", SIGNIFICANT)
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
    page = client.get(entry_url(action), follow=True).content.decode()
    assert "Returned by the plan lead" in page
    assert "Say what evidence shows it is done." in page
    assert 'value="achieved" checked' in page

    post_step(client, action, "status", {"status": "achieved"})
    narrative_page = client.get(step_url(action, "narrative")).content.decode()
    assert "All done.</textarea>" in narrative_page  # the returned narrative carried over

    response = record(client, action, status={"status": "achieved"})
    assert response.status_code == 302
    new = ProgressUpdate.objects.exclude(pk=returned.pk).get()
    assert new.state == UpdateState.SUBMITTED
    returned.refresh_from_db()
    assert returned.state == UpdateState.RETURNED  # never edited
