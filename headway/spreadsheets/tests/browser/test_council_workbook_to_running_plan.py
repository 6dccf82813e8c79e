"""From home to a running plan, as a council's administrator would go, in a real browser: import
the council's own workbook as a new plan (title rows with an as-at date, merged area cells, a
"Lead officer" column of full names, RAG letters, a ½ split), say what one column holds by hand,
match one name Headway does not know, confirm, and see the plan's summary; then open the next
round, add a reader, and the reader sees the plan.

Each step's time is printed (``-s`` shows them); docs/performance.md records a run. The times
are the machine's, not a person's: they show that Headway is never what keeps someone waiting.
"""

import re
import time
from contextlib import contextmanager

import pytest
from django.core import mail

from headway.plans.models import Plan, PlanMembership
from headway.plans.tests.browser.conftest import axe_violations, describe, sign_out
from headway.spreadsheets.tests.council import council_rows, council_workbook
from headway.testing.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER_PASSWORD = "a-long-reader-password-31"


def _accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"


def _continue(page, name: str = "Continue") -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


@pytest.fixture
def people(db):
    UserFactory(username="sg-lead", first_name="Safeguarding", last_name="Lead")
    return UserFactory(
        username="qm",
        first_name="Quality",
        last_name="Manager",
        email="quality.manager@example.org",
    )


def test_a_council_workbook_becomes_a_running_plan_from_home(
    axe_page, admin_user, people, tmp_path, sign_in
):
    page = axe_page
    timings: list[tuple[str, float]] = []

    @contextmanager
    def step(name: str):
        started = time.perf_counter()
        yield
        timings.append((name, time.perf_counter() - started))

    rows = council_rows(**{"2.2": {"Lead officer": "Interim Service Manager"}})
    workbook = tmp_path / "council.xlsx"
    workbook.write_bytes(council_workbook(rows))
    sign_in(page, "admin")

    with step("home → upload the workbook → what each column holds"):
        page.goto("/")
        page.get_by_role("button", name="Import a plan from a spreadsheet").click()
        _accessible(page)
        page.set_input_files("#id_file", str(workbook))
        _continue(page, "Upload and continue")
        page.wait_for_selector("text=What each column holds")
        _accessible(page)
    with step("map the Notes column by hand"):
        assert page.input_value("#id_column_3") == "owner"  # "Lead officer", by its synonyms
        page.select_option("#id_column_7", "objective")
        _continue(page)
    with step("about the new plan: title from the file, period typed"):
        page.wait_for_selector("text=About the new plan")
        _accessible(page)
        assert page.input_value("#id_title").startswith("Children's Services Improvement Plan")
        for box, value in (("0", "1"), ("1", "4"), ("2", "2012")):
            page.fill(f"#id_period_start_{box}", value)
        for box, value in (("0", "30"), ("1", "9"), ("2", "2013")):
            page.fill(f"#id_period_end_{box}", value)
        _continue(page)
    with step("the as-at date, found in the title row"):
        page.wait_for_selector("text=What date is the progress in this file as at?")
        assert page.input_value("#id_as_at_0") == "31"
        _accessible(page)
        _continue(page)  # the check runs in the background; its page goes on by itself
    with step("match the one unknown owner, check, confirm"):
        page.wait_for_selector("text=Owners Headway does not know", timeout=60_000)
        _accessible(page)
        page.select_option("#id_owner_0", str(people.pk))
        _continue(page)
        page.wait_for_selector("text=Check the import before it is written")
        _accessible(page)
        _continue(page, "Confirm import")
        page.wait_for_selector(".govuk-notification-banner", timeout=60_000)
        page.get_by_role("link", name="Continue").click()
    plan = Plan.objects.get(title__startswith="Children's Services Improvement Plan")
    with step("the plan's summary"):
        page.wait_for_url(f"**{plan.get_absolute_url()}")
        _accessible(page)
        summary = page.locator("table").first.inner_text()
        assert "TOTAL" in summary and "½" in summary  # the ½ split counted as halves
    assert plan.actions.count() == 4
    assert plan.actions.get(reference="2.2").owner == people

    with step("open the next round (closing the imported one)"):
        page.goto(f"/plans/{plan.slug}/manage/")
        page.get_by_role("link", name="Review rounds").click()
        page.get_by_role("button", name="Open a round").click()
        page.get_by_label("Title of the round").fill("Update to committee, 30 September 2013")
        for prefix, (day, month, year) in (
            ("as_at", ("31", "12", "2013")),
            ("deadline", ("16", "12", "2013")),
        ):
            page.fill(f"#id_{prefix}_0", day)
            page.fill(f"#id_{prefix}_1", month)
            page.fill(f"#id_{prefix}_2", year)
        _continue(page)
    # 31 December 2013 is after the plan ends: refused with both dates, nothing opened.
    assert page.locator(".govuk-error-summary").is_visible()
    assert "30 September 2013" in page.content() or "30/09/2013" in page.content()
    _accessible(page)
    with step("… within the plan's period, closing the imported round"):
        for prefix, day in (("as_at", "30"), ("deadline", "16")):
            page.fill(f"#id_{prefix}_0", day)
            page.fill(f"#id_{prefix}_1", "9")
        _continue(page)
        page.wait_for_selector("text=is still open")  # the imported round, closed first
        _accessible(page)
        page.get_by_role("button", name=re.compile(r"^Close .* and open the new round$")).click()
        page.wait_for_load_state()
    assert plan.rounds.filter(closed_at__isnull=True).count() == 1

    with step("add a reader by e-mail"):
        page.goto(f"/plans/{plan.slug}/manage/")
        page.get_by_role("link", name="People and roles").click()
        page.get_by_role("button", name="Add a person").click()
        page.get_by_label("What is their name or e-mail address?").fill(
            "committee.member@example.gov.uk"
        )
        _continue(page)
        page.get_by_label("Full name").fill("Committee Member")
        _continue(page)
        page.get_by_label("Reader").check()
        _continue(page)
        _continue(page, "Send the invitation and add to the plan")
    member = PlanMembership.objects.get(plan=plan, role="reader").user

    with step("the reader sets a password, signs in and sees the plan"):
        (message,) = mail.outbox
        link = re.search(r"https?://\S+/accounts/password/set/\S+/", message.body).group(0)
        sign_out(page)
        page.goto(link)
        page.get_by_label("Choose a password").fill(READER_PASSWORD)
        page.get_by_label("Type the password again").fill(READER_PASSWORD)
        _continue(page, "Set password")
        page.get_by_role("button", name="Sign in").click()
        page.fill("#id_username", member.username)
        page.fill("#id_password", READER_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        page.goto(plan.get_absolute_url())
        assert plan.title in page.content()

    for name, seconds in timings:
        print(f"{seconds:6.2f} s  {name}")
    print(f"{sum(s for _, s in timings):6.2f} s  in all")
