"""The demo's people: role titles only, addresses at example.org, never anyone's name."""

from dataclasses import dataclass

from headway.plans.choices import PlanRole


@dataclass(frozen=True)
class DemoUser:
    username: str
    job_title: str
    role: PlanRole | None  # None: an administrator, who sees every plan without a role
    lead_officer: str = ""  # how the plan words this post in an action's "lead officer"

    @property
    def email(self) -> str:
        return f"{self.username}@example.org"


USERS = (
    DemoUser("admin", "Performance and Quality Assurance Manager", None),
    DemoUser("lead", "Assistant Director, Safeguarding and Social Care", PlanRole.LEAD, "AD"),
    DemoUser(
        "owner",
        "Head of Service, Safeguarding and Care Planning",
        PlanRole.OWNER,
        "HoS Safeguarding and Care Planning",
    ),
    DemoUser("owner-cp", "Head of Service, Child Protection", PlanRole.OWNER, "HoS CP"),
    DemoUser(
        "owner-referral",
        "Head of Service, Referral and Assessment",
        PlanRole.OWNER,
        "HoS Referral and Assessment",
    ),
    DemoUser(
        "owner-lac",
        "Head of Service, Looked After Children and Care Leavers",
        PlanRole.OWNER,
        "HoS LAC",
    ),
    DemoUser(
        "owner-fostering",
        "Head of Service, Fostering, Adoption and Resources",
        PlanRole.OWNER,
        "HoS Fostering and Adoption",
    ),
    DemoUser("owner-qa", "Quality Assurance Manager", PlanRole.OWNER, "QA Manager"),
    DemoUser("owner-psw", "Principal Social Worker", PlanRole.OWNER, "Principal Social Worker"),
    DemoUser(
        "reader",
        "Member, Care Services Policy Development and Scrutiny Committee",
        PlanRole.READER,
    ),
)

USERS_BY_NAME = {user.username: user for user in USERS}
ADMIN, LEAD = "admin", "lead"
