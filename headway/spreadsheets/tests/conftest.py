import pytest


@pytest.fixture(autouse=True)
def _jobs_run_at_once(jobs_run_at_once):
    """A confirmed upload is applied by a background job: here it runs as it is queued."""
