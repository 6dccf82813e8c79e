"""`manage.py load_demo [--password PW]`: the source's 2012/13 plan, ready to explore."""

from django.core.management.base import BaseCommand, CommandParser

from headway.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo plan (Children's Social Care Performance Improvement Plan 2012/13) and "
        "its users. Safe to run again: an existing demo plan is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help=(
                "Set every demo user's password to this. Without it, new users get a random "
                "password (printed) and existing users keep theirs."
            ),
        )

    def handle(self, *args, password: str | None = None, **options) -> None:
        result = load_demo(password=password)
        verb = "Loaded" if result.created else "Already loaded (left unchanged)"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {result.plan.title} [{result.plan.slug}]"))
        self.stdout.write(", ".join(f"{count} {name}" for name, count in result.counts.items()))
        self.stdout.write(f"Users: {', '.join(result.usernames)}")
        if result.password:
            if result.password_set_for != result.usernames:
                self.stdout.write(f"New users: {', '.join(result.password_set_for)}")
            self.stdout.write(f"Password for these users: {result.password}")
        if not result.password_set_for:
            self.stdout.write("Passwords unchanged (use --password to set them).")
        elif result.password_set_for != result.usernames:
            self.stdout.write("Other passwords unchanged (use --password to set them all).")
