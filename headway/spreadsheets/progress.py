"""How an import tells whoever runs it how far it has got: a background job's page, or the
command line's progress bar. ``progress(done, total, stage=…)``; nothing listens by default."""

from typing import Protocol


class ProgressReport(Protocol):
    def __call__(self, done: int, total: int | None = None, *, stage: str = "") -> None: ...


def no_progress(done: int, total: int | None = None, *, stage: str = "") -> None:
    """Nobody is listening."""
