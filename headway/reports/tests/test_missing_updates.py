"""A round with missing updates: the report says so and counts them as "no update"."""

from headway.plans.choices import UpdateState
from headway.plans.models import ProgressUpdate
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_create_draft

from .bodies import drafted
from .readback import docx_tables, docx_text


def test_missing_updates_are_counted_as_no_update_and_the_report_says_so(source, lead):
    missing = ProgressUpdate.objects.filter(
        action__plan=source.plan, round=source.round, action__reference__in=["5.1", "5.2", "5.3"]
    )
    missing.update(state=UpdateState.SUBMITTED)  # awaiting approval: does not count

    report = report_create_draft(plan=source.plan, round=source.round, by=lead)
    context = for_audience(report_context(report=report), "public")
    content = render(context, "docx")

    text = docx_text(content)
    assert "Updates for 3 of the 56 actions were not received or approved" in text
    assert "3 had no update for this report" in drafted(report, "progress")
    table = next(t for t in docx_tables(content) if t[0][1] == "Actions")
    assert table[0][-1] == "No update"
    assert table[5] == ["Improving Outcomes for LAC", "16", "0", "11", "2", "3"]
    assert table[6][-1] == "3"
    assert "5.1" in text and "No update" in text  # the appendix row says it too


def test_a_round_with_no_updates_at_all_still_renders(plan, lead):
    from headway.testing.factories import ActionFactory, OutcomeAreaFactory, ReviewRoundFactory

    area = OutcomeAreaFactory(plan=plan, number=1, title="Only area")
    ActionFactory(plan=plan, area=area, reference="1.1")
    round = ReviewRoundFactory(plan=plan)

    report = report_create_draft(plan=plan, round=round, by=lead)
    content = render(for_audience(report_context(report=report), "public"), "pdf")

    assert content.startswith(b"%PDF")
    assert "1 had no update" in drafted(report, "progress")
    assert drafted(report, "movement").startswith("This is the first report")
