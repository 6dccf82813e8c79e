"""`manage.py prune_jobs [--min-age-days N] [--dry-run]`: forget finished jobs."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from headway.jobs.services import jobs_prune


class Command(BaseCommand):
    help = (
        "Delete finished jobs (imports, checks, publications, exports) older than N days, with "
        "their pages; files they made go with the next sweep_files. Queued and running jobs are "
        "kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--min-age-days", type=int, default=30)
        parser.add_argument("--dry-run", action="store_true", help="Count them; delete nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["min_age_days"]
        if days < 1:
            self.stderr.write("--min-age-days must be 1 or more.")
            raise SystemExit(2)
        count = jobs_prune(min_age_days=days, dry_run=options["dry_run"])
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(
            f"{verb} {count} finished job{'' if count == 1 else 's'} older than {days} days."
        )
