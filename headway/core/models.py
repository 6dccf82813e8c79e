from django.core.exceptions import ValidationError
from django.db import models


class TimeStampedModel(models.Model):
    """Every Headway record says when it was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A record that two people may edit at once.

    The form carries the version it was read at; a save over a newer version is refused
    (see ``headway.core.concurrency``) rather than silently overwriting the other person's change.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class FrozenOnceOutOfDraft(models.Model):
    """A record whose content is frozen once it leaves draft: a submitted progress update, a
    published report. Its ``save()`` refuses a change to any of ``FROZEN_FIELDS`` once the stored
    ``state`` is no longer ``DRAFT_STATE``, and ``delete()`` refuses outright; other fields (the
    state itself, decisions) may still change, through the services that check transitions."""

    DRAFT_STATE = "draft"
    FROZEN_FIELDS: tuple[str, ...] = ()
    # What the refusals say, in the domain's words.
    FROZEN_CHANGE_MESSAGE = "This record can no longer be changed"
    FROZEN_DELETE_MESSAGE = "This record can no longer be deleted."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            self._refuse_changes_to_frozen_content()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
        if stored not in (None, self.DRAFT_STATE):
            raise ValidationError(self.FROZEN_DELETE_MESSAGE)
        return super().delete(*args, **kwargs)

    def _refuse_changes_to_frozen_content(self) -> None:
        stored = type(self).objects.filter(pk=self.pk).values("state", *self.FROZEN_FIELDS).first()
        if stored is None or stored["state"] == self.DRAFT_STATE:
            return
        changed = [name for name in self.FROZEN_FIELDS if stored[name] != getattr(self, name)]
        if changed:
            raise ValidationError(
                f"{self.FROZEN_CHANGE_MESSAGE} (attempted to change {', '.join(changed)})."
            )


class Change(models.Model):
    """One transaction that changed Headway's records: a row written with the change itself, so
    the content stamp (``headway.core.changes``) moves when, and only when, the change commits.
    Only the newest few hundred rows are kept."""

    id = models.BigAutoField(primary_key=True)

    class Meta:
        db_table = "core_change"

    def __str__(self) -> str:
        return f"Change {self.pk}"
