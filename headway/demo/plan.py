"""The demo plan (the source's 2012/13 plan), its previous year, review rounds and risks."""

import datetime as dt

from . import assuring_quality, leadership, listening, looked_after, quality_service
from .records import DemoAction, DemoArea, DemoRisk

DIVISION = "Children's Safeguarding and Social Care"

PLAN = {
    "title": "Children's Social Care Performance Improvement Plan 2012/13",
    "slug": "childrens-social-care-2012-13",
    "division": DIVISION,
    "period_start": dt.date(2012, 9, 1),
    "period_end": dt.date(2013, 8, 31),
    "description": (
        "The division's annual business plan: the actions across children's safeguarding and "
        "social care that aim to achieve the best possible outcomes for vulnerable children, "
        "with objectives, desired outcomes, timescales and milestones, ownership and "
        "periodically updated progress. Some actions answer the feedback of the Ofsted "
        "inspection of child protection services in July 2012."
    ),
}

AREAS = (
    DemoArea(
        "Strategic vision and leadership",
        "Strategic Vision and Leadership",
        "Leadership, workforce, partnerships and the systems that support practice.",
        leadership.ACTIONS,
    ),
    DemoArea(
        "Building a quality service",
        "Building a Quality Service",
        "Timely assessment, effective child protection plans and well-supported social workers.",
        quality_service.ACTIONS,
    ),
    DemoArea(
        "Assuring quality",
        "Assuring Quality",
        "Audit, independent review and performance management that improve practice.",
        assuring_quality.ACTIONS,
    ),
    DemoArea(
        "Listening to children, young people and their families",
        "Listening to Children",
        "The views of children and families heard and acted on.",
        listening.ACTIONS,
    ),
    DemoArea(
        "Improving outcomes for Looked After Children",
        "Improving Outcomes for LAC",
        "Stable homes, health, education and good preparation for leaving care.",
        looked_after.ACTIONS,
    ),
)

# key → (title, as at, deadline)
ROUNDS = {
    "autumn": ("Autumn 2012 review", dt.date(2012, 11, 15), dt.date(2012, 11, 1)),
    "march": ("Update to committee, 12 March 2013", dt.date(2013, 3, 12), dt.date(2013, 2, 26)),
}
# The committee round stays open so that owners can try recording a correction in the demo.
CLOSED_ROUNDS = ("autumn", "year_end")

# The six actions at Limited progress / risk in March 2013, by reference: five risks and one
# reason for raising none. The report names two (paragraph 3.8 of the source): the police
# strategy-meetings risk, referred to the Safeguarding Children Board (the source gives no
# date), and the family-files risk, delayed by OLM, the Integrated Children's System provider.
# The others stay in the register without being named to the committee. The police risk also
# holds back 1.5 (the multi-agency data set lacks the police measures), so in the plan's order
# of first actions it comes first, as the source names it first.
RISKS = {
    "2.3": DemoRisk(
        title=(
            "The development of better working with the Metropolitan Police around child "
            "protection strategy meetings"
        ),
        cause=(
            "Resourcing issues within the Metropolitan Police have impacted negatively on "
            "taking this forward"
        ),
        impact=(
            "Strategy decisions are taken without the police, joint visits are delayed and "
            "evidence may be lost."
        ),
        mitigation=(
            "Telephone attendance agreed as an interim measure; cases without police input are "
            "escalated daily to the team's detective sergeant."
        ),
        external_dependency="Metropolitan Police",
        escalated_to="Bromley Safeguarding Children Board",
        named_in_report=True,
        # The same cause keeps the police measures out of the multi-agency data set.
        also_holds_back=("1.5",),
    ),
    "1.8": DemoRisk(
        title="The introduction of family files",
        cause=(
            "This is delayed due to the timescales of producing the software by OLM, Bromley's "
            "Integrated Children's System provider"
        ),
        impact=(
            "Social workers continue to piece together family history from separate records; "
            "the benefits for the analysis of cumulative harm are delayed."
        ),
        mitigation=(
            "Monthly contract meetings with OLM; testing resources held ready for the revised "
            "release date."
        ),
        external_dependency="OLM",
        named_in_report=True,
    ),
    "4.2": DemoRisk(
        title="No provider for child protection advocacy",
        cause="The advocacy tender was combined with the wider children's advocacy contract.",
        impact="Few children are supported to give their views at conference.",
        mitigation="Interim offer through the looked after children's advocate; new contract "
        "to start in July.",
        external_dependency="Commissioned advocacy provider",
    ),
    "5.5": DemoRisk(
        title="Looked after children's nurse vacancy",
        cause="The community health provider cannot fill the looked after children's nurse post.",
        impact="Health needs of looked after children are assessed late, especially out of area.",
        mitigation="Health commissioners asked to fund agency cover; weekly tracking of overdue "
        "assessments.",
        external_dependency="Community health provider",
        escalated_to="Corporate Parenting Board",
        escalated_on=dt.date(2013, 2, 14),
    ),
    "5.15": DemoRisk(
        title="CAMHS priority access paused",
        cause="CAMHS has paused new access agreements during its service review.",
        impact="Looked after children wait 14 weeks for a mental health service.",
        mitigation="Fostering service's therapeutic social worker offers consultation to carers.",
        external_dependency="Child and adolescent mental health services (CAMHS)",
    ),
}

