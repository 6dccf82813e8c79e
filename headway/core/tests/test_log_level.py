"""LOG_LEVEL accepts a level in any case, and an unknown level stops Headway with one line."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .production import ROOT, production_environment


def _manage_check(log_level: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as data_dir:
        env = production_environment(Path(data_dir))
        env["LOG_LEVEL"] = log_level
        return subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


@pytest.mark.parametrize("level", ["warning", "Warning", "WARNING", " error "])
def test_a_log_level_in_any_case_is_accepted(level):
    completed = _manage_check(level)

    assert completed.returncode == 0, completed.stderr
    assert "System check identified no issues" in completed.stdout
    assert "Traceback" not in completed.stderr


def test_an_unknown_log_level_is_refused_with_one_line_naming_the_levels():
    completed = _manage_check("loud")

    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().splitlines() == [
        "Headway is not configured correctly: LOG_LEVEL must be one of DEBUG, INFO, WARNING, "
        "ERROR, CRITICAL (in any case), not 'loud'"
    ]
