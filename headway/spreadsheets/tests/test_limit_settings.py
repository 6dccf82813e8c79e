"""The upload limits come from the environment, parsed strictly: a typo stops the start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _load_settings(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.HEADWAY_IMPORT_MAX_ROWS)"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HEADWAY_IMPORT_MAX_ROWS": "20k"}, "HEADWAY_IMPORT_MAX_ROWS must be a whole number"),
        ({"HEADWAY_IMPORT_MAX_ROWS": "0"}, "HEADWAY_IMPORT_MAX_ROWS at least 1"),
        ({"HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES": "200MB"}, "must be a whole number"),
        ({"HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES": "1000"}, "at least 1048576"),
    ],
)
def test_a_bad_limit_stops_the_start_naming_the_variable(env, message):
    result = _load_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_row_limit_is_read_from_the_environment():
    result = _load_settings(HEADWAY_IMPORT_MAX_ROWS="50000")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "50000"
