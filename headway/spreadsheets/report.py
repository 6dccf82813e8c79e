"""What an import did, or would do on a dry run: created, changed, removed and refused."""

from dataclasses import dataclass, field

from .problems import Problem


@dataclass(frozen=True)
class Change:
    kind: str  # "create", "change" or "remove"
    what: str  # e.g. "Action 2.4"
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.details:
            return self.what
        return f"{self.what}: {'; '.join(self.details)}"


@dataclass
class ImportReport:
    plan_slug: str
    plan_title: str
    dry_run: bool
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    refused: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    rows_read: int = 0

    def add(self, kind: str, what: str, details: list[str] | tuple[str, ...] = ()) -> None:
        self.changes.append(Change(kind, what, tuple(details)))

    @property
    def created(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "create"]

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "change"]

    @property
    def removed(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "remove"]

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def as_preview(self, *, limit: int = 300) -> dict:
        """What the preview page shows, as JSON a background check can keep: the counts, and
        the first ``limit`` changes of each kind in words."""
        kinds = {"created": self.created, "changed": self.changed, "removed": self.removed}
        return {
            "rows_read": self.rows_read,
            "unchanged": self.unchanged,
            "ignored_columns": list(self.ignored_columns),
            "has_changes": self.has_changes,
            "counts": {name: len(items) for name, items in kinds.items()},
            **{name: [str(item) for item in items[:limit]] for name, items in kinds.items()},
        }

    def as_text(self) -> str:
        verb = "Would" if self.dry_run else "Did"
        lines = [
            f"{'Dry run: nothing written. ' if self.dry_run else ''}"
            f"{self.rows_read} action rows read for {self.plan_title} ({self.plan_slug}).",
            f"{verb} create {len(self.created)}, change {len(self.changed)}, remove "
            f"{len(self.removed)}; {self.unchanged} unchanged.",
        ]
        for heading, items in (
            ("Create", self.created),
            ("Change", self.changed),
            ("Remove", self.removed),
        ):
            lines.extend(f"  {heading}: {item}" for item in items)
        lines.extend(f"  Ignored column {column}" for column in self.ignored_columns)
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        return {
            "plan": self.plan_slug,
            "dry_run": self.dry_run,
            "created": [str(c) for c in self.created],
            "changed": [str(c) for c in self.changed],
            "removed": [str(c) for c in self.removed],
            "unchanged": self.unchanged,
            "refused": [p.as_json() for p in self.refused],
            "ignored_columns": self.ignored_columns,
        }
