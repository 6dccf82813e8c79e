"""The demo's draft report for 12 March 2013, made as the plan lead would make it.

The report is created through the reports' services from the plan's defaults
(``report_defaults.py``), then the lead makes the source's own edits, each through the services
and recorded as an officer's edit: the source's title; 3.3 rewritten (their introduction, and
the five inspections as their bullets, ``Inspection.report_wording``: the July 2012 inspection is
told in 3.4 instead); 3.4 and 3.5 added after it; and the progress paragraph, 3.8, rewritten in
their words. The drafted outcome areas (3.6) and the table (3.7) stay as drafted from the data.
"""

from typing import Any

from headway.plans.models import Plan, ReviewRound
from headway.reports import body as bodies
from headway.reports.models import CommitteeReport
from headway.reports.services import report_body_save, report_create_draft, report_update
from headway.reports.text import bullet_lines

from .inspections import INSPECTIONS

TITLE = "CHILDREN'S SOCIAL CARE PERFORMANCE IMPROVEMENT PLAN 2013 UPDATE"

INSPECTIONS_INTRO = (
    "During 2011/12 a number of inspections took place across the service which validated an "
    "improving picture."
)

JULY_2012 = (
    "In July 2012 Bromley Children's Social Care was only the second authority in the county to "
    "undergo the new Ofsted inspection framework for the protection of children. The new "
    "framework takes account of the Munro review of Child Protection and a significant number of "
    "cases were examined in depth following the journey of the child through the process of "
    "interventions from early help through to step down following a child having been the "
    "subject of a child protection plan. Following the inspection Bromley was deemed as adequate "
    "and providing a safe and secure child protection service. Inspectors were clear that "
    "Bromley meets requirements and has compliance in all areas of child protection practice. "
    "The vast majority of local authorities inspected under this framework have been judged "
    "adequate or unsatisfactory. No more than six local authorities at the time of drafting had "
    "received a better outcome than the London Borough of Bromley."
)

CHALLENGE = (
    "However, the challenge for Bromley Children's Social Care is to move forward and build a "
    "quality service. The very useful feedback from inspectors has helped to shape some of this "
    "improvement plan together with other priorities particularly in relation to Looked After "
    "Children."
)

PROGRESS = (
    "Progress has been achieved in the areas of quality assurance and significant progress is "
    "being made in improving outcomes for Looked After Children. Two areas of risk have been "
    "identified. One is the development of better working with the Metropolitan Police around "
    "child protection strategy meetings. Resourcing issues within the Metropolitan Police have "
    "impacted negatively on taking this forward and this is an issue that has been referred to "
    "Bromley Safeguarding Children Board. The other area of risk is the introduction of family "
    "files and this is delayed due to the timescales of producing the software by OLM, "
    "Bromley's Integrated Children's System provider."
)


def inspections_paragraph() -> str:
    """3.3 as the officers wrote it: their introduction and one bullet per inspection of
    2011/12, in their words."""
    bullets = [spec.report_wording for spec in INSPECTIONS if spec.report_wording]
    return INSPECTIONS_INTRO + "\n" + bullet_lines(bullets)


def create_march_report(*, plan: Plan, round: ReviewRound, lead: Any) -> CommitteeReport:
    """The draft for the committee of 12 March 2013, with the lead's edits."""
    report = report_create_draft(plan=plan, round=round, by=lead)
    report = report_update(
        report=report, by=lead, expected_version=report.version, changes={"title": TITLE}
    )
    inspections = _drafted_block(report, "inspections")
    body = bodies.edit_block(
        report.body, block_id=inspections["id"], text=inspections_paragraph(), exempt=False
    )
    report = report_body_save(report=report, by=lead, expected_version=report.version, body=body)
    body = bodies.add_blocks(
        report.body,
        new=bodies.officer_blocks(f"{JULY_2012}\n\n{CHALLENGE}"),
        anchor=inspections["id"],
        where="after",
    )
    report = report_body_save(report=report, by=lead, expected_version=report.version, body=body)
    progress = _drafted_block(report, "progress")
    body = bodies.edit_block(report.body, block_id=progress["id"], text=PROGRESS, exempt=False)
    return report_body_save(report=report, by=lead, expected_version=report.version, body=body)


def _drafted_block(report: CommitteeReport, source: str) -> dict[str, Any]:
    return next(
        item
        for section in report.body
        for item in section["blocks"]
        if item["kind"] == bodies.DRAFTED_KIND and item["source"] == source
    )
