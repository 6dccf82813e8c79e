"""The README's picture of recording progress: check your answers for a split with its risk.

The picture is always taken (a blank or broken page fails the test); it replaces
docs/screenshots/update-form.png only when HEADWAY_UPDATE_SCREENSHOTS=1.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TARGET = Path(settings.BASE_DIR) / "docs" / "screenshots" / "update-form.png"


def test_screenshot_of_the_filled_update_form(browser, live_server, story, tmp_path, sign_in):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    sign_in(page, "owner")
    page.goto(reverse("progress:record", kwargs={"slug": story.plan.slug, "pk": story.action.pk}))
    page.get_by_label("Split between two or more statuses").check()
    page.get_by_role("combobox", name="Significant progress").select_option("1/2")
    page.get_by_role("combobox", name="Limited progress / risk").select_option("1/2")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("What progress has been made?").fill(
        "The practice model is live in two of the four teams. Team managers in the other two "
        "complete their training in April, when the model goes live there."
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Raise a new risk").check()  # not the plan's open risk
    page.get_by_label("Cause: why is progress limited?").fill(
        "The training provider cancelled two sessions at short notice."
    )
    page.get_by_label("Impact: what happens").fill("Two teams start a quarter later than planned.")
    page.get_by_label("Mitigation: what is being done").fill(
        "A second provider is booked for April; the teams shadow the live teams until then."
    )
    page.locator("#id_risk_escalated_1").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Check your answers before sending the update").wait_for()
    picture = tmp_path / "update-form.png"
    # Check your answers: everything the owner said, each with a link to change it.
    page.screenshot(path=str(picture), full_page=True)
    context.close()

    assert picture.stat().st_size > 20_000
    if os.environ.get("HEADWAY_UPDATE_SCREENSHOTS") == "1":
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(picture, TARGET)
