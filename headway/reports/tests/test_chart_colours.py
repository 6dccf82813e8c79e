"""One chart, one palette: the plan page, the report's HTML and PDF (SVG) and its Word file (PNG)
draw each status in the same colour, with the same legend."""

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from headway.plans.assessment import Assessment
from headway.plans.charts import PALETTE
from headway.plans.choices import Status
from headway.plans.tests.chart_readback import (
    legend_colours,
    png_colours,
    svg_from_img_src,
)
from headway.reports.renderers import render
from headway.reports.renderers.html import chart_src
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_create_draft
from headway.testing.factories import ActionFactory, ProgressUpdateFactory

COLOUR = {status: PALETTE[status.value][0].lower() for status in Status}


@pytest.fixture
def context(source, settings, tmp_path):
    """The source's plan with one more action, half achieved and half dropped: Dropped shows,
    Not started does not."""
    settings.MEDIA_ROOT = tmp_path / "media"
    area = source.plan.areas.get(number=1)
    action = ActionFactory(plan=source.plan, area=area, reference="1.99", title="Merged work")
    shares = Assessment.from_shares({Status.ACHIEVED: "1/2", Status.DROPPED: "1/2"})
    ProgressUpdateFactory(action=action, round=source.round, **shares.as_sixtieths())
    report = report_create_draft(plan=source.plan, round=source.round, by=source.lead)
    return for_audience(report_context(report=report), "restricted")


def _page_legend(client, user, plan) -> dict[str, str]:
    client.force_login(user)
    html = client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).content.decode()
    src = html.split('<img class="app-chart__svg" src="', 1)[1].split('"', 1)[0]
    return legend_colours(svg_from_img_src(src))


def test_the_plan_page_and_the_reports_svg_share_legend_and_colours(
    client, source, source_reader, context
):
    page = _page_legend(client, source_reader, source.plan)
    report = legend_colours(svg_from_img_src(chart_src(context)))

    assert page == report
    assert page == {
        "Achieved": COLOUR[Status.ACHIEVED],
        "Significant progress": COLOUR[Status.SIGNIFICANT_PROGRESS],
        "Limited progress/risk": COLOUR[Status.LIMITED_PROGRESS_RISK],
        "Dropped": COLOUR[Status.DROPPED],
    }
    assert [c["label"] for c in context["table"]["columns"]] == list(page)


def test_the_word_files_chart_has_the_same_colours_and_no_absent_status(context):
    docx = render(context, "docx")

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        [png] = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    colours = png_colours(png, COLOUR.values())

    shown = [Status.ACHIEVED, Status.SIGNIFICANT_PROGRESS, Status.LIMITED_PROGRESS_RISK]
    assert {COLOUR[s] for s in [*shown, Status.DROPPED]} <= colours
    assert COLOUR[Status.NOT_STARTED] not in colours


def test_the_pdfs_chart_has_the_same_colours_and_no_absent_status(context, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(context, "pdf"))

    subprocess.run(  # noqa: S603 - a fixed program on a file this test wrote
        ["/usr/bin/pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    colours = set()
    for page in sorted(Path(tmp_path).glob("page*.png")):
        colours |= png_colours(page.read_bytes(), COLOUR.values())

    shown = [Status.ACHIEVED, Status.SIGNIFICANT_PROGRESS, Status.LIMITED_PROGRESS_RISK]
    assert {COLOUR[s] for s in [*shown, Status.DROPPED]} <= colours
    assert COLOUR[Status.NOT_STARTED] not in colours
