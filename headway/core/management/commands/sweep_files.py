"""`manage.py sweep_files [--dry-run] [--enqueue]`: delete stored files no row refers to."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from headway.core.file_sweep import MIN_AGE, media_orphans_delete, swept_folders
from headway.core.tasks import sweep_files


class Command(BaseCommand):
    help = (
        "Delete files under MEDIA_ROOT's upload folders (evidence, reports) that no row refers "
        "to and that are older than an hour: left behind by a refused save or a killed "
        "publication."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the sweep for the background worker (manage.py db_worker) instead.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = sweep_files.enqueue()
            self.stdout.write(f"Queued the sweep as task {result.id}.")
            return
        names = media_orphans_delete(dry_run=options["dry_run"])
        verb = "Would delete" if options["dry_run"] else "Deleted"
        for name in names:
            self.stdout.write(f"{verb} {name}")
        hours = MIN_AGE.total_seconds() / 3600
        self.stdout.write(
            f"{verb} {len(names)} file{'' if len(names) == 1 else 's'} no row refers to "
            f"(older than {hours:g} hour{'' if hours == 1 else 's'}, "
            f"in {', '.join(swept_folders()) or 'no folder'})."
        )
