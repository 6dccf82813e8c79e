"""Outcome area 5, Improving outcomes for Looked After Children: 16 actions (2 / 12 / 2)."""

from .records import DemoAction, Revision

ACTIONS = (
    DemoAction(
        title="Reduce the number of looked after children with three or more placements a year",
        objective="Children in care are not moved from home to home.",
        desired_outcome="Below 10% of looked after children with three or more placements.",
        owner="owner-lac",
        timescale="August 2013",
        milestones=(
            "Placement stability meetings for every child at risk of disruption | October 2012",
            "Half-year review of short-term stability | February 2013",
        ),
        progress={
            "autumn": ("S", "Stability meetings introduced; measure at 12%."),
            "march": ("S", "Measure at 10.5%; 9 disruptions prevented through stability meetings."),
        },
    ),
    DemoAction(
        title="Improve long-term placement stability",
        objective="Children in care for over two and a half years stay in a settled home.",
        desired_outcome="At least 70% in the same placement for two years or placed for adoption.",
        owner="owner-lac",
        timescale="August 2013",
        milestones=("Review of children in long-term placements | January 2013",),
        progress={
            "autumn": ("S", "Review under way; measure at 66%."),
            "march": ("S", "Review complete; measure at 68% with matching of long-term carers."),
        },
    ),
    DemoAction(
        title="Recruit more of the council's own foster carers",
        objective="More children are placed locally with the council's own carers.",
        desired_outcome="Twenty new fostering households approved in the year.",
        owner="owner-fostering",
        timescale="August 2013",
        milestones=(
            "Recruitment campaign | October 2012",
            "Ten households approved | February 2013",
            "Twenty households approved | August 2013",
        ),
        progress={
            "autumn": ("S", "Campaign under way; 31 enquiries and four households in assessment."),
            "march": ("S", "Eleven households approved; nine more in assessment."),
        },
    ),
    DemoAction(
        title="Reduce the time children wait to be adopted",
        objective="Children whose plan is adoption are placed with their new family sooner.",
        desired_outcome="Average time from entering care to placement below 21 months.",
        owner="owner-fostering",
        timescale="August 2013",
        milestones=(
            "Adoption scorecard action plan | November 2012",
            "Concurrent planning placements available | April 2013",
        ),
        dependencies=("Family courts and Cafcass",),
        progress={
            "autumn": ("S", "Action plan agreed; tracking of every child with an adoption plan."),
            "march": ("S", "Average down to 22 months; two concurrent carers approved."),
        },
    ),
    DemoAction(
        title="Complete looked after children's health assessments on time",
        objective=(
            "Every looked after child, including those placed outside the borough, has their "
            "health needs assessed and met."
        ),
        desired_outcome="95% of health assessments and reviews completed within timescale.",
        owner="owner-lac",
        timescale="December 2012",
        milestones=(
            "Notification process agreed with the looked after children's nurses | October 2012",
            "95% of assessments on time | December 2012 | missed",
        ),
        revised=Revision(
            "June 2013",
            "The community health provider has not been able to fill the looked after "
            "children's nurse vacancy.",
        ),
        dependencies=("Community health provider",),
        carried_from="5.3",
        progress={
            "autumn": (
                "L",
                "Only 71% of assessments on time: the health provider has a nurse vacancy and "
                "requests to other areas for children placed away are slow.",
            ),
            "march": (
                "L",
                "Still 74%. The nurse post remains vacant; the issue is on the Corporate "
                "Parenting Board's agenda and with the health commissioners.",
            ),
        },
    ),
    DemoAction(
        title="Improve the educational attainment of looked after children",
        objective="Looked after children achieve as well as they can at school.",
        desired_outcome=(
            "Every child has a current Personal Education Plan; the gap with their peers narrows."
        ),
        owner="owner-lac",
        timescale="August 2013",
        milestones=(
            "Personal Education Plans reviewed for every child | December 2012",
            "Spring term attainment review with the Virtual School | April 2013",
        ),
        dependencies=("Virtual School",),
        progress={
            "autumn": ("S", "Plans being updated with the Virtual School."),
            "march": ("S", "97% of children have a current Personal Education Plan."),
        },
    ),
    DemoAction(
        title="Increase the number of care leavers in education, employment or training",
        objective="Care leavers move into work or learning.",
        desired_outcome=(
            "At least 65% of care leavers aged 19 in education, employment or training."
        ),
        owner="owner-lac",
        timescale="August 2013",
        milestones=(
            "Apprenticeships ring-fenced for care leavers with the council | January 2013",
        ),
        progress={
            "autumn": ("S", "Discussions with the council's apprenticeship scheme."),
            "march": ("S", "Five apprenticeships ring-fenced; measure at 61%."),
        },
    ),
    DemoAction(
        title="Make sure care leavers live in suitable accommodation",
        objective="No care leaver lives in unsuitable accommodation such as bed and breakfast.",
        desired_outcome="Care leavers in suitable accommodation at 95%; none in bed and breakfast.",
        owner="owner-lac",
        timescale="June 2013",
        milestones=(
            "Joint housing protocol for care leavers | February 2013",
            "Supported lodgings scheme extended | June 2013",
        ),
        dependencies=("Housing Division",),
        progress={
            "autumn": ("N", "Not started: the housing protocol begins in the new year."),
            "march": (
                "S",
                "Housing protocol agreed in February; supported lodgings scheme recruiting.",
            ),
        },
    ),
    DemoAction(
        title="Reduce offending by looked after children",
        objective="Looked after children are not criminalised for behaviour in placement.",
        desired_outcome="Fewer looked after children cautioned or convicted than last year.",
        owner="owner",
        timescale="Ongoing",
        milestones=("Protocol with children's homes and the police | December 2012",),
        dependencies=("Youth Offending Team", "Metropolitan Police"),
        progress={
            "autumn": ("S", "Protocol drafted with the Youth Offending Team."),
            "march": ("S", "Protocol agreed; offending rate down from 9% to 7%."),
        },
    ),
    DemoAction(
        title="Hold looked after children's reviews on time",
        objective="Every looked after child's plan is reviewed within statutory timescales.",
        desired_outcome="98% of reviews held within timescale.",
        owner="owner-lac",
        timescale="December 2012",
        milestones=("Reviews tracked weekly by the Independent Reviewing Officers | October 2012",),
        progress={
            "autumn": ("S", "Weekly tracking introduced; 95% on time."),
            "march": ("A", "99% of reviews on time since October."),
        },
    ),
    DemoAction(
        title="Agree a permanence plan for every child by their second review",
        objective="No child drifts in care without a plan for where they will grow up.",
        desired_outcome="Every child has a permanence plan at their second review.",
        owner="owner",
        timescale="January 2013",
        milestones=(
            "Permanence planning meetings introduced | October 2012",
            "Audit of permanence plans | January 2013",
        ),
        progress={
            "autumn": ("S", "Permanence planning meetings running for new entrants to care."),
            "march": ("A", "January audit: all children had a permanence plan by second review."),
        },
    ),
    DemoAction(
        title="Publish a placement sufficiency strategy",
        objective="The council knows what placements it will need and commissions them.",
        desired_outcome="Sufficiency strategy agreed and commissioning plans in place.",
        owner="owner-fostering",
        timescale="April 2013",
        milestones=(
            "Needs analysis of looked after children | January 2013",
            "Strategy agreed | April 2013",
        ),
        progress={
            "autumn": ("N", "Not started: needs analysis scheduled for the new year."),
            "march": ("S", "Needs analysis completed; strategy drafted for April."),
        },
    ),
    DemoAction(
        title="Support special guardians and their children",
        objective="Children leaving care to special guardianship keep stable homes.",
        desired_outcome="Support plan for every special guardianship order; support group running.",
        owner="owner-fostering",
        timescale="March 2013",
        milestones=("Special guardians' support group launched | January 2013",),
        progress={
            "autumn": ("S", "Support plans reviewed for every existing order."),
            "march": ("S", "Support group launched in January; training programme from April."),
        },
    ),
    DemoAction(
        title="Agree a protocol with the police for children missing from care",
        objective="Children who go missing from care are found and their reasons understood.",
        desired_outcome="Return interviews for every missing episode; joint protocol in use.",
        owner="owner-lac",
        timescale="February 2013",
        milestones=(
            "Joint protocol agreed with the police | December 2012",
            "Return interviews audited | February 2013",
        ),
        dependencies=("Metropolitan Police",),
        progress={
            "autumn": ("S", "Protocol drafted with the police missing persons unit."),
            "march": ("S", "Protocol agreed; return interviews in 86% of episodes."),
        },
    ),
    DemoAction(
        title="Improve the emotional wellbeing of looked after children",
        objective=(
            "Looked after children's emotional needs are assessed and met by mental health "
            "services."
        ),
        desired_outcome=(
            "Strengths and Difficulties Questionnaire completed for every child; priority "
            "access to CAMHS."
        ),
        owner="owner-lac",
        timescale="March 2013",
        milestones=(
            "Questionnaires completed for every child aged 4 to 16 | December 2012",
            "Priority access agreement with CAMHS | March 2013",
        ),
        revised=Revision(
            "September 2013",
            "CAMHS cannot agree priority access until its own service review ends.",
        ),
        dependencies=("Child and adolescent mental health services (CAMHS)",),
        progress={
            "autumn": ("S", "Questionnaires 80% complete; CAMHS meeting booked."),
            "march": (
                "L",
                "Questionnaires complete, but CAMHS has paused the priority access agreement "
                "until its service review ends in the summer; waiting times are 14 weeks.",
            ),
        },
    ),
    DemoAction(
        title="Prepare for care proceedings to finish within 26 weeks",
        objective=(
            "Children in care proceedings get decisions about their future without delay, "
            "as the Family Justice Review recommends."
        ),
        desired_outcome="Proceedings issued with complete evidence; average duration falling.",
        owner="owner",
        timescale="July 2013",
        milestones=(
            "Pre-proceedings process revised with Legal Services | January 2013",
            "Court work training for social workers | April 2013",
        ),
        dependencies=("Family courts and Cafcass",),
        progress={
            "autumn": ("N", "Not started: awaiting the local family justice board's plan."),
            "march": ("S", "Pre-proceedings process revised; training booked for April."),
        },
    ),
)
