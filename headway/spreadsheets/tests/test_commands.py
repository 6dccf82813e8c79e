"""import_plan and export_plan: the same services from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from headway.plans.models import Action, Plan
from headway.testing.factories import ActionFactory, ReviewRoundFactory

from .files import HEADER, action_row, simple_plan_rows, xlsx


def _call(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_dry_run_then_real(tmp_path, plan, admin_user, owner):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx(simple_plan_rows(2)))

    dry = _call("import_plan", str(path), "--plan", plan.slug, "--dry-run", "--user", "admin")
    assert "Dry run: nothing written" in dry
    assert "Create: Action 1.2" in dry
    assert Action.objects.count() == 0

    _call("import_plan", str(path), "--plan", plan.slug, "--user", "admin")
    assert Action.objects.filter(plan=plan).count() == 2
    assert Action.objects.get(reference="1.1").history.latest().history_user == admin_user


def test_import_says_each_step_on_standard_error_and_keeps_the_report_on_standard_output(
    tmp_path, plan, admin_user, owner
):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx(simple_plan_rows(3)))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", str(path), "--plan", plan.slug, "--user", "admin",
                 stdout=out, stderr=err)  # fmt: skip
    assert err.getvalue().splitlines() == [
        "Reading the file…",
        "Checking the rows (3 rows)…",
        "Writing the changes (3 rows)…",
    ]
    assert "Checking" not in out.getvalue()
    quiet = io.StringIO()
    call_command("import_plan", str(path), "--plan", plan.slug, "--user", "admin",
                 "--verbosity", "0", stdout=io.StringIO(), stderr=quiet)  # fmt: skip
    assert quiet.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_import_shows_a_progress_bar(tmp_path, plan, admin_user, owner):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx(simple_plan_rows(3)))
    terminal = _Terminal()
    call_command("import_plan", str(path), "--plan", plan.slug, "--user", "admin",
                 stdout=io.StringIO(), stderr=terminal)  # fmt: skip
    shown = terminal.getvalue()
    assert "Writing the changes" in shown and "3/3" in shown  # the last step, rows counted
    assert "\x1b[" in shown  # drawn with the terminal's control codes, not as plain lines
    assert Action.objects.filter(plan=plan).count() == 3


def test_import_refusal_is_an_error_listing_the_problems(tmp_path, plan, admin_user, owner):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx([HEADER, action_row(Timescale="Soon")]))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import_plan", str(path), "--plan", plan.slug, "--user", "admin", stderr=errors
        )
    assert "'Soon' is not a timescale" in errors.getvalue()
    assert Action.objects.count() == 0


def test_import_needs_an_administrator(tmp_path, plan, lead, owner):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx(simple_plan_rows(1)))
    with pytest.raises(CommandError, match="administrator"):
        _call("import_plan", str(path), "--plan", plan.slug, "--user", "lead")
    assert Action.objects.count() == 0


def test_export_writes_each_format_and_round_trips_through_import(
    tmp_path, plan, admin_user, owner
):
    ActionFactory(area__plan=plan, owner=owner)
    ReviewRoundFactory(plan=plan)
    for format in ("xlsx", "csv", "json"):
        target = tmp_path / f"out.{format}"
        _call("export_plan", plan.slug, "--format", format, "--output", str(target))
        assert target.stat().st_size > 0
    assert json.loads((tmp_path / "out.json").read_text())["plan"]["slug"] == plan.slug

    _call("import_plan", str(tmp_path / "out.xlsx"), "--plan", "copy", "--user", "admin")
    assert Plan.objects.get(slug="copy").actions.count() == 1


def test_export_of_an_unknown_plan_is_an_error(tmp_path, db):
    with pytest.raises(CommandError, match="no plan"):
        _call("export_plan", "nope", "--output", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()
