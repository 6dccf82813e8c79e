"""`manage.py backup --output FILE`: a consistent copy of the whole database, safe while in use."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.core.backups import BackupError, backup_write, database_engine, manifest_path


class Command(BaseCommand):
    help = (
        "Back up the database to FILE: SQLite's online backup API, or pg_dump's custom format "
        "for PostgreSQL, with its SHA-256 in FILE.sha256. Restore with `manage.py restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="Where to write it.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            size = backup_write(output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up the {database_engine()} database to {options['output']} ({size:,} bytes); "
            f"its checksum is in {manifest_path(options['output'])}."
        )
