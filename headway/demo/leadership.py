"""Outcome area 1, Strategic vision and leadership: 10 actions (March 2013: 2 / 7 / 1)."""

from .records import DemoAction, Revision

ACTIONS = (
    DemoAction(
        title="Publish the division's vision and priorities for 2012/13 and brief every team",
        objective=(
            "Staff at every level understand where the division is going and how their work "
            "contributes to it."
        ),
        desired_outcome=(
            "Team plans and supervision refer to the division's priorities; the staff survey "
            "shows that staff know them."
        ),
        owner="owner",
        lead_officer="AD / HoS Safeguarding and Care Planning",
        timescale="December 2012",
        milestones=(
            "Vision and priorities agreed by the divisional management team | September 2012",
            "Briefings held for every team | November 2012",
        ),
        progress={
            "autumn": (
                "S",
                "Priorities agreed in September; briefings held for 9 of 14 teams, the rest "
                "booked for November.",
            ),
            "march": (
                "A",
                "All teams briefed by the end of November. The January staff survey found 87% of "
                "staff could name the division's priorities.",
            ),
        },
    ),
    DemoAction(
        title="Take forward the recommendations of the Munro review of child protection",
        objective=(
            "Reduce unnecessary process so that social workers spend more time with children "
            "and families and exercise professional judgement."
        ),
        desired_outcome=(
            "Local procedures simplified; social workers report more direct time with children."
        ),
        owner="owner-psw",
        timescale="March 2013",
        milestones=(
            "Gap analysis against the Munro recommendations | October 2012",
            "Revised local procedures published | March 2013",
        ),
        progress={
            "autumn": (
                "S",
                "Gap analysis completed; a practitioner group is reviewing which local forms "
                "can be removed.",
            ),
            "march": (
                "S",
                "Eleven local forms withdrawn. Revised procedures are drafted and go to the "
                "Safeguarding Children Board's procedures group in April.",
            ),
        },
        revised=Revision(
            "May 2013",
            "Revised procedures must wait for the Board's procedures group, which meets in April.",
        ),
    ),
    DemoAction(
        title="Establish the Principal Social Worker role in leading practice",
        objective=(
            "A senior practitioner champions good social work practice and reports on its "
            "quality to the Assistant Director."
        ),
        desired_outcome=(
            "Practice standards agreed and owned by front-line staff; a quarterly practice "
            "report to senior managers."
        ),
        owner="owner-psw",
        timescale="June 2013",
        milestones=(
            "Role description and reporting line agreed | December 2012",
            "First quarterly practice report | April 2013",
        ),
        progress={
            "autumn": ("N", "Not started: the post is being recruited to, interviews in December."),
            "march": (
                "S",
                "Principal Social Worker in post since January; practice standards drafted with "
                "front-line staff. First quarterly report due in April.",
            ),
        },
    ),
    DemoAction(
        title="Recruit and retain permanent social workers and reduce reliance on agency staff",
        objective=("A stable, permanent workforce so that children keep the same social worker."),
        desired_outcome="Agency social workers below 15% of posts; vacancy rate below 10%.",
        owner="owner-psw",
        lead_officer="AD / Principal Social Worker",
        timescale="August 2013",
        milestones=(
            "Recruitment campaign launched | October 2012",
            "Retention package agreed with Human Resources | January 2013",
            "Agency staff below 15% of posts | June 2013",
        ),
        progress={
            "autumn": (
                "S",
                "Campaign launched in October; 6 offers made. Agency staff at 22% of posts.",
            ),
            "march": (
                "S",
                "Agency staff down to 17% of posts; retention package agreed in January. On "
                "course for the June target.",
            ),
        },
    ),
    DemoAction(
        title="Develop a multi-agency performance framework with the Safeguarding Children Board",
        objective=(
            "Partners and the division look at one set of safeguarding measures and challenge "
            "each other on them."
        ),
        desired_outcome="A quarterly multi-agency data set reported to the Board and acted on.",
        owner="owner-qa",
        timescale="March 2013",
        milestones=(
            "Data set agreed with partner agencies | November 2012",
            "First quarterly report to the Board | February 2013",
        ),
        dependencies=("Local Safeguarding Children Board",),
        progress={
            "autumn": ("S", "Data set drafted; health and police measures still being agreed."),
            "march": (
                "S",
                "Data set agreed in December; first report went to the Board in February. Police "
                "data for two measures is still outstanding.",
            ),
        },
    ),
    DemoAction(
        title="Strengthen early help and step-down to the Common Assessment Framework",
        objective=(
            "Families whose needs do not meet the threshold for social care get timely help "
            "from early intervention services."
        ),
        desired_outcome=(
            "Fewer re-referrals within 12 months; every case closed to social care with a "
            "step-down plan where help is still needed."
        ),
        owner="owner-referral",
        timescale="June 2013",
        milestones=(
            "Step-down protocol agreed with early intervention services | January 2013",
            "Re-referral rate reviewed | May 2013",
        ),
        dependencies=("Early Intervention and Family Support Service",),
        progress={
            "autumn": ("N", "Not started: scheduled to begin after the Munro gap analysis."),
            "march": (
                "S",
                "Step-down protocol agreed in January and in use in the Referral and Assessment "
                "teams; the re-referral rate is 19% against 23% last year.",
            ),
        },
    ),
    DemoAction(
        title="Deliver the division's services within budget, reviewing high-cost placements",
        objective="Spend is controlled without compromising the safety of children.",
        desired_outcome=(
            "Outturn within budget; every placement over the cost threshold reviewed monthly."
        ),
        owner="owner",
        lead_officer="AD",
        timescale="March 2013",
        milestones=(
            "Monthly high-cost placement panel established | September 2012",
            "Mid-year budget review | October 2012",
        ),
        progress={
            "autumn": (
                "S",
                "Placement panel meets monthly; mid-year review forecasts a small overspend on "
                "residential placements.",
            ),
            "march": (
                "A",
                "Forecast outturn is now within budget after three residential placements moved "
                "to foster care. Panel continues as business as usual.",
            ),
        },
    ),
    DemoAction(
        title="Introduce family files in the Integrated Children's System",
        objective=(
            "Social workers see a family's history, siblings and previous involvement in one "
            "place rather than across separate child records."
        ),
        desired_outcome=(
            "Family files live for all teams; less time spent searching records; better "
            "analysis of cumulative harm."
        ),
        owner="owner",
        lead_officer="HoS Safeguarding and Care Planning / ICS Manager",
        timescale="December 2012",
        milestones=(
            "Specification agreed with the supplier | October 2012",
            "Testing of the family file module | December 2012 | missed",
            "Family files live for all teams | February 2013 | missed",
        ),
        revised=Revision(
            "June 2013",
            "OLM, the Integrated Children's System provider, has put back delivery of the family "
            "file module.",
        ),
        dependencies=("OLM (Integrated Children's System provider)",),
        carried_from="1.4",
        progress={
            "autumn": (
                "S",
                "Specification agreed with the supplier in October; test release expected in "
                "December.",
            ),
            "march": (
                "L",
                "OLM has not delivered the family file module; its revised date is May. "
                "Testing cannot start until then. See the risk recorded.",
            ),
        },
    ),
    DemoAction(
        title="Provide team managers with monthly performance reports from the ICS",
        objective=(
            "Managers see their own team's timeliness and caseloads and act on them without "
            "waiting for the quarterly report."
        ),
        desired_outcome="Every team manager uses a monthly report in team meetings.",
        owner="owner-qa",
        timescale="January 2013",
        milestones=(
            "Report design agreed with team managers | October 2012",
            "First monthly reports issued | January 2013",
        ),
        progress={
            "autumn": ("S", "Report design agreed; the ICS reports are being built."),
            "march": (
                "S",
                "Monthly reports issued since January for the assessment teams; care planning "
                "teams follow in April.",
            ),
        },
        revised=Revision(
            "April 2013",
            "Care planning teams' reports need changes to how placements are recorded first.",
        ),
    ),
    DemoAction(
        title="Make sure lessons from serious case reviews and management reviews reach practice",
        objective="Learning from reviews changes how staff work, not only the procedures.",
        desired_outcome=(
            "Learning briefings for every review; audits show the lessons applied in practice."
        ),
        owner="owner-cp",
        timescale="Ongoing",
        milestones=(
            "Learning briefing format agreed with the Board | November 2012",
            "Audit of learning applied in practice | May 2013",
        ),
        dependencies=("Local Safeguarding Children Board",),
        progress={
            "autumn": ("S", "Learning briefing format agreed; two briefings delivered."),
            "march": (
                "S",
                "Four briefings delivered to 180 staff. The audit of learning applied is planned "
                "for May.",
            ),
        },
    ),
)
