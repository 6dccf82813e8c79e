"""At most one open review round per plan.

Before the constraint can hold, a plan with several open rounds keeps only its newest one open
(the one owners were already reporting in: ``selectors.round_current_open``); the older ones
are closed now. Nothing else changes: their updates stay as they were.
"""

from django.db import migrations, models
from django.utils import timezone


def close_all_but_the_newest_open_round(apps, schema_editor) -> None:
    ReviewRound = apps.get_model("plans", "ReviewRound")
    now = timezone.now()
    open_rounds = ReviewRound.objects.filter(closed_at__isnull=True).order_by(
        "plan_id", "-as_at", "-pk"
    )
    kept: set[int] = set()
    older: list[int] = []
    for pk, plan_id in open_rounds.values_list("pk", "plan_id"):
        if plan_id in kept:
            older.append(pk)
        else:
            kept.add(plan_id)
    if older:
        ReviewRound.objects.filter(pk__in=older).update(closed_at=now, updated_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_plan_version"),
    ]

    operations = [
        migrations.RunPython(close_all_but_the_newest_open_round, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reviewround",
            constraint=models.UniqueConstraint(
                condition=models.Q(("closed_at__isnull", True)),
                fields=("plan",),
                name="one_open_round_per_plan",
                violation_error_message=(
                    "This plan already has an open review round: close it before opening another."
                ),
            ),
        ),
    ]
