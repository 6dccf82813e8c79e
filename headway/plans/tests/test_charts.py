"""The one status chart: SVG with an accessible name, PNG for Word, alt text with the figures,
one colour per status, and segments and legend that follow the column rule."""

import datetime as dt

import pytest
from defusedxml import ElementTree

from headway.plans.charts import (
    PALETTE,
    chart_alt_text,
    chart_figures,
    status_chart_img_src,
    status_chart_png,
    status_chart_svg,
)
from headway.plans.choices import SHARE_FIELDS, Status
from headway.plans.selectors import plan_summary
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

from .chart_readback import SVG, legend_colours, png_colours, svg_from_img_src

pytestmark = pytest.mark.django_db

ALL_COLOURS = {colour.lower() for colour, _hatch in PALETTE.values()}


def _update(action, round, **shares: int) -> None:
    ProgressUpdateFactory(
        action=action, round=round, **{SHARE_FIELDS[s]: shares.get(s.value, 0) for s in Status}
    )


@pytest.fixture
def summary(plan):
    """Area 1: three actions, one split ½ Achieved ½ Significant progress; area 2: one achieved
    and one without an update. Nothing is Not started or Dropped."""
    spring = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    quality = OutcomeAreaFactory(plan=plan, number=1, short_title="Building a Quality Service")
    records = OutcomeAreaFactory(plan=plan, number=2, short_title="Records")
    for reference, shares in (
        ("1.1", {"achieved": 60}),
        ("1.2", {"achieved": 30, "significant_progress": 30}),
        ("1.3", {"limited_progress_risk": 60}),
    ):
        _update(ActionFactory(plan=plan, area=quality, reference=reference), spring, **shares)
    _update(ActionFactory(plan=plan, area=records, reference="2.1"), spring, achieved=60)
    ActionFactory(plan=plan, area=records, reference="2.2")
    return plan_summary(plan=plan, round=spring)


def test_svg_has_title_desc_and_parses_as_xml(summary):
    svg = status_chart_svg(summary)

    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Progress of actions by outcome area"
    desc = root.find(f"{SVG}desc").text
    assert "Building a Quality Service: 3 actions, 1½ achieved, ½ significant progress" in desc
    assert "Records" in svg  # text stays text (svg.fonttype none)


def test_png_is_a_png_and_alt_text_reads_the_figures(summary):
    png = status_chart_png(summary)
    alt = chart_alt_text(summary)

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert "Records: 2 actions, 1 achieved, 1 no update." in alt
    assert "table beside the chart" in alt


def test_legend_lists_the_sources_three_and_no_update_but_not_absent_statuses(summary):
    legend = legend_colours(status_chart_svg(summary))

    assert list(legend) == [
        "Achieved",
        "Significant progress",
        "Limited progress/risk",
        "No update",
    ]
    assert "Dropped" not in legend and "Not started" not in legend


def test_each_status_has_its_palette_colour_in_the_svg_and_the_png(summary, plan):
    dropped = ActionFactory(plan=plan, area=summary.areas[1].area, reference="2.3")
    _update(dropped, summary.round, dropped=30, not_started=30)
    summary = plan_summary(plan=plan, round=summary.round)

    legend = legend_colours(status_chart_svg(summary))
    colours = png_colours(status_chart_png(summary), ALL_COLOURS)

    expected = {
        "Achieved": "#009e73",
        "Significant progress": "#0072b2",
        "Limited progress/risk": "#d55e00",
        "Not started": "#595959",
        "Dropped": "#cc79a7",
        "No update": "hatched",
    }
    assert legend == expected
    assert ALL_COLOURS - {"#ffffff"} <= colours  # "No update" is white, hatched


def test_an_absent_status_colour_is_not_drawn(summary):
    colours = png_colours(status_chart_png(summary), ALL_COLOURS)

    assert PALETTE[Status.ACHIEVED.value][0].lower() in colours
    assert PALETTE[Status.DROPPED.value][0].lower() not in colours
    assert PALETTE[Status.NOT_STARTED.value][0].lower() not in colours


def test_same_figures_give_the_same_bytes_and_snapshot_figures_match_live_ones(summary):
    figures = chart_figures(summary)
    keys = [c.key for c in figures.columns]
    snapshot = {
        "areas": [
            {"area": label, **{key: str(value) for key, value in zip(keys, values, strict=True)}}
            for label, values in figures.rows
        ]
    }

    assert chart_figures(snapshot) == figures
    assert status_chart_svg(snapshot) == status_chart_svg(summary)


def test_a_snapshot_keeps_the_columns_its_table_showed(db):
    snapshot = {
        "areas": [{"area": "One", "achieved": "1", "dropped": "0"}],
        "columns": [{"key": "achieved"}, {"key": "significant_progress"}, {"key": "dropped"}],
    }

    assert [c.label for c in chart_figures(snapshot).columns] == [
        "Achieved",
        "Significant progress",
        "Dropped",
    ]


def test_area_titles_with_markup_and_dollars_are_text(db):
    snapshot = {"areas": [{"area": "<script>alert(1)</script> $x^2$ Cymraeg ŵ", "achieved": "1"}]}

    svg = status_chart_svg(snapshot)

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)


def test_img_src_is_the_svg_as_a_data_uri(summary):
    assert svg_from_img_src(status_chart_img_src(summary)) == status_chart_svg(summary)
