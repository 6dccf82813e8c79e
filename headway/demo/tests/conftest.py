import pytest


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Loading the demo and rendering its reports write files: keep them out of the data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
