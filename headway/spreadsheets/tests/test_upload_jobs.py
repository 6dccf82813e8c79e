"""A confirmed upload is applied by a background job: the page says so at once, shows progress
while the worker runs it, then its result; a file refused when applied writes nothing and the
job page lists every problem."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse

from headway.conftest import TASKS_IN_THE_DATABASE
from headway.jobs.choices import JobState
from headway.jobs.models import Job
from headway.plans.models import Action, OutcomeArea

from .files import simple_plan_rows, xlsx
from .journey import column_choices, preview_url
from .test_views_import_page import _upload


def _preview_and_confirm(client, plan, data):
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    preview = _upload(client, url, data)
    return preview.context["report"], client.post(url, {"token": preview.context["token"]})


def _job(response) -> Job:
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])


# The worker closes its database connections after each task, as a long-running process must.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_applies_a_confirmed_import_and_the_job_page_follows_it(
    settings, plan, admin_user, owner
):
    settings.TASKS = TASKS_IN_THE_DATABASE
    client = Client()
    client.force_login(admin_user)

    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    response = client.post(
        url, {"file": SimpleUploadedFile("plan.xlsx", xlsx(simple_plan_rows(3)))}
    )
    # Opening the file is a background job: its page waits for the worker, then forwards.
    assert "Waiting to start" in client.get(response["Location"]).content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    columns_url = client.get(response["Location"])["Location"]
    columns = client.get(columns_url)
    checking = client.post(columns_url, column_choices(columns))
    # The dry run is a background job too.
    check = Job.objects.get(title__startswith="Checking")
    assert checking["Location"] == reverse("jobs:detail", kwargs={"pk": check.pk})
    assert "Waiting to start" in client.get(checking["Location"]).content.decode()
    token = next(iter(client.session["headway_pending_uploads"]))
    assert client.get(preview_url(token))["Location"] == checking["Location"]  # not yet
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    check.refresh_from_db()
    assert check.state == JobState.SUCCEEDED
    # Done, the job's page goes straight on to the preview.
    assert client.get(checking["Location"])["Location"] == preview_url(token)
    preview = client.get(check.next_url)
    assert b"Confirm import" in preview.content
    previewed = preview.context["report"]["counts"]
    confirmed = client.post(url, {"token": preview.context["token"]})

    job = Job.objects.get(title__startswith="Import")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    waiting = client.get(confirmed["Location"]).content.decode()
    assert "Waiting to start" in waiting and 'http-equiv="refresh"' in waiting
    assert not Action.objects.filter(plan=plan).exists()  # nothing until the worker runs it

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert (job.done, job.total, job.unit) == (3, 3, "rows")
    created = previewed["create"]  # what the preview said it would create, it created
    assert job.result == {"created": created, "changed": 0, "removed": 0}
    assert Action.objects.filter(plan=plan).count() == 3
    done = client.get(confirmed["Location"]).content.decode()
    assert f"plan.xlsx: created {created}, changed 0, removed 0." in done
    assert 'http-equiv="refresh"' not in done


def test_a_file_refused_when_applied_writes_nothing_and_lists_every_problem(
    client, plan, admin_user, owner, monkeypatch
):
    from headway.spreadsheets import tasks
    from headway.spreadsheets.problems import Problem, SpreadsheetRefused

    client.force_login(admin_user)
    url = reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    token = _upload(client, url, xlsx(simple_plan_rows(2))).context["token"]

    # Between preview and confirmation someone changed the plan so that the file no longer fits.
    def refused(**kwargs):
        raise SpreadsheetRefused(
            [
                Problem("No such person", sheet="Actions", row=3, column="Owner", value="<x>"),
                Problem("Area missing", sheet="Actions", row=4, column="Area"),
            ]
        )

    monkeypatch.setattr(tasks, "plan_import", refused)
    confirmed = client.post(url, {"token": token})

    job = Job.objects.filter(title__startswith="Import").get()
    assert job.state == JobState.FAILED
    body = client.get(confirmed["Location"]).content.decode()
    assert "plan.xlsx was refused: 2 problems." in body
    assert "Sheet &#x27;Actions&#x27;, row 3, column Owner" in body and "&lt;x&gt;" in body
    assert f'href="{url}">Upload a corrected file</a>' in body
    assert not OutcomeArea.objects.filter(plan=plan).exists()
    assert not Action.objects.filter(plan=plan).exists()


def test_someone_else_cannot_follow_an_import_job(client, plan, admin_user, owner, reader):
    client.force_login(admin_user)
    _previewed, confirmed = _preview_and_confirm(client, plan, xlsx(simple_plan_rows(1)))
    other = Client()
    other.force_login(reader)
    assert other.get(confirmed["Location"]).status_code == 404
