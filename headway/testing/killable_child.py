"""The child side of the killed-process harness (``headway.testing.killable``):
``python -m headway.testing.killable_child COMMAND`` sets Django up from the environment the
parent gave it, and either prepares data or runs a scenario, paused inside its transaction until
the parent kills it. The sleep is bounded and ends in ``os._exit``: a child that outlives its
parent never returns into the transaction, so never commits.
"""

import argparse
import csv
import io
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from headway.testing.killable import (
    DEMO_PASSWORD,
    DEMO_SLUG,
    EXIT_NOT_KILLED,
    IMPORT_SUFFIX,
    PAUSE_SECONDS,
)


@dataclass
class Scenario:
    """Real work, the function inside its transaction to pause after, and what to report."""

    run: Callable[[], object]
    owner: Any  # the module or class whose attribute ``name`` is paused after
    name: str
    facts: Callable[[], dict[str, Any]]  # counted inside the transaction, or after the commit


def _pause(marker: Path, seen: dict[str, Any]) -> NoReturn:
    """Say what this transaction holds, then wait to be killed; never return into it."""
    from django.db import connection

    seen["in_transaction"] = connection.in_atomic_block
    partial = marker.with_name(marker.name + ".partial")
    partial.write_text(json.dumps(seen))
    os.replace(partial, marker)  # the parent never reads a half-written marker
    time.sleep(PAUSE_SECONDS)
    os._exit(EXIT_NOT_KILLED)


def _pause_after_first_call(scenario: Scenario, marker: Path) -> None:
    original = getattr(scenario.owner, scenario.name)

    def wrapper(*args: Any, **kwargs: Any) -> NoReturn:
        original(*args, **kwargs)
        _pause(marker, scenario.facts())

    setattr(scenario.owner, scenario.name, wrapper)


def _admin() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="admin")


def _scenario_import() -> Scenario:
    """import_plan of a CSV export of the demo plan with every action's title and latest
    narrative changed; paused after all its writes (``_apply``), before the commit."""
    from django.conf import settings
    from django.core.management import call_command

    from headway.plans.models import Action, Plan, ProgressUpdate
    from headway.spreadsheets import plan_import
    from headway.spreadsheets.columns import COLUMNS_BY_KEY, round_narrative_header
    from headway.spreadsheets.plan_export import plan_export

    plan = Plan.objects.get(slug=DEMO_SLUG)
    latest = plan.rounds.order_by("-as_at").first()
    rows = list(csv.reader(io.StringIO(plan_export(plan=plan, format="csv").decode("utf-8-sig"))))
    title = rows[0].index(COLUMNS_BY_KEY["title"].header)
    narrative = rows[0].index(round_narrative_header(latest.as_at))
    for row in rows[1:]:
        row[title] += IMPORT_SUFFIX
        row[narrative] += " Revised by the import."
    path = Path(settings.DATA_DIR) / "plan.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    updates_before = ProgressUpdate.objects.filter(action__plan=plan).count()

    def facts() -> dict[str, Any]:
        return {
            "actions": Action.objects.filter(plan=plan).count(),
            "actions_retitled": Action.objects.filter(
                plan=plan, title__endswith=IMPORT_SUFFIX
            ).count(),
            "updates_before": updates_before,
            "updates": ProgressUpdate.objects.filter(action__plan=plan).count(),
        }

    return Scenario(
        run=lambda: call_command(
            "import_plan", str(path), "--plan", DEMO_SLUG, "--user", "admin", stdout=io.StringIO()
        ),
        owner=plan_import,
        name="_apply",
        facts=facts,
    )


def _scenario_publish() -> Scenario:
    """report_publish of the demo plan's draft; paused once the first file is stored and its
    row written, before the commit.

    The Word and PDF renderers are replaced by a stand-in that returns small fixed documents:
    rendering happens before the transaction and writes nothing, so it has no part in what a
    kill can leave, and the real one takes ten seconds.
    """
    import hashlib

    from django.core.files.storage import default_storage

    from headway.reports import renderers
    from headway.reports.choices import ReportState
    from headway.reports.models import CommitteeReport, PublishedFile
    from headway.reports.services import report_publish

    renderers.render = lambda context, fmt, **_: f"Stand-in {fmt} of a committee report\n".encode()
    report = CommitteeReport.objects.get(plan__slug=DEMO_SLUG, state=ReportState.DRAFT)

    def facts() -> dict[str, Any]:
        files = {}
        for stored in PublishedFile.objects.order_by("pk"):
            name = stored.file.name
            exists = default_storage.exists(name)
            matches = False
            if exists:
                with default_storage.open(name) as handle:
                    matches = hashlib.sha256(handle.read()).hexdigest() == stored.sha256
            files[name] = {"exists": exists, "matches": matches}
        return {
            "files": files,
            "state": CommitteeReport.objects.get(pk=report.pk).state,
        }

    return Scenario(
        run=lambda: report_publish(report=report, by=_admin(), expected_version=report.version),
        owner=PublishedFile,
        name="save",
        facts=facts,
    )


def _scenario_load_demo() -> Scenario:
    """load_demo into an empty database; paused after the plans, their actions and updates and
    the risks (``_create_risks``), before the inspections and the commit."""
    from django.core.management import call_command

    from headway.demo import loader
    from headway.plans.models import Action, Plan, ProgressUpdate
    from headway.risks.models import Risk

    def facts() -> dict[str, Any]:
        return {
            "plans": Plan.objects.count(),
            "actions": Action.objects.count(),
            "updates": ProgressUpdate.objects.count(),
            "risks": Risk.objects.count(),
        }

    return Scenario(
        run=lambda: call_command("load_demo", "--password", DEMO_PASSWORD, stdout=io.StringIO()),
        owner=loader,
        name="_create_risks",
        facts=facts,
    )


SCENARIOS = {
    "import": _scenario_import,
    "publish": _scenario_publish,
    "load_demo": _scenario_load_demo,
}


def _prepare_draft() -> None:
    """A draft committee report for the demo plan's latest round, ready to publish."""
    from headway.plans.models import Plan
    from headway.reports.services import report_create_draft

    plan = Plan.objects.get(slug=DEMO_SLUG)
    round = plan.rounds.order_by("-as_at").first()
    if not round.reports.filter(state="draft").exists():  # the demo makes one for March 2013
        report_create_draft(plan=plan, round=round, by=_admin())


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m headway.testing.killable_child")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("prepare-draft", help="draft a report for the demo plan's latest round")
    run = commands.add_parser("run", help="run a scenario, pausing inside its transaction")
    run.add_argument("scenario", choices=sorted(SCENARIOS))
    run.add_argument(
        "marker", type=Path, nargs="?", help="written when paused; without it, run to the end"
    )
    options = parser.parse_args(argv)

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    if options.command == "prepare-draft":
        _prepare_draft()
    else:
        scenario = SCENARIOS[options.scenario]()
        if options.marker is not None:
            _pause_after_first_call(scenario, options.marker)
        scenario.run()
        print(json.dumps(scenario.facts()))  # what a run to the end committed


if __name__ == "__main__":
    main(sys.argv[1:])
