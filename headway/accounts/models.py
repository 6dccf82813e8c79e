from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in. Headway shows people by their role title where no name is given."""

    job_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="Role title shown beside updates, e.g. 'Head of Service, Safeguarding'.",
    )
    # When the person's details last changed. Signing in alone does not change it, nor the
    # content stamp that cached pages are keyed by (headway.core.changes).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.job_title or self.username

    @property
    def is_administrator(self) -> bool:
        """Administrators (the performance team) manage every plan."""
        return self.is_active and (self.is_superuser or self.is_staff)
