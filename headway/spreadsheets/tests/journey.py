"""The plan import's pages walked through by the test client, as an administrator would: upload,
accept the columns as suggested (or as given), answer the as-at date if asked, and arrive at the
preview, with background jobs run as they are queued."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from headway.jobs.models import Job


def column_choices(response) -> dict[str, str]:
    """The columns form's fields as the page pre-fills them."""
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def follow_to_preview(client, response, *, as_at: dt.date | None = None, columns=None):
    """From an upload's answer, through the question pages, to the preview page's response."""
    if response.status_code != 302:
        return response
    location = response["Location"]
    for _ in range(12):
        if "/columns/" in location:
            page = client.get(location)
            choices = {**column_choices(page), **(columns or {})}
            response = client.post(location, choices)
        elif "/as-at/" in location:
            day = as_at or dt.date(2013, 3, 12)
            response = client.post(
                location, {"as_at_0": day.day, "as_at_1": day.month, "as_at_2": day.year}
            )
        elif location.startswith("/jobs/"):
            job = Job.objects.get(pk=location.rstrip("/").rsplit("/", 1)[-1])
            assert job.is_finished, job.message
            if job.state == "failed":
                return client.get(location)  # the refusal, on the job's own page
            location = job.next_url
            continue
        else:
            response = client.get(location)
        if response.status_code != 302:
            return response
        location = response["Location"]
    raise AssertionError("The import's pages went round in circles")


def upload_and_preview(client, url: str, data: bytes, name: str = "plan.xlsx", **answers):
    """Upload ``data`` on the import page ``url`` and follow it to the preview (or to the page
    that refuses it)."""
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    return follow_to_preview(client, response, **answers)


def preview_url(token: str) -> str:
    return reverse("spreadsheets:import_preview", kwargs={"token": token})
