"""The round's story in a real browser: owner records a split update with a risk, the lead
approves it, the plan's summary and movement change, and a reader sees it but can change nothing.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from headway.conftest import sign_in_by_form
from headway.plans.choices import UpdateState
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk

from .conftest import sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _total_row(page) -> list[str]:
    cells = page.locator("table.app-summary-table td.app-summary-table__total")
    return [text.strip() for text in cells.all_inner_texts()]


def _header_row(page) -> list[str]:
    headers = page.locator("table.app-summary-table thead th")
    return [text.strip() for text in headers.all_inner_texts()]


def test_owner_records_a_split_update_with_a_risk_and_the_lead_approves_it(page, story, sign_in):
    plan_url = story.plan.get_absolute_url()

    # Before: one action has no update, one moved up since the last round. The lead signs in
    # by typing into the sign-in form: the one browser test that does (the rest use a cookie).
    sign_in_by_form(page, "lead")
    page.goto(plan_url)
    assert _header_row(page)[2:] == [
        "Achieved",
        "Significant progress",
        "Limited progress/risk",
        "No update",
    ]
    assert _total_row(page) == ["3", "2", "0", "0", "1"]
    assert "1 action moved up" in page.locator("#movement + p").inner_text()
    sign_out(page)

    # The owner records ½ Significant progress + ½ Limited progress / risk, with the risk.
    sign_in(page, "owner")
    page.goto(story.action.get_absolute_url())
    page.get_by_role("button", name="Record progress").click()
    # One question a page: the status, the narrative, the risk, milestones, then check answers.
    page.get_by_label("Split between two or more statuses").check()
    page.get_by_role("combobox", name="Significant progress").select_option("1/2")
    page.get_by_role("combobox", name="Limited progress / risk").select_option("1/2")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("What progress has been made?").fill(
        "The model is live in two of four teams; the other two wait for training."
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Raise a new risk").check()  # not the plan's open risk
    page.get_by_label("Cause: why is progress limited?").fill(
        "The training provider cancelled two sessions."
    )
    page.get_by_label("Impact: what happens").fill("Two teams start a quarter late.")
    page.get_by_label("Mitigation: what is being done").fill("A second provider is booked.")
    page.locator("#id_risk_escalated_0").check()
    page.get_by_label("If it has been escalated: to whom?").fill(
        "Local Safeguarding Children Board"
    )
    page.locator("#id_risk_escalated_on_0").fill("4")
    page.locator("#id_risk_escalated_on_1").fill("3")
    page.locator("#id_risk_escalated_on_2").fill("2013")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # milestones: none done yet
    page.get_by_role("heading", name="Check your answers before sending the update").wait_for()
    page.get_by_role("button", name="Send to the plan lead").click()
    page.wait_for_url(re.compile(rf"{story.action.get_absolute_url()}$"))
    assert "was sent to the plan lead" in page.content()

    update = ProgressUpdate.objects.get(action=story.action, round=story.round)
    assert update.state == UpdateState.SUBMITTED
    assert str(update.assessment) == "½ Significant progress, ½ Limited progress / risk"
    assert Risk.objects.get(raised_in=update).escalated_to == "Local Safeguarding Children Board"
    sign_out(page)

    # The lead approves it from the queue.
    sign_in(page, "lead")
    page.goto(plan_url)
    page.get_by_role("link", name="Updates waiting for approval").click()
    section = page.locator("section", has_text="1.1 Embed the new practice model")
    assert "The training provider cancelled two sessions." in section.inner_text()
    section.get_by_role("button", name=re.compile("^Approve")).click()
    page.wait_for_url(re.compile(r"/approvals/$"))
    assert "No submitted updates are waiting" in page.content()
    update.refresh_from_db()
    assert update.state == UpdateState.APPROVED

    # The summary now counts the halves, and 1.1 moved up from Not started.
    page.goto(plan_url)
    assert _header_row(page)[2:] == ["Achieved", "Significant progress", "Limited progress/risk"]
    assert _total_row(page) == ["3", "2", "½", "½"]
    assert "2 actions moved up" in page.locator("#movement + p").inner_text()
    moved_up = page.locator("table", has=page.locator("caption", has_text="Moved up"))
    assert "1.1" in moved_up.inner_text()
    assert "The training provider cancelled two sessions." in page.content()  # risk register
    assert page.console_errors == []
    sign_out(page)

    # A reader sees the same position, and the action's approved update, without a form.
    sign_in(page, "reader")
    page.goto(plan_url)
    assert _total_row(page) == ["3", "2", "½", "½"]
    page.goto(story.action.get_absolute_url())
    tags = page.locator(".app-status-tag").all_inner_texts()
    assert "½ Significant progress" in tags and "½ Limited progress / risk" in tags
    assert page.locator("form[method=post i]").count() == 1  # sign out


def test_a_reader_sees_the_position_and_can_reach_no_form(page, story, reader, sign_in):
    sign_in(page, "reader")
    seen = [
        "/",
        story.plan.get_absolute_url(),
        story.action.get_absolute_url(),
        reverse("plans:actions", kwargs={"slug": story.plan.slug}),
        reverse("plans:area", kwargs={"slug": story.plan.slug, "number": 1}),
        reverse("risks:register", kwargs={"slug": story.plan.slug}),
        reverse("inspections:inspections"),
        story.inspection.get_absolute_url(),
    ]
    for url in seen:
        response = page.goto(url)
        assert response.status == 200, url
        # Filters and the round picker are GET forms that change nothing; sign-out is the
        # only form that posts.
        posting = page.locator("form[method=post i]")
        assert posting.count() == 1, url
        assert posting.get_by_role("button").inner_text() == "Sign out"
        assert page.get_by_role("button", name="Record progress").count() == 0
        assert page.get_by_role("link", name="Updates waiting for approval").count() == 0

    # Typing a form's address in is refused too, and a POST changes nothing.
    forms = [
        reverse("progress:record", kwargs={"slug": story.plan.slug, "pk": story.action.pk}),
        reverse(
            "progress:step",
            kwargs={"slug": story.plan.slug, "pk": story.action.pk, "step": "status"},
        ),
        reverse("plans:action_edit", kwargs={"slug": story.plan.slug, "pk": story.action.pk}),
        reverse("progress:approvals", kwargs={"slug": story.plan.slug}),
        reverse("progress:round_close", kwargs={"slug": story.plan.slug, "pk": story.round.pk}),
        reverse("risks:edit", kwargs={"slug": story.plan.slug, "pk": story.risk.pk}),
    ]
    for url in forms:
        assert page.goto(url).status == 403, url

    client = Client()
    client.force_login(reader)
    for url in forms:
        if url.endswith(("/approvals/", "/progress/")):
            continue  # these only read (or lead on); the writes post to the pages after them
        assert client.post(url, {"version": 1, "status": "achieved"}).status_code == 403, url
    assert not ProgressUpdate.objects.filter(action=story.action, round=story.round).exists()
    story.round.refresh_from_db()
    assert not story.round.is_closed
