"""Outcome area 3, Assuring quality: 9 actions (March 2013: all 9 achieved)."""

from .records import DemoAction

ACTIONS = (
    DemoAction(
        title="Publish and implement the division's quality assurance framework",
        objective=(
            "One framework sets out how the quality of practice is checked, by whom and how "
            "often, and how findings lead to change."
        ),
        desired_outcome="Framework published; quarterly quality report to the management team.",
        owner="owner-qa",
        timescale="December 2012",
        milestones=(
            "Framework agreed by the management team | October 2012",
            "First quarterly quality report | December 2012",
        ),
        progress={
            "autumn": ("S", "Framework agreed in October and briefed to managers."),
            "march": ("A", "Framework in place; second quarterly quality report in March."),
        },
    ),
    DemoAction(
        title="Hold monthly case file audits by team managers and report the themes",
        objective="Managers look at the quality of case work, not only its timeliness.",
        desired_outcome="Two audits per team manager each month; themes reported quarterly.",
        owner="owner-qa",
        timescale="Ongoing",
        milestones=(
            "Audit tool revised to include the child's voice | September 2012",
            "Quarterly themes report | January 2013",
        ),
        progress={
            "autumn": ("S", "Revised tool in use; 85% of expected audits completed."),
            "march": (
                "A",
                "All expected audits completed since December; the themes report led to "
                "changes in chronology recording.",
            ),
        },
    ),
    DemoAction(
        title="Carry out thematic audits of neglect and of repeat child protection plans",
        objective="Understand why some children drift in neglect or return to a plan.",
        desired_outcome="Audit findings reported with actions agreed by the management team.",
        owner="owner-qa",
        timescale="February 2013",
        milestones=(
            "Neglect audit | December 2012",
            "Repeat child protection plans audit | February 2013",
        ),
        progress={
            "autumn": ("N", "Not started: scheduled for December."),
            "march": (
                "A",
                "Both audits completed and reported; the neglect toolkit is being adopted as a "
                "result.",
            ),
        },
    ),
    DemoAction(
        title="Strengthen the Independent Reviewing Officers' quality assurance role",
        objective=(
            "Independent Reviewing Officers challenge drift in looked after children's plans."
        ),
        desired_outcome=(
            "Dispute resolution used and recorded; annual report of the service to members."
        ),
        owner="owner-lac",
        timescale="January 2013",
        milestones=(
            "Dispute resolution protocol revised | October 2012",
            "Annual report of the Independent Reviewing Officer service | January 2013",
        ),
        progress={
            "autumn": ("S", "Protocol revised; escalations now logged."),
            "march": ("A", "Annual report presented in January with 23 escalations resolved."),
        },
    ),
    DemoAction(
        title="Introduce quality alerts raised by child protection conference chairs",
        objective="Chairs flag poor or good practice they see at conference.",
        desired_outcome="Alerts logged, answered by the team manager and analysed quarterly.",
        owner="owner-cp",
        timescale="November 2012",
        milestones=("Quality alert process agreed | October 2012",),
        progress={
            "autumn": ("S", "Process agreed; first alerts raised in October."),
            "march": ("A", "41 alerts raised and answered; quarterly analysis in place."),
        },
    ),
    DemoAction(
        title="Learn from complaints and compliments",
        objective="What children and families tell us about the service changes practice.",
        desired_outcome="Quarterly learning report; complaints answered within timescale.",
        owner="owner-qa",
        timescale="Ongoing",
        milestones=("Quarterly learning report to the management team | December 2012",),
        progress={
            "autumn": ("A", "Quarterly learning report in place since September."),
            "march": ("A", "Continues as business as usual; 94% of complaints answered in time."),
        },
    ),
    DemoAction(
        title="Hold monthly performance clinics with team managers",
        objective="Performance problems are found and solved early, team by team.",
        desired_outcome="Every team attends a clinic each quarter with actions followed up.",
        owner="owner-qa",
        timescale="December 2012",
        milestones=("Clinic programme agreed | September 2012",),
        progress={
            "autumn": ("S", "Clinics started in September; two teams still to attend."),
            "march": ("A", "All teams attended; actions tracked to completion."),
        },
    ),
    DemoAction(
        title="Introduce observation of practice by managers",
        objective="Managers see social workers' direct work with families, not only records.",
        desired_outcome="Every social worker observed at least once a year with feedback.",
        owner="owner-psw",
        timescale="March 2013",
        milestones=(
            "Observation guidance agreed | December 2012",
            "First round of observations | March 2013",
        ),
        progress={
            "autumn": ("N", "Not started: guidance to be written by the Principal Social Worker."),
            "march": ("A", "Guidance agreed; first round of observations completed in March."),
        },
    ),
    DemoAction(
        title="Prepare for the unannounced inspection of looked after children's services",
        objective="The division knows its strengths and weaknesses before inspectors arrive.",
        desired_outcome="Self-assessment completed and peer review held.",
        owner="owner",
        timescale="February 2013",
        milestones=(
            "Self-assessment | December 2012",
            "Peer review with a neighbouring authority | February 2013",
        ),
        progress={
            "autumn": ("S", "Self-assessment under way."),
            "march": (
                "A",
                "Self-assessment complete; peer review held in February and its findings fed "
                "into area 5 of this plan.",
            ),
        },
    ),
)
