"""The inspections of the source's sections 3.3 and 3.4, their findings and the actions.

A finding's ``answered_by`` lists action references in the 2012/13 plan. Some findings are left
unanswered on purpose (strengths need no action; one recommendation of each of two inspections
has no action yet), so the application has unanswered findings to show.
"""

import datetime as dt
from dataclasses import dataclass

from headway.inspections.models import FindingKind


@dataclass(frozen=True)
class DemoFinding:
    reference: str
    kind: FindingKind
    text: str
    answered_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoInspection:
    inspectorate: str
    service: str
    framework: str
    started_on: dt.date
    ended_on: dt.date | None
    judgement: str
    summary: str
    findings: tuple[DemoFinding, ...] = ()
    report_wording: str = ""  # the source's own sentence (section 3.3), where it has one


INSPECTIONS = (
    DemoInspection(
        inspectorate="Ofsted",
        service="Contact and Referral Service",
        report_wording=(
            "The inspection of the Contact and Referral Service in April 2011 acknowledged the "
            "improvements that had been made in that service, found no priority areas for action "
            "and commented on the highly effective leadership"
        ),
        framework="Unannounced inspection of contact, referral and assessment arrangements",
        started_on=dt.date(2011, 4, 12),
        ended_on=dt.date(2011, 4, 13),
        judgement="No priority areas for action",
        summary=(
            "Inspectors acknowledged the improvements made in the service, found no priority "
            "areas for action and commented on the highly effective leadership."
        ),
        findings=(
            DemoFinding(
                "S1",
                FindingKind.STRENGTH,
                "Leadership of the contact and referral service is highly effective.",
            ),
            DemoFinding(
                "D1",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Ensure that initial assessments are consistently completed within timescale.",
                ("2.1",),
            ),
        ),
    ),
    DemoInspection(
        inspectorate="Ofsted",
        service="Children's Centres (three centres)",
        report_wording=(
            "Three Children's Centres were inspected throughout the year and all were deemed good "
            "with outstanding features"
        ),
        framework="Inspection of Sure Start Children's Centres",
        started_on=dt.date(2011, 6, 1),
        ended_on=dt.date(2012, 3, 31),
        judgement="Good with outstanding features",
        summary=(
            "Three Children's Centres were inspected during 2011/12; all were judged good with "
            "outstanding features."
        ),
        findings=(
            DemoFinding(
                "S1",
                FindingKind.STRENGTH,
                "Partnership work with health visitors reaches the most vulnerable families.",
            ),
        ),
    ),
    DemoInspection(
        inspectorate="Ofsted",
        service="Fostering Service",
        report_wording=(
            "The Fostering Service was inspected in May 2011 and was found to be good, with the "
            "service achieving good in each category of inspection"
        ),
        framework="Inspection of local authority fostering services",
        started_on=dt.date(2011, 5, 16),
        ended_on=dt.date(2011, 5, 20),
        judgement="Good",
        summary="The service was judged good, and good in each category of the inspection.",
        findings=(
            DemoFinding(
                "S1",
                FindingKind.STRENGTH,
                "Foster carers are well supported and children are well matched to placements.",
            ),
            DemoFinding(
                "R1",
                FindingKind.RECOMMENDATION,
                "Increase the number of foster carers so that more children can be placed close "
                "to home.",
                ("5.3",),
            ),
            DemoFinding(
                "R2",
                FindingKind.RECOMMENDATION,
                "Ensure that the foster carers' handbook reflects current policy on delegated "
                "authority.",
            ),
        ),
    ),
    DemoInspection(
        inspectorate="HM Inspectorate of Probation",
        service="Youth Offending Team",
        report_wording=(
            "The Youth Offending Team was inspected in November 2011 and was given the highest "
            "possible grade 'minimum improvement'"
        ),
        framework="Core case inspection of youth offending work",
        started_on=dt.date(2011, 11, 7),
        ended_on=dt.date(2011, 11, 11),
        judgement="Minimum improvement",
        summary=(
            "The Youth Offending Team was given the highest possible grade, 'minimum improvement'."
        ),
        findings=(
            DemoFinding(
                "S1",
                FindingKind.STRENGTH,
                "Assessments of the risk of harm to others are thorough and timely.",
            ),
        ),
    ),
    DemoInspection(
        inspectorate="Ofsted",
        service="Safeguarding disabled children (thematic inspection)",
        report_wording=(
            "A thematic inspection of safeguarding disabled children took place in Feb 2012 and "
            "good feedback was received."
        ),
        framework="Thematic inspection",
        started_on=dt.date(2012, 2, 6),
        ended_on=dt.date(2012, 2, 8),
        judgement="",
        summary="A thematic inspection of safeguarding disabled children; good feedback received.",
        findings=(
            DemoFinding(
                "F1",
                FindingKind.FEEDBACK,
                "Good multi-agency work around disabled children with complex health needs.",
            ),
            DemoFinding(
                "F2",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Seek the views of disabled children who do not communicate verbally.",
                ("4.5", "2.10"),
            ),
        ),
    ),
    DemoInspection(
        inspectorate="Ofsted",
        service="Arrangements for the protection of children",
        framework=(
            "Inspection of local authority arrangements for the protection of children (2012)"
        ),
        started_on=dt.date(2012, 7, 9),
        ended_on=dt.date(2012, 7, 20),
        judgement="Adequate",
        summary=(
            "One of the first inspections under the new framework, which takes account of the "
            "Munro review: inspectors followed children's journeys from early help to step-down "
            "after a child protection plan. The service was judged adequate, providing a safe "
            "and secure child protection service that meets requirements and complies in all "
            "areas of child protection practice."
        ),
        findings=(
            DemoFinding(
                "S1",
                FindingKind.STRENGTH,
                "Children are safe; thresholds are understood and applied by partner agencies.",
            ),
            DemoFinding(
                "A1",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Ensure that the police take part in all strategy discussions and that "
                "decisions are recorded and shared.",
                ("2.3",),
            ),
            DemoFinding(
                "A2",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Make child protection plans specific, with clear outcomes and timescales, and "
                "ensure core groups review progress against them.",
                ("2.4", "2.5"),
            ),
            DemoFinding(
                "A3",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Ensure that children's wishes and feelings are consistently recorded and "
                "inform assessments and plans.",
                ("4.1", "4.2"),
            ),
            DemoFinding(
                "A4",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Ensure that supervision is regular, recorded and reflective, and that managers' "
                "oversight of cases is evident on the file.",
                ("2.7", "3.2"),
            ),
            DemoFinding(
                "A5",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Strengthen step-down arrangements when child protection plans end, so that "
                "families continue to receive help.",
                ("2.6", "1.6"),
            ),
            DemoFinding(
                "A6",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Improve the quality of assessments so that the analysis of risk, including "
                "family history, is clear.",
                ("1.8", "3.3"),
            ),
            DemoFinding(
                "A7",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "Partner agencies, particularly general practitioners, should provide reports "
                "to every child protection conference.",
            ),
        ),
    ),
)
