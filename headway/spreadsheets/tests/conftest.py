import pytest


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Previewed uploads wait in media storage: keep the tests' out of the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
