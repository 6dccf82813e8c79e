"""Acceptance on the demo plan itself (``load_demo``): its March 2013 report's table 3.7."""

import datetime as dt

import pytest

from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_create_draft
from headway.reports.tests.readback import docx_tables, pdf_text
from headway.reports.tests.source_plan import SOURCE_TABLE


@pytest.fixture
def demo_report(db, admin_user, settings, tmp_path):
    from headway.demo.loader import load_demo

    settings.MEDIA_ROOT = tmp_path
    plan = load_demo(password=None).plan
    round = plan.rounds.get(as_at=dt.date(2013, 3, 12))
    return report_create_draft(plan=plan, round=round, by=admin_user)


def test_demo_march_2013_word_and_pdf_have_the_source_table(demo_report):
    context = for_audience(report_context(report=demo_report), "public")

    word = render(context, "docx")
    pdf = " ".join(pdf_text(render(context, "pdf")).split())

    table = next(t for t in docx_tables(word) if t[0][1:2] == ["Actions"])
    assert [tuple(row) for row in table[1:]] == SOURCE_TABLE
    for row in SOURCE_TABLE:
        assert " ".join(row) in pdf
    assert demo_report.commentary_areas.startswith(
        "The current improvement plan is divided into five broad outcome areas with 56 actions"
    )
