"""The status chart: SVG with an accessible name, PNG for Word, alt text with the figures."""

import pytest
from defusedxml import ElementTree

from headway.plans.selectors import plan_summary
from headway.reports.charts import chart_alt_text, chart_figures, status_chart_png, status_chart_svg

from .source_plan import make_source_plan

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def source(db):
    return make_source_plan()


def test_svg_has_title_desc_and_parses_as_xml(source):
    summary = plan_summary(plan=source.plan, round=source.round)

    svg = status_chart_svg(summary)

    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Progress of actions by outcome area"
    desc = root.find(f"{SVG}desc").text
    assert "Building a Quality Service: 14 actions, 6½ achieved, 6½ significant progress" in desc
    assert "Improving Outcomes for LAC" in svg  # text stays text (svg.fonttype none)


def test_png_is_a_png_and_alt_text_reads_the_figures(source):
    summary = plan_summary(plan=source.plan, round=source.round)

    png = status_chart_png(summary)
    alt = chart_alt_text(summary)

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert "Assuring Quality: 9 actions, 9 achieved;" in alt
    assert "table beside the chart" in alt


def test_same_figures_give_the_same_bytes_and_snapshot_figures_match_live_ones(source):
    summary = plan_summary(plan=source.plan, round=source.round)
    snapshot = {
        "areas": [
            {
                "area": label,
                "achieved": str(v[0]),
                "significant_progress": str(v[1]),
                "limited_progress_risk": str(v[2]),
                "not_started": str(v[3]),
                "dropped": str(v[4]),
                "no_update": str(v[5]),
            }
            for label, v in chart_figures(summary)
        ]
    }

    assert chart_figures(snapshot) == chart_figures(summary)
    assert status_chart_svg(snapshot) == status_chart_svg(summary)


def test_area_titles_with_markup_and_dollars_are_text(db):
    snapshot = {"areas": [{"area": "<script>alert(1)</script> $x^2$ Cymraeg ŵ", "achieved": "1"}]}

    svg = status_chart_svg(snapshot)

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)


def test_img_src_is_the_svg_as_a_data_uri(source):
    import base64

    from headway.reports.charts import status_chart_img_src

    summary = plan_summary(plan=source.plan, round=source.round)

    src = status_chart_img_src(summary)

    assert src.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(src.split(",", 1)[1]).decode() == status_chart_svg(summary)
