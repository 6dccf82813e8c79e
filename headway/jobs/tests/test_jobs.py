"""A job runs its work, reports progress, and ends succeeded or failed in words; its page shows
each state to the person it runs for and to nobody else."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from headway.jobs.choices import FINISHED, JobKind, JobState
from headway.jobs.models import Job
from headway.jobs.services import JobFailed, Outcome, job_create, job_run
from headway.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(username="importer", job_title="Performance Officer")


@pytest.fixture
def job(person):
    return job_create(kind=JobKind.PLAN_IMPORT, title="Importing plan.xlsx", user=person)


def _page(user, job):
    client = Client()
    client.force_login(user)
    return client.get(reverse("jobs:detail", kwargs={"pk": job.pk}))


def test_a_job_reports_progress_while_it_runs_and_its_result_after(person, job):
    seen = []

    def work(progress):
        for done in range(0, 1001, 250):
            progress(done, 1000, stage="Checking rows")
            # What the page shows mid-way, read back from the database.
            seen.append(Job.objects.values_list("state", "done", "total").get(pk=job.pk))
        return Outcome("Imported 1,000 actions.", next_url="/plans/x/", result={"actions": 1000})

    finished = job_run(job_id=job.pk, work=work, unit="rows")

    assert seen[0] == (JobState.RUNNING, 0, 1000)
    assert seen[-1] == (JobState.RUNNING, 1000, 1000)  # the last step is always written
    assert finished.state == JobState.SUCCEEDED
    assert (finished.message, finished.next_url) == ("Imported 1,000 actions.", "/plans/x/")
    assert finished.result == {"actions": 1000}
    body = _page(person, finished).content.decode()
    assert "Imported 1,000 actions." in body and 'href="/plans/x/"' in body
    assert 'http-equiv="refresh"' not in body


def test_a_running_job_page_shows_progress_and_refreshes_itself(person, job):
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, done=2500, total=10000, unit="rows", stage="Checking rows"
    )
    body = _page(person, job).content.decode()
    assert "Checking rows: 2,500 of 10,000 rows (25%)." in body
    assert '<meta http-equiv="refresh" content="2">' in body


def test_a_refusal_is_recorded_in_its_words_with_its_problems(person, job):
    def work(progress):
        raise JobFailed(
            "The file has 2 problems.",
            result={"problems": [{"where": "Actions, row 4, Owner", "value": "<b>x</b>",
                                  "message": "No such person"}]},
        )  # fmt: skip

    finished = job_run(job_id=job.pk, work=work)

    assert finished.state == JobState.FAILED
    body = _page(person, finished).content.decode()
    assert "The file has 2 problems." in body
    assert "Actions, row 4, Owner" in body and "&lt;b&gt;x&lt;/b&gt;" in body
    assert "nothing was written" in body


def test_an_unexpected_error_fails_the_job_without_showing_the_traceback(person, job, caplog):
    def work(progress):
        raise RuntimeError("secret internals")

    finished = job_run(job_id=job.pk, work=work)

    assert finished.state == JobState.FAILED
    assert "stopped unexpectedly and nothing was written" in finished.message
    assert "secret internals" not in _page(person, finished).content.decode()
    assert "secret internals" in caplog.text  # for the performance team, in the log


def test_a_job_delivered_twice_runs_once(job):
    runs = []
    job_run(job_id=job.pk, work=lambda progress: runs.append(1) or Outcome("Done."))
    job_run(job_id=job.pk, work=lambda progress: runs.append(1) or Outcome("Done."))
    assert runs == [1]


def test_a_job_delivered_again_while_the_first_delivery_runs_does_not_run_twice(job):
    runs = []

    def work(progress):
        runs.append("first")
        # The same task delivered again while this one runs (the job is RUNNING, not finished).
        job_run(job_id=job.pk, work=lambda progress: runs.append("second") or Outcome("Again."))
        return Outcome("Done.")

    finished = job_run(job_id=job.pk, work=work)

    assert runs == ["first"]
    assert finished.state == JobState.SUCCEEDED and finished.message == "Done."


def test_a_silent_unfinished_job_is_shown_as_stopped(person, job, settings):
    settings.HEADWAY_JOB_STALLED_SECONDS = 600
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, updated_at=timezone.now() - dt.timedelta(minutes=11)
    )
    body = _page(person, job).content.decode()
    assert "This stopped without finishing" in body
    assert 'http-equiv="refresh"' not in body


def test_only_its_person_and_administrators_see_a_job(person, job):
    other = UserFactory(username="someone-else")
    admin = UserFactory(username="administrator", is_staff=True)
    assert _page(other, job).status_code == 404
    assert _page(admin, job).status_code == 200
    assert Client().get(reverse("jobs:detail", kwargs={"pk": job.pk})).status_code == 302


def test_prune_jobs_forgets_old_finished_jobs_and_keeps_the_rest(person):
    def made(state, days_ago):
        made = job_create(kind=JobKind.PLAN_EXPORT, title=f"{state} {days_ago}", user=person)
        finished = timezone.now() - dt.timedelta(days=days_ago) if state in FINISHED else None
        Job.objects.filter(pk=made.pk).update(state=state, finished_at=finished)
        return made.pk

    old_done = made(JobState.SUCCEEDED, 40)
    old_failed = made(JobState.FAILED, 31)
    recent = made(JobState.SUCCEEDED, 3)
    running = made(JobState.RUNNING, 0)
    out = StringIO()

    call_command("prune_jobs", "--dry-run", stdout=out)
    assert "Would delete 2 finished jobs older than 30 days." in out.getvalue()
    assert Job.objects.count() == 4

    call_command("prune_jobs", stdout=out)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent, running}
    assert not Job.objects.filter(pk__in=[old_done, old_failed]).exists()
