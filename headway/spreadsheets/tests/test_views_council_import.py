"""The import pages with a council's own workbook: what each column holds (one chosen by hand),
the as-at date from its title, an owner's name matched to a person, check your answers,
confirm; every problem at once with the workbook given back; a new plan from the home page."""

import datetime as dt
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.jobs.models import Job
from headway.plans.models import Action, Plan, ProgressUpdate, ReviewRound
from headway.spreadsheets.models import ColumnMapping
from headway.testing.factories import UserFactory

from .council import HEADINGS, council_rows, council_workbook
from .journey import column_choices, follow_to_preview


@pytest.fixture
def people(db):
    return {
        "lead": UserFactory(username="sg-lead", first_name="Safeguarding", last_name="Lead"),
        "quality": UserFactory(
            username="qm",
            first_name="Quality",
            last_name="Manager",
            email="quality.manager@example.org",
        ),
    }


def _upload(client, url, data, name="council.xlsx"):
    """Upload; the file is opened by a background job whose page forwards to the columns."""
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()
    reading = client.get(response["Location"])
    assert reading.status_code == 302 and "/columns/" in reading["Location"]
    return reading["Location"]


def _date(day: dt.date, name: str = "as_at") -> dict[str, int]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _follow_job(client, response):
    """A question answered starts the check: its job page, then where the job leads."""
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    job = Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.is_finished
    return client.get(job.next_url)


