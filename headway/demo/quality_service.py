"""Outcome area 2, Building a quality service: 14 actions (March 2013: 6½ / 6½ / 1)."""

from .records import DemoAction, Revision

ACTIONS = (
    DemoAction(
        title="Complete initial assessments within 10 working days",
        objective="Children referred to social care have their needs assessed promptly.",
        desired_outcome="At least 80% of initial assessments completed within 10 working days.",
        owner="owner-referral",
        timescale="Ongoing",
        milestones=(
            "Daily allocation meeting in the Referral and Assessment teams | September 2012",
            "Timeliness reviewed at the performance clinic | January 2013",
        ),
        progress={
            "autumn": ("A", "84% of initial assessments within 10 working days since September."),
            "march": (
                "S",
                "Timeliness fell to 76% in January when referrals rose by a fifth after the "
                "holidays; recovered to 81% in February. Kept under monthly review.",
            ),
        },
    ),
    DemoAction(
        title="Complete core assessments within 35 working days",
        objective="Assessments that need more depth are completed without drift.",
        desired_outcome="At least 75% of core assessments completed within 35 working days.",
        owner="owner-referral",
        timescale="March 2013",
        milestones=(
            "Tracker of open core assessments in every team | October 2012",
            "Target of 75% reached | March 2013",
        ),
        progress={
            "autumn": ("S", "Tracker in use; timeliness has risen from 61% to 70%."),
            "march": ("A", "78% of core assessments completed within 35 working days this year."),
        },
    ),
    DemoAction(
        title=("Improve joint working with the police on child protection strategy meetings"),
        objective=(
            "Police officers take part in every strategy meeting where a child may be at risk "
            "of significant harm, so that decisions are shared and timely."
        ),
        desired_outcome=(
            "Police attend or join by telephone 95% of strategy meetings; joint visits agreed "
            "at the meeting."
        ),
        owner="owner-cp",
        timescale="December 2012",
        milestones=(
            "Draft joint protocol shared with the police child abuse investigation team | "
            "October 2012",
            "Protocol signed by both agencies | December 2012 | missed",
            "Quarterly audit of police attendance at strategy meetings | January 2013",
        ),
        revised=Revision(
            "June 2013",
            "Resourcing within the Metropolitan Police's child abuse investigation team has "
            "delayed the protocol; the Safeguarding Children Board is taking it up.",
        ),
        dependencies=("Metropolitan Police",),
        carried_from="2.6",
        progress={
            "autumn": (
                "S",
                "Draft protocol with the police child abuse investigation team; police joined "
                "88% of strategy meetings in September and October.",
            ),
            "march": (
                "L",
                "Police attendance fell to 61% in January because of vacancies in the child "
                "abuse investigation team, and the protocol is not signed. Referred to the "
                "Bromley Safeguarding Children Board.",
            ),
        },
    ),
    DemoAction(
        title="Make child protection plans specific, with outcomes and timescales",
        objective=(
            "Every child protection plan says what must change, who will do what and by when."
        ),
        desired_outcome=(
            "Audits find 90% of plans specific and outcome-focused; core groups review them."
        ),
        owner="owner-cp",
        timescale="February 2013",
        milestones=(
            "New child protection plan template in the ICS | November 2012",
            "Audit of plans and core group minutes | February 2013",
        ),
        progress={
            "autumn": ("S", "Template agreed with conference chairs; ICS change requested."),
            "march": (
                "A",
                "Template live since November. February audit: 92% of plans specific with "
                "clear outcomes; core group minutes record progress against them.",
            ),
        },
    ),
    DemoAction(
        title="Pilot a strengths-based model for child protection conferences",
        objective=(
            "Conferences focus on risks and on family strengths in language families understand."
        ),
        desired_outcome=("Families report understanding the plan; pilot evaluated for roll-out."),
        owner="owner-cp",
        timescale="July 2013",
        milestones=(
            "Conference chairs and social workers trained | January 2013",
            "Pilot evaluation | June 2013",
        ),
        progress={
            "autumn": ("N", "Not started: training is booked for January."),
            "march": (
                "S",
                "Chairs and two teams trained in January; 14 pilot conferences held. Family "
                "feedback so far is positive.",
            ),
        },
    ),
    DemoAction(
        title=(
            "Agree and embed step-down from child protection plans to child in need and early help"
        ),
        objective=(
            "When a child protection plan ends the family keeps the support it needs, so the "
            "child does not return to a plan."
        ),
        desired_outcome=(
            "A step-down protocol in use; fewer children subject to a second child protection plan."
        ),
        owner="owner-cp",
        timescale="March 2013",
        milestones=(
            "Step-down protocol agreed with partners | December 2012",
            "Audit of step-down cases | March 2013",
        ),
        progress={
            "autumn": ("S", "Protocol drafted with early intervention and health partners."),
            "march": (
                "AS",
                "Two parts: the protocol was agreed in December (achieved); embedding it is "
                "under way, with the March audit showing step-down plans in 70% of cases "
                "(significant progress).",
            ),
        },
    ),
    DemoAction(
        title="Ensure every social worker has regular, recorded, reflective supervision",
        objective="Supervision challenges practice and is the main control on case drift.",
        desired_outcome=(
            "Audits find monthly supervision recorded on the case file for 95% of social workers."
        ),
        owner="owner-psw",
        timescale="January 2013",
        milestones=(
            "Supervision policy revised | October 2012",
            "Training for all supervisors | December 2012",
            "Supervision audit | January 2013",
        ),
        progress={
            "autumn": ("S", "Policy revised; supervisor training under way."),
            "march": (
                "A",
                "All 32 supervisors trained. January audit: 96% of social workers had monthly "
                "supervision recorded, with reflective discussion in most records.",
            ),
        },
    ),
    DemoAction(
        title="Keep social workers' caseloads manageable",
        objective="Social workers have time to know their children and do direct work.",
        desired_outcome="Average caseload at or below 18 children in the care planning teams.",
        owner="owner",
        timescale="Ongoing",
        milestones=(
            "Caseload weighting tool agreed | November 2012",
            "Caseloads reported monthly to the management team | January 2013",
        ),
        progress={
            "autumn": ("S", "Weighting tool being tested; average caseload 21."),
            "march": ("S", "Average caseload 19 and falling as new permanent staff start."),
        },
    ),
    DemoAction(
        title="Support newly qualified social workers through the assessed first year",
        objective=(
            "New social workers are supported and assessed against the Professional "
            "Capabilities Framework."
        ),
        desired_outcome=(
            "Every newly qualified social worker has a protected caseload and a practice assessor."
        ),
        owner="owner-psw",
        timescale="December 2012",
        milestones=(
            "Assessed and supported year programme agreed | September 2012",
            "Practice assessors trained | November 2012",
        ),
        progress={
            "autumn": ("S", "Programme in place; assessors in training."),
            "march": ("A", "All nine newly qualified social workers on the programme."),
        },
    ),
    DemoAction(
        title="Review thresholds and short breaks for disabled children",
        objective=(
            "Disabled children get the right service at the right level, with safeguarding "
            "concerns recognised."
        ),
        desired_outcome=(
            "Published eligibility criteria; short breaks statement agreed with parents."
        ),
        owner="owner",
        timescale="April 2013",
        milestones=(
            "Consultation with parent carers' forum | December 2012",
            "Short breaks statement published | April 2013",
        ),
        dependencies=("Community health provider",),
        progress={
            "autumn": ("S", "Consultation with the parent carers' forum planned for December."),
            "march": (
                "S",
                "Consultation held; revised criteria agreed with health colleagues. Short "
                "breaks statement goes to the Portfolio Holder in April.",
            ),
        },
    ),
    DemoAction(
        title="Raise awareness of private fostering and increase notifications",
        objective="Children living in private fostering arrangements are known and safe.",
        desired_outcome="More notifications; every notified arrangement assessed in time.",
        owner="owner-fostering",
        timescale="January 2013",
        milestones=(
            "Awareness campaign with schools and GPs | October 2012",
            "Annual private fostering report | January 2013",
        ),
        progress={
            "autumn": ("S", "Campaign launched with schools; three new notifications."),
            "march": (
                "A",
                "Eleven notifications this year against four last year, all visited in time. "
                "Annual report presented in January.",
            ),
        },
    ),
    DemoAction(
        title="Work with the Youth Offending Team to reduce first-time entrants and re-offending",
        objective="Young people at risk of offending get help early.",
        desired_outcome="First-time entrants and re-offending below last year's levels.",
        owner="owner",
        lead_officer="HoS Safeguarding and Care Planning / Youth Offending Team Manager",
        timescale="Ongoing",
        milestones=(
            "Joint triage with the police in custody suites | November 2012",
            "Half-year review of first-time entrants | February 2013",
        ),
        dependencies=("Metropolitan Police", "Youth Justice Board"),
        progress={
            "autumn": ("S", "Triage scheme agreed with the police; starts in November."),
            "march": (
                "S",
                "Triage running; first-time entrants down 12% on last year at the half-year.",
            ),
        },
    ),
    DemoAction(
        title=(
            "Improve joint working with adult services where parents have mental health, "
            "substance misuse or domestic violence needs"
        ),
        objective="Risks from parents' own difficulties are assessed with adult services.",
        desired_outcome=(
            "Joint protocol in use; adult services attend conferences where a parent is "
            "their client."
        ),
        owner="owner-referral",
        timescale="May 2013",
        milestones=(
            "Joint protocol agreed with adult mental health and substance misuse services | "
            "January 2013",
            "Audit of joint working | May 2013",
        ),
        dependencies=("Adult mental health services", "Drug and alcohol service"),
        progress={
            "autumn": ("S", "Protocol drafted; domestic violence risk assessment in use."),
            "march": ("S", "Protocol agreed in February; audit booked for May."),
        },
    ),
    DemoAction(
        title="Review the out-of-hours emergency duty service",
        objective="Children at risk out of hours get the same quality of response as by day.",
        desired_outcome="Review completed and its recommendations in place.",
        owner="owner-referral",
        timescale="February 2013",
        milestones=(
            "Review of out-of-hours calls and outcomes | December 2012",
            "Recommendations implemented | February 2013",
        ),
        progress={
            "autumn": ("N", "Not started: review scheduled for December."),
            "march": (
                "A",
                "Review completed; handover to day teams now by 10am with a written record.",
            ),
        },
    ),
)
