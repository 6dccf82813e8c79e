"""The action page: details, milestones, findings, risks, the timeline and the change history."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from headway.inspections.models import Finding, Inspection
from headway.plans.choices import Status, UpdateState
from headway.plans.models import Evidence
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)


@pytest.fixture
def action(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")
    return ActionFactory(
        plan=plan,
        area=area,
        owner=owner,
        reference="2.4",
        title="Strategy meetings with the police",
        external_dependencies="Metropolitan Police\nICS software supplier",
    )


def _url(action):
    return reverse("plans:action", kwargs={"slug": action.plan.slug, "pk": action.pk})


def test_reader_sees_details_dependencies_milestones_and_overdue_flag(client, reader, action):
    MilestoneFactory(action=action, title="Protocol agreed", due_date=dt.date(2013, 1, 31))
    MilestoneFactory(
        action=action,
        title="Training done",
        due_date=dt.date(2013, 1, 31),
        done_on=dt.date(2013, 1, 20),
    )
    client.force_login(reader)
    response = client.get(_url(action))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Strategy meetings with the police" in html
    assert "Metropolitan Police" in html and "ICS software supplier" in html
    overdue = {m.title: flag for m, flag in response.context["milestones"]}
    assert overdue == {"Protocol agreed": True, "Training done": False}
    assert len(re.findall(r">\s*Overdue\s*<", html)) == 1


def test_timeline_shows_updates_by_round_with_evidence_and_decision(client, reader, lead, action):
    first = ReviewRoundFactory(plan=action.plan, as_at=dt.date(2012, 12, 1), title="December")
    second = ReviewRoundFactory(plan=action.plan, as_at=dt.date(2013, 3, 12), title="March")
    ProgressUpdateFactory(action=action, round=first, status=Status.LIMITED_PROGRESS_RISK)
    returned = ProgressUpdateFactory(
        action=action,
        round=second,
        state=UpdateState.RETURNED,
        decided_by=lead,
        decided_at=dt.datetime(2013, 3, 1, tzinfo=dt.UTC),
        decision_comment="Say what the police agreed.",
    )
    Evidence.objects.create(update=returned, title="Minutes", url="https://example.org/minutes")
    ProgressUpdateFactory(action=action, round=second, state=UpdateState.DRAFT)
    client.force_login(reader)
    response = client.get(_url(action))
    html = response.content.decode()
    assert [u.round.title for u in response.context["timeline"]] == ["December", "March"]
    assert "Say what the police agreed." in html
    assert 'href="https://example.org/minutes"' in html
    assert "Draft" not in html  # a reader never sees an owner's unsent draft


def test_owner_sees_their_own_draft_in_the_timeline(client, owner, action):
    rnd = ReviewRoundFactory(plan=action.plan)
    ProgressUpdateFactory(action=action, round=rnd, state=UpdateState.DRAFT, narrative="Half done")
    client.force_login(owner)
    response = client.get(_url(action))
    assert [u.state for u in response.context["timeline"]] == [UpdateState.DRAFT]
    assert "Half done" in response.content.decode()


def test_narrative_html_is_shown_as_text(client, reader, action):
    rnd = ReviewRoundFactory(plan=action.plan)
    ProgressUpdateFactory(
        action=action, round=rnd, narrative='<script>alert("x")</script><b>bold</b>'
    )
    client.force_login(reader)
    html = client.get(_url(action)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html


def test_change_history_shows_who_and_field_before_and_after(client, reader, lead, action):
    # As a form's save does: simple-history records the person who made the change.
    action.revised_timescale = "June 2013"
    action.revised_due_date = dt.date(2013, 6, 30)
    action.revision_reason = "Police restructure"
    action._history_user = lead
    action.save()
    client.force_login(reader)
    response = client.get(_url(action))
    html = response.content.decode()
    entry = response.context["changes"][0]
    assert entry.who == lead
    assert any(c.after == "June 2013" and c.before == "" for c in entry.changes)
    assert "Assistant Director" in html
    assert "Slipped" in html  # revised later than the baseline


def test_findings_and_risks_are_listed(client, reader, action):
    inspection = Inspection.objects.create(
        inspectorate="Ofsted", service="Safeguarding", started_on=dt.date(2012, 7, 1)
    )
    finding = Finding.objects.create(inspection=inspection, reference="R3", text="Improve meetings")
    finding.actions.add(action)
    RiskFactory(action=action, title="Police resourcing", escalated_to="LSCB")
    client.force_login(reader)
    html = client.get(_url(action)).content.decode()
    assert "Improve meetings" in html
    assert "Police resourcing" in html and "LSCB" in html


def test_action_of_another_plan_is_not_found_under_this_slug(client, admin_user, action):
    other = ActionFactory()
    client.force_login(admin_user)
    url = reverse("plans:action", kwargs={"slug": action.plan.slug, "pk": other.pk})
    assert client.get(url).status_code == 404


def test_outsider_cannot_see_the_action(client, outsider, action):
    client.force_login(outsider)
    assert client.get(_url(action)).status_code == 404


def test_evidence_file_links_to_the_checked_download_not_the_media_folder(
    client, reader, action, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    rnd = ReviewRoundFactory(plan=action.plan)
    update = ProgressUpdateFactory(action=action, round=rnd)
    evidence = Evidence.objects.create(
        update=update, title="Audit report", file=SimpleUploadedFile("audit.pdf", b"%PDF-1.4")
    )
    client.force_login(reader)
    html = client.get(_url(action)).content.decode()
    download = reverse("progress:evidence", kwargs={"slug": action.plan.slug, "pk": evidence.pk})
    assert f'href="{download}"' in html
    assert settings.MEDIA_URL not in html


def test_a_stored_javascript_link_is_never_clickable(client, reader, action):
    rnd = ReviewRoundFactory(plan=action.plan)
    update = ProgressUpdateFactory(action=action, round=rnd)
    # Saved without a form's validation, as an import or the shell could.
    Evidence.objects.create(update=update, title="Click me", url="javascript:alert(1)")
    client.force_login(reader)
    html = client.get(_url(action)).content.decode()
    assert 'href="javascript:' not in html
    assert "Click me (javascript:alert(1))" in html


def test_change_of_owner_names_both_people_not_their_ids(client, reader, lead, action):
    from headway.testing.factories import UserFactory

    before = action.owner
    action.owner = UserFactory(job_title="Head of Service, Looked After Children")
    action._history_user = lead
    action.save()
    client.force_login(reader)
    response = client.get(_url(action))
    change = response.context["changes"][0].changes[0]
    assert (change.field, change.before, change.after) == ("Owner", before, action.owner)
    assert "Head of Service, Looked After Children" in response.content.decode()
