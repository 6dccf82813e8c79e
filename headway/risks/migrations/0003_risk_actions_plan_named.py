"""A risk links to one or more actions of its plan, and can be named in the committee report.

Every existing risk keeps its action as its one linked action and takes that action's plan; each
history row keeps the action it named, as the row's linked actions (simple-history's m2m
history), and the plan. Reversed, a risk goes back to its first linked action in plan order.
"""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


def forward(apps, schema_editor):
    Risk = apps.get_model("risks", "Risk")
    HistoricalRisk = apps.get_model("risks", "HistoricalRisk")
    HistoricalLinks = apps.get_model("risks", "HistoricalRisk_actions")
    Action = apps.get_model("plans", "Action")
    Links = Risk.actions.through
    plan_of = dict(Action.objects.values_list("pk", "plan_id"))
    links = []
    for risk_id, action_id in Risk.objects.values_list("pk", "action_id").iterator():
        Risk.objects.filter(pk=risk_id).update(plan_id=plan_of[action_id])
        links.append(Links(risk_id=risk_id, action_id=action_id))
    Links.objects.bulk_create(links, batch_size=1000)
    # A history row's link names the link row it copies (0 for a risk deleted since).
    link_ids = {(r, a): pk for pk, r, a in Links.objects.values_list("pk", "risk_id", "action_id")}
    history_links = []
    for history_id, risk_id, action_id in HistoricalRisk.objects.values_list(
        "history_id", "id", "action_id"
    ).iterator():
        if action_id is None:
            continue
        HistoricalRisk.objects.filter(history_id=history_id).update(plan_id=plan_of.get(action_id))
        history_links.append(
            HistoricalLinks(
                id=link_ids.get((risk_id, action_id), 0),
                history_id=history_id,
                risk_id=risk_id,
                action_id=action_id,
            )
        )
    HistoricalLinks.objects.bulk_create(history_links, batch_size=1000)


def backward(apps, schema_editor):
    Risk = apps.get_model("risks", "Risk")
    HistoricalRisk = apps.get_model("risks", "HistoricalRisk")
    HistoricalLinks = apps.get_model("risks", "HistoricalRisk_actions")
    for risk in Risk.objects.all():
        first = risk.actions.order_by("area__number", "position", "reference", "pk").first()
        if first is None:
            risk.delete()  # a risk with no action cannot be held by the one-action schema
            continue
        Risk.objects.filter(pk=risk.pk).update(action_id=first.pk)
    for link in HistoricalLinks.objects.order_by("-m2m_history_id"):
        HistoricalRisk.objects.filter(history_id=link.history_id).update(action_id=link.action_id)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0008_progress_update_no_risk_reason"),
        ("risks", "0002_long_text_limit"),
    ]

    operations = [
        migrations.AlterField(
            model_name="risk",
            name="action",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="risks",
                to="plans.action",
            ),
        ),
        migrations.AddField(
            model_name="historicalrisk",
            name="named_in_report",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Named and counted in the committee report's commentary (set by the plan lead)."
                ),
            ),
        ),
        migrations.AddField(
            model_name="historicalrisk",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.plan",
            ),
        ),
        migrations.AddField(
            model_name="risk",
            name="actions",
            field=models.ManyToManyField(
                help_text="The actions this cause holds back, all in the risk's plan.",
                related_name="linked_risks",
                to="plans.action",
            ),
        ),
        migrations.AddField(
            model_name="risk",
            name="named_in_report",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Named and counted in the committee report's commentary (set by the plan lead)."
                ),
            ),
        ),
        migrations.AddField(
            model_name="risk",
            name="plan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="risks",
                to="plans.plan",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalRisk_actions",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "action",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.action",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="risks.historicalrisk",
                    ),
                ),
                (
                    "risk",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="risks.risk",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalRisk_actions",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RiskLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("added_action", models.BooleanField(default=False)),
                (
                    "risk",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links",
                        to="risks.risk",
                    ),
                ),
                (
                    "update",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="risk_link",
                        to="plans.progressupdate",
                    ),
                ),
            ],
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="historicalrisk", name="action"),
        migrations.RemoveField(model_name="risk", name="action"),
        migrations.AlterField(
            model_name="risk",
            name="actions",
            field=models.ManyToManyField(
                help_text="The actions this cause holds back, all in the risk's plan.",
                related_name="risks",
                to="plans.action",
            ),
        ),
        migrations.AlterField(
            model_name="risk",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="risks",
                to="plans.plan",
            ),
        ),
        migrations.AlterModelOptions(name="risk", options={"ordering": ["plan", "pk"]}),
    ]
