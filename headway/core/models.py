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
