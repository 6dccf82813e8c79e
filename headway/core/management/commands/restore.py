"""`manage.py restore FILE [--replace]`: put a backup back, refusing to overwrite by accident."""

from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.core.backups import BackupError, backup_restore, database_fingerprint


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`, once its checksum (FILE.sha256) and "
        "contents are verified. Refuses a database that already holds records unless --replace "
        "is given; changes nothing when it refuses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite the records already in the database (all of them).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backup_restore(source=options["file"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        # The restored records go on from the backup's content stamp, so the stamps written from
        # now on may repeat ones that pages were cached under before the restore.
        cache.clear()
        tables = database_fingerprint()
        rows = sum(count for count, _ in tables.values())
        self.stdout.write(f"Restored {options['file']}: {len(tables)} tables, {rows:,} rows.")
