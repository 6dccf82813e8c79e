"""The plan page's chart in Chromium: the chart module's SVG, shown as an image under the page's
Content-Security-Policy, keeps its palette's colours (inline SVG would lose them)."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from headway.plans.charts import PALETTE
from headway.plans.choices import Status

from ..chart_readback import png_colours

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chart_shows_in_its_colours_under_the_pages_csp(
    browser, live_server, story, tmp_path, sign_in
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    sign_in(page, "reader")
    # The first round: Achieved, Significant progress and Not started, an update for each.
    page.goto(reverse("plans:plan", kwargs={"slug": story.plan.slug}) + "?round=2012-12-04")
    chart = page.locator("img.app-chart__svg")
    chart.scroll_into_view_if_needed()

    assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
    assert chart.get_attribute("alt").startswith("Stacked bar chart")
    picture = tmp_path / "chart.png"
    chart.screenshot(path=str(picture))
    if os.environ.get("HEADWAY_CHART_SCREENSHOT"):
        Path(os.environ["HEADWAY_CHART_SCREENSHOT"]).write_bytes(picture.read_bytes())
    colours = {status: PALETTE[status.value][0].lower() for status in Status}
    drawn = png_colours(picture.read_bytes(), colours.values())
    assert drawn == {
        colours[Status.ACHIEVED],
        colours[Status.SIGNIFICANT_PROGRESS],
        colours[Status.LIMITED_PROGRESS_RISK],  # in the legend, always
        colours[Status.NOT_STARTED],
    }
    assert not [text for text in violations if "Content Security Policy" in text]
    context.close()