# Limited progress in March 2013 for which the owner raised no risk, and why not.
NO_RISK_REASONS = {
    "4.7": (
        "A second interviewer course is booked with the Children in Care Council for April; "
        "the delay is to the timetable, not to the outcome."
    ),
}

# The previous year's plan, kept small: enough for carried-forward history to show.
PREVIOUS_PLAN = {
    "title": "Children's Social Care Performance Improvement Plan 2011/12",
    "slug": "childrens-social-care-2011-12",
    "division": DIVISION,
    "period_start": dt.date(2011, 9, 1),
    "period_end": dt.date(2012, 8, 31),
    "description": "The division's performance improvement plan for 2011/12.",
}
PREVIOUS_ROUNDS = {
    "year_end": ("Year-end review, July 2012", dt.date(2012, 7, 31), dt.date(2012, 7, 17)),
}
# reference → action; the area is the reference's first number (same areas as 2012/13).
PREVIOUS_ACTIONS = {
    "1.4": DemoAction(
        title="Extend the Integrated Children's System to hold family-level records",
        objective="Family history is visible from each child's record.",
        desired_outcome="A specification for family files agreed with the supplier.",
        owner="owner",
        timescale="July 2012",
        milestones=("Requirements gathered from teams | January 2012",),
        dependencies=("ICS software supplier",),
        progress={
            "year_end": (
                "S",
                "Requirements gathered; specification not yet agreed. Carried forward.",
            )
        },
    ),
    "2.1": DemoAction(
        title="Clear the backlog of initial assessments in the Referral and Assessment teams",
        objective="No initial assessment is left open beyond its timescale.",
        desired_outcome="No open assessments older than 20 working days.",
        owner="owner-referral",
        timescale="December 2011",
        milestones=("Backlog cleared | December 2011",),
        progress={"year_end": ("A", "Backlog cleared in December and not recurred.")},
    ),
    "2.6": DemoAction(
        title="Agree a joint protocol with the police for child protection strategy discussions",
        objective="Police and social care share decisions at strategy discussions.",
        desired_outcome="A signed protocol in use.",
        owner="owner-cp",
        timescale="June 2012",
        milestones=("Draft protocol | March 2012",),
        dependencies=("Metropolitan Police",),
        progress={
            "year_end": (
                "S",
                "Draft protocol discussed with the police; not signed. Carried forward.",
            )
        },
    ),
    "3.2": DemoAction(
        title="Introduce monthly case file audits by team managers",
        objective="Managers audit the quality of case work every month.",
        desired_outcome="Audit tool in use in every team.",
        owner="owner-qa",
        timescale="March 2012",
        milestones=("Audit tool agreed | November 2011",),
        progress={"year_end": ("A", "Audits running in every team and reported quarterly.")},
    ),
    "4.3": DemoAction(
        title="Re-launch the Children in Care Council",
        objective="Looked after children have a forum to influence services.",
        desired_outcome="Council meeting regularly with at least ten members.",
        owner="owner-lac",
        timescale="January 2012",
        milestones=("Launch event | January 2012",),
        progress={"year_end": ("S", "Council meets monthly with eight members. Carried forward.")},
    ),
    "5.3": DemoAction(
        title="Improve the timeliness of looked after children's health assessments",
        objective="Health assessments are completed on time.",
        desired_outcome="90% of health assessments within timescale.",
        owner="owner-lac",
        timescale="July 2012",
        milestones=("Tracking of health assessments | October 2011",),
        dependencies=("Community health provider",),
        progress={"year_end": ("S", "Timeliness up to 78%. Carried forward.")},
    ),
}
