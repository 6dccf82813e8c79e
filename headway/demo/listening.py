"""Outcome area 4, Listening to children, young people and their families: 7 actions (2 / 3 / 2)."""

from .records import DemoAction, Revision

ACTIONS = (
    DemoAction(
        title="Record children's wishes and feelings in every assessment and plan",
        objective="The child's own view is heard and shapes what happens to them.",
        desired_outcome="Audits find the child's view recorded and used in 90% of cases.",
        owner="owner-psw",
        timescale="Ongoing",
        milestones=(
            "Direct work toolkit issued to all teams | November 2012",
            "Audit of the child's voice in case files | April 2013",
        ),
        progress={
            "autumn": ("S", "Toolkit being compiled with practitioners."),
            "march": (
                "S",
                "Toolkit issued in November. Monthly audits show the child's view recorded in "
                "81% of cases, up from 64%.",
            ),
        },
    ),
    DemoAction(
        title="Offer advocacy to children subject to child protection conferences",
        objective="Children old enough to do so can give their views to conference.",
        desired_outcome="Every child aged 10 or over offered an advocate before conference.",
        owner="owner-cp",
        timescale="January 2013",
        milestones=(
            "Advocacy service commissioned | November 2012 | missed",
            "Offer made to every eligible child | January 2013 | missed",
        ),
        revised=Revision(
            "July 2013",
            "Commissioning of the advocacy service has been delayed by the re-tendering of "
            "the wider children's advocacy contract.",
        ),
        dependencies=("Commissioned advocacy provider",),
        progress={
            "autumn": ("S", "Specification agreed; tender to be issued in November."),
            "march": (
                "L",
                "The tender was withdrawn and combined with the wider advocacy contract, so no "
                "provider is in place. Interim offer through the looked after children's "
                "advocate for a few cases only.",
            ),
        },
    ),
    DemoAction(
        title="Support the Children in Care Council to influence services",
        objective="Looked after children shape the services they receive.",
        desired_outcome="Council meets monthly; members meet the Corporate Parenting Board.",
        owner="owner-lac",
        timescale="December 2012",
        milestones=(
            "Council's work plan agreed | October 2012",
            "Meeting with the Corporate Parenting Board | December 2012",
        ),
        carried_from="4.3",
        progress={
            "autumn": ("S", "Work plan agreed; membership up to 14 young people."),
            "march": (
                "A",
                "Council met the Corporate Parenting Board in December and the revised Pledge "
                "was agreed with them.",
            ),
        },
    ),
    DemoAction(
        title="Ask parents for feedback after child protection conferences",
        objective="Parents' experience of conference informs how conferences are run.",
        desired_outcome="Feedback sought after every initial conference and reported quarterly.",
        owner="owner-cp",
        timescale="December 2012",
        milestones=("Feedback questionnaire introduced | November 2012",),
        progress={
            "autumn": ("N", "Not started: questionnaire being designed."),
            "march": ("A", "Questionnaire in use since November; first quarterly report done."),
        },
    ),
    DemoAction(
        title="Hear the views of disabled children who do not communicate verbally",
        objective=("Disabled children's views are sought using the way each child communicates."),
        desired_outcome=(
            "Communication tools available to every team; audits find views recorded."
        ),
        owner="owner",
        timescale="May 2013",
        milestones=(
            "Communication tools and training for the disabled children's team | February 2013",
            "Audit of disabled children's files | May 2013",
        ),
        progress={
            "autumn": ("N", "Not started: following up the thematic inspection's feedback."),
            "march": ("S", "Tools bought and staff trained in February; audit planned for May."),
        },
    ),
    DemoAction(
        title="Publish a guide to complaints for children and young people",
        objective="Children know how to complain and get help to do so.",
        desired_outcome="Guide published with the Children in Care Council; complaints by "
        "children recorded.",
        owner="owner-qa",
        timescale="April 2013",
        milestones=(
            "Guide drafted with the Children in Care Council | January 2013",
            "Guide published | April 2013",
        ),
        progress={
            "autumn": ("S", "Drafting sessions with the Children in Care Council under way."),
            "march": ("S", "Draft agreed by the Council; printing and web version in April."),
        },
    ),
    DemoAction(
        title="Involve young people in recruiting social workers",
        objective="Young people help choose the staff who will work with them.",
        desired_outcome="A young people's panel for every social worker interview.",
        owner="owner-lac",
        timescale="December 2012",
        milestones=(
            "Young interviewers trained | October 2012 | missed",
            "Young people's panel at every interview | December 2012 | missed",
        ),
        revised=Revision(
            "June 2013",
            "Too few young interviewers completed training; a second course is planned.",
        ),
        progress={
            "autumn": (
                "L",
                "Only two young people completed the interviewer training; panels held for "
                "a third of interviews.",
            ),
            "march": (
                "L",
                "Still limited: panels at 40% of interviews. A second course with the Children "
                "in Care Council is booked for April.",
            ),
        },
    ),
)
