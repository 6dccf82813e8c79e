import pytest


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Previewed uploads wait in media storage: keep the tests' out of the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):
    """A confirmed upload is applied by a background job; here the job runs as it is queued.
    ``test_upload_jobs.py`` runs one through the real database worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
