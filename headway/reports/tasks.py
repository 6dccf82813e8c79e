"""Publishing a report in the background (``manage.py db_worker``): rendering its four files
takes seconds for a large plan, longer than a page should wait. Its job page shows each render."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_tasks import task

from headway.jobs.services import JobFailed, Outcome, Progress, job_run

from .models import CommitteeReport
from .services import StaleVersionError, report_publish


@task()
def publish(job_id: str, report_id: int, user_id: int, expected_version: int) -> None:
    """Publish the report ``report_id`` as it was at ``expected_version``, for the job."""

    def work(progress: Progress) -> Outcome:
        report = CommitteeReport.objects.select_related("plan", "round").get(pk=report_id)
        try:
            published = report_publish(
                report=report,
                by=get_user_model().objects.get(pk=user_id),
                expected_version=expected_version,
                progress=progress,
            )
        except StaleVersionError as exc:
            raise JobFailed(f"{exc} Read the report again before publishing it.") from exc
        except ValidationError as exc:
            raise JobFailed(" ".join(exc.messages)) from exc
        return Outcome(
            "Report published: its content and figures are frozen.",
            next_url=published.get_absolute_url(),
        )

    job_run(job_id=job_id, work=work, unit="files")
