"""A large plan's export is written by the background worker; the job page offers the file, the
same bytes a small plan's download gives at once, to its person only."""

from django.test import Client
from django.urls import reverse

from headway.jobs.choices import JobKind, JobState
from headway.jobs.models import Job
from headway.spreadsheets.plan_export import plan_export
from headway.testing.factories import ActionFactory, OutcomeAreaFactory


def _csv_url(plan):
    return reverse("spreadsheets:export", kwargs={"slug": plan.slug, "format": "csv"})


def test_a_large_plans_export_is_a_job_whose_page_offers_the_file(settings, plan, reader):
    settings.HEADWAY_EXPORT_IN_BACKGROUND_ACTIONS = 2
    area = OutcomeAreaFactory(plan=plan)
    for number in range(3):
        ActionFactory(area=area, reference=f"1.{number + 1}")
    client = Client()
    client.force_login(reader)

    response = client.get(
        reverse("spreadsheets:export", kwargs={"slug": plan.slug, "format": "csv"})
    )

    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert (job.kind, job.state, job.user) == (JobKind.PLAN_EXPORT, JobState.SUCCEEDED, reader)
    page = client.get(response["Location"]).content.decode()
    assert "Download the file" in page
    download = client.get(reverse("jobs:file", kwargs={"pk": job.pk}))
    assert download["Content-Disposition"] == f'attachment; filename="{plan.slug}.csv"'
    assert b"".join(download.streaming_content) == plan_export(plan=plan, format="csv")
    stranger = Client()
    stranger.force_login(ActionFactory().owner)
    assert stranger.get(reverse("jobs:file", kwargs={"pk": job.pk})).status_code == 404


def test_a_small_plan_downloads_at_once(settings, plan, reader):
    settings.HEADWAY_EXPORT_IN_BACKGROUND_ACTIONS = 2
    ActionFactory(area=OutcomeAreaFactory(plan=plan))
    client = Client()
    client.force_login(reader)
    response = client.get(
        reverse("spreadsheets:export", kwargs={"slug": plan.slug, "format": "csv"})
    )
    assert response.status_code == 200
    assert response.content == plan_export(plan=plan, format="csv")
    assert not Job.objects.exists()
