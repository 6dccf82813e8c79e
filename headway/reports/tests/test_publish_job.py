"""Publishing runs in the background: the lead's click queues a job, the worker renders each
file (the job counts them) and publishes; a stale click is refused at once, writing nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from headway.conftest import TASKS_IN_THE_DATABASE
from headway.jobs.choices import JobState
from headway.jobs.models import Job
from headway.reports.choices import ReportState
from headway.reports.models import CommitteeReport


@pytest.mark.django_db(transaction=True)
def test_the_worker_publishes_and_the_job_counts_each_file_rendered(draft, source, settings):
    settings.TASKS = TASKS_IN_THE_DATABASE
    client = Client()
    client.force_login(source.lead)
    url = reverse("reports:publish", kwargs={"pk": draft.pk})

    queued = client.post(url, {"version": draft.version, "publish_with_empty_fields": "on"})

    job = Job.objects.get()
    assert queued["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert CommitteeReport.objects.get(pk=draft.pk).state == ReportState.DRAFT
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    job.refresh_from_db()
    published = CommitteeReport.objects.get(pk=draft.pk)
    assert job.state == JobState.SUCCEEDED, job.message
    assert published.state == ReportState.PUBLISHED and published.files.count() == 4
    # Nothing is exempt, so the public Word and PDF serve both audiences: two renders.
    assert (job.done, job.total, job.unit, job.stage) == (2, 2, "files", "Storing the files")
    assert job.next_url == published.get_absolute_url()


def test_a_publish_click_over_a_newer_version_is_refused_at_once(client, draft, source):
    client.force_login(source.lead)
    response = client.post(
        reverse("reports:publish", kwargs={"pk": draft.pk}),
        {"version": draft.version - 1, "publish_with_empty_fields": "on"},
    )
    assert response.status_code == 200
    assert "Read the report again before publishing it." in response.content.decode()
    assert not Job.objects.exists()
    assert CommitteeReport.objects.get(pk=draft.pk).state == ReportState.DRAFT
