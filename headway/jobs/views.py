"""The job page: progress while it runs, then its result. It reloads itself every few seconds
while the job is unfinished (no JavaScript needed), and can be reloaded or bookmarked."""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from .choices import JobState
from .models import Job
from .permissions import can_view_job

REFRESH_SECONDS = 2


@require_safe
@login_required
def job_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = get_object_or_404(Job, pk=pk)
    if not can_view_job(request.user, job):
        raise Http404("No job found")  # another person's job is not even said to exist
    # A check whose result is shown on another page (an upload's preview) goes straight there.
    if (
        job.state == JobState.SUCCEEDED
        and job.result.get("forward")
        and url_has_allowed_host_and_scheme(job.next_url, allowed_hosts=None)
    ):
        return redirect(job.next_url)
    stalled = job.is_stalled()
    percent = None
    if job.total:
        percent = min(100, round(100 * job.done / job.total))
    return render(
        request,
        "jobs/job.html",
        {
            "job": job,
            "stalled": stalled,
            "percent": percent,
            "refresh": None if job.is_finished or stalled else REFRESH_SECONDS,
            "stalled_minutes": settings.HEADWAY_JOB_STALLED_SECONDS // 60,
        },
    )


@require_safe
@login_required
def job_file(request: HttpRequest, pk: uuid.UUID) -> FileResponse:
    """What a finished job made (a large export), for its person to download."""
    job = get_object_or_404(Job, pk=pk)
    if not can_view_job(request.user, job) or not job.file:
        raise Http404("No file found")
    name = job.file.name.rsplit("/", 1)[-1]
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
