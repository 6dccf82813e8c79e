"""manage.py export_plan SLUG --format xlsx|csv|json --output FILE."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from headway.plans.models import Plan
from headway.spreadsheets.plan_export import FORMATS, plan_export


class Command(BaseCommand):
    help = (
        "Export a plan with its areas, actions, owners, milestones, each round's assessments "
        "and narratives, and the summary table."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument("--output", type=Path, required=True, help="The file to write.")

    def handle(self, *args, slug: str, format: str, output: Path, **options) -> None:
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(f"There is no plan {slug!r}.")
        data = plan_export(plan=plan, format=format)
        output.write_bytes(data)
        self.stdout.write(f"Wrote {output} ({len(data):,} bytes).")
