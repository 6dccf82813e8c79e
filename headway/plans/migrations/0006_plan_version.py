from django.db import migrations, models


class Migration(migrations.Migration):
    """A plan carries the version it was read at, so two people editing its details at once
    never lose a change silently."""

    dependencies = [
        ("plans", "0005_long_text_limit"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