def test_a_council_workbook_from_upload_to_the_plan(client, plan, admin_user, people):
    rows = council_rows(**{"2.2": {"Lead officer": "Interim Service Manager"}})
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})

    columns_url = _upload(client, url, council_workbook(rows))

    # What each column holds: pre-filled from the headings, three values of each shown.
    page = client.get(columns_url)
    content = page.content.decode()
    assert "Column D: Lead officer" in content
    assert "For example: Safeguarding Lead; quality manager; quality.manager@example.org" in (
        content
    )
    choices = column_choices(page)
    assert choices["column_3"] == "owner" and choices["column_7"] == ""
    # The officer's Notes column read, by hand, as the actions' objectives.
    as_at_url = client.post(columns_url, {**choices, "column_7": "objective"})["Location"]

    # The as-at date comes from the title row; a date outside the plan is refused.
    page = client.get(as_at_url)
    assert page.context["form"]["as_at"].value() == dt.date(2013, 3, 31)
    assert "as at 31 March 2013" in page.content.decode()
    refused = client.post(as_at_url, _date(dt.date(2013, 9, 30)))
    assert refused.status_code == 200
    assert (
        "The progress date, 30/09/2013, is outside the plan's period, 01/09/2012 to "
        "31/08/2013" in html.unescape(refused.content.decode())
    )

    # The check runs in the background, then asks about the one name that matches no one.
    owners = _follow_job(client, client.post(as_at_url, _date(dt.date(2013, 3, 31))))
    assert owners.status_code == 302 and "/owners/" in owners["Location"]
    page = client.get(owners["Location"])
    assert "Interim Service Manager" in page.content.decode()
    unanswered = client.post(owners["Location"], {})
    assert "Choose who Interim Service Manager is, or what to do" in unanswered.content.decode()
    preview = _follow_job(
        client, client.post(owners["Location"], {"owner_0": str(people["quality"].pk)})
    )

    # Check your answers: the counts, then each change, and nothing written yet.
    content = preview.content.decode()
    assert "Interim Service Manager is Quality Manager" in content
    assert "Progress as at" in content and "31 March 2013" in content
    counts = preview.context["report"]["counts"]
    assert counts["create"] > 4 and counts["remove"] == 0
    assert "Confirm import" in content
    assert Action.objects.count() == 0

    confirmed = client.post(url, {"token": preview.context["token"]})
    job = Job.objects.get(pk=confirmed["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.next_url == reverse("plans:plan", kwargs={"slug": plan.slug})
    actions = {a.reference: a for a in Action.objects.filter(plan=plan)}
    assert actions["2.2"].owner == people["quality"]
    assert actions["1.1"].objective == "Board agreed"
    assert ReviewRound.objects.get(plan=plan).as_at == dt.date(2013, 3, 31)
    assert ProgressUpdate.objects.count() == 4

    # The columns are remembered for the plan's next import, the one chosen by hand too.
    assert ColumnMapping.objects.get(plan=plan).mapping["objective"] == "Notes"
    again = client.get(_upload(client, url, council_workbook(rows)))
    assert column_choices(again)["column_7"] == "objective"


def test_the_columns_page_refuses_a_field_chosen_twice_or_a_needed_one_left_out(
    client, plan, admin_user, people
):
    client.force_login(admin_user)
    columns_url = _upload(
        client, reverse("spreadsheets:import", args=[plan.slug]), council_workbook()
    )
    choices = column_choices(client.get(columns_url))

    twice = client.post(columns_url, {**choices, "column_7": "owner"})
    content = twice.content.decode()
    assert twice.status_code == 200
    assert "Columns D (Lead officer) and H (Notes) are both chosen as Owner" in content
    assert 'href="#id_column_7"' in content  # the summary links to the column's choice

    left_out = client.post(columns_url, {**choices, "column_4": ""})
    assert "No column is chosen for Timescale" in left_out.content.decode()
    assert ColumnMapping.objects.count() == 0


def test_five_problems_are_listed_at_once_with_the_workbook_given_back(
    client, plan, admin_user, people
):
    rows = council_rows(**{
        "1.1": {"By when": "31/02/2013"},
        "1.2": {"RAG": "Purple"},
        "2.1": {"What we will do": ""},
    })  # fmt: skip
    rows.append(["2.2", None, "Train foster carers", "qm", "Ongoing", "", "", ""])
    rows.append(["3.1", "3. Voice", "Survey children", "Nobody Known", "Mar-13", "", "", ""])
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", args=[plan.slug])
    first = client.post(url, {"file": SimpleUploadedFile("council.xlsx", council_workbook(rows))})
    # With other problems to correct, the unknown name is one of them (matched once it is fixed).
    problems_page = follow_to_preview(client, first, as_at=dt.date(2013, 3, 31))
    token = next(iter(client.session["headway_pending_uploads"]))
    content = html.unescape(problems_page.content.decode())
    assert "The file was refused: nothing has been changed" in content
    summary = re.findall(r'<a href="#problem-(\d+)">', content)
    assert summary == ["1", "2", "3", "4", "5"]
    for number in range(1, 6):
        assert f'id="problem-{number}"' in content
    for expected in ("28 days", "'Purple' is not a status", "needs a title",
                     "also used on row 7", "Nobody Known"):  # fmt: skip
        assert expected in content
    assert "Confirm import" not in content

    download = client.get(reverse("spreadsheets:import_problems", args=[token]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    sheet = book["Improvement plan"]
    problems = {row: sheet.cell(row=row, column=len(HEADINGS) + 1).value for row in range(3, 10)}
    assert problems[3] == "Problems"
    assert "28 days" in problems[4] and "Purple" in problems[5] and "title" in problems[6]
    assert "also used" in problems[8] and "Nobody Known" not in (problems[7] or "")
    assert book["Problems"].max_row == 6  # a heading and the five
    assert Action.objects.count() == 0 and ReviewRound.objects.count() == 0


def test_a_new_plan_from_the_home_page(client, admin_user, people):
    client.force_login(admin_user)
    url = reverse("spreadsheets:import_new")
    assert client.get(url).status_code == 200
    columns_url = _upload(client, url, council_workbook())
    plan_url = client.post(columns_url, column_choices(client.get(columns_url)))["Location"]

    page = client.get(plan_url)
    assert page.context["form"]["title"].value() == "Children's Services Improvement Plan"
    wrong = client.post(
        plan_url,
        {"title": "Children's Services Improvement Plan", **_date(dt.date(2013, 4, 1),
         "period_start"), **_date(dt.date(2012, 4, 1), "period_end")},
    )  # fmt: skip
    assert "The plan must end after it starts" in wrong.content.decode()
    as_at_url = client.post(
        plan_url,
        {"title": "Children's Services Improvement Plan", **_date(dt.date(2012, 4, 1),
         "period_start"), **_date(dt.date(2014, 3, 31), "period_end")},
    )["Location"]  # fmt: skip
    preview = _follow_job(client, client.post(as_at_url, _date(dt.date(2013, 3, 31))))
    assert "New plan" in preview.content.decode()
    assert not Plan.objects.exists()

    confirmed = client.post(url, {"token": preview.context["token"]})

    plan = Plan.objects.get()
    assert plan.slug == "childrens-services-improvement-plan"
    assert plan.actions.count() == 4
    job = Job.objects.get(pk=confirmed["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.next_url == reverse("plans:plan", kwargs={"slug": plan.slug})
    assert ColumnMapping.objects.get(plan=plan).mapping["owner"] == "Lead officer"


def test_confirming_before_the_check_has_passed_is_refused(client, plan, admin_user, people):
    client.force_login(admin_user)
    url = reverse("spreadsheets:import", args=[plan.slug])
    _upload(client, url, council_workbook())
    token = next(iter(client.session["headway_pending_uploads"]))

    response = client.post(url, {"token": token})

    assert response.status_code == 302
    assert response["Location"] == reverse("spreadsheets:import_preview", args=[token])
    assert Action.objects.count() == 0
    assert not Job.objects.filter(title__startswith="Import").exists()


def test_only_administrators_import(client, plan, lead):
    client.force_login(lead)
    assert client.get(reverse("spreadsheets:import_new")).status_code == 403
