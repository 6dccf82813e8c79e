"""Optimistic locking: a save over a newer version is refused, never silently applied."""

from typing import Any

from django.db import models, transaction


class StaleVersionError(Exception):
    """Someone else saved this record after the form was read.

    ``current`` is the record as it now stands, so the page can show both versions.
    """

    def __init__(self, current: models.Model, expected_version: int) -> None:
        self.current = current
        self.expected_version = expected_version
        super().__init__(
            f"{current._meta.verbose_name.capitalize()} was changed by someone else "
            f"(version {current.version}, your copy was version {expected_version})."
        )


def save_versioned(
    instance: models.Model, *, expected_version: int, changes: dict[str, Any]
) -> models.Model:
    """Apply ``changes`` to ``instance`` if nobody has saved it since ``expected_version``.

    The row is locked for the check (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises
    writers with immediate transactions), then saved through ``save()`` so history is recorded.
    """
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleVersionError(current, expected_version)
        for name, value in changes.items():
            setattr(current, name, value)
        current.full_clean()
        # Who made the change, for the recorded history (set by services outside a request).
        if hasattr(instance, "_history_user"):
            current._history_user = instance._history_user
        current.version = expected_version + 1
        current.save()
    return current
