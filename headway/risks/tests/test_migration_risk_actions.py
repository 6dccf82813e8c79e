"""The migration from one action per risk to risks that link actions loses nothing: every risk
keeps its action as its one linked action and takes the action's plan, and every history row
keeps the action it named (as that row's linked actions) and the plan. Reversed, each risk goes
back to its action."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("plans", "0007_one_open_round_per_plan"), ("risks", "0002_long_text_limit")]
AFTER = [("risks", "0003_risk_actions_plan_named")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_risk_keeps_its_action_and_its_history_and_takes_the_plan():
    apps = _migrate(BEFORE)
    try:
        Plan = apps.get_model("plans", "Plan")
        Area = apps.get_model("plans", "OutcomeArea")
        Action = apps.get_model("plans", "Action")
        Risk = apps.get_model("risks", "Risk")
        HistoricalRisk = apps.get_model("risks", "HistoricalRisk")

        def plan(slug):
            plan = Plan.objects.create(
                title=slug,
                slug=slug,
                period_start=dt.date(2012, 9, 1),
                period_end=dt.date(2013, 8, 31),
            )
            area = Area.objects.create(plan=plan, number=1, title="Area")
            return plan, area

        first_plan, first_area = plan("first")
        second_plan, second_area = plan("second")
        police = Action.objects.create(
            plan=first_plan, area=first_area, reference="2.3", title="Police"
        )
        files = Action.objects.create(
            plan=second_plan, area=second_area, reference="1.8", title="Files"
        )
        risks = {}
        for action, title in ((police, "Police resourcing"), (files, "Supplier delay")):
            risk = Risk.objects.create(
                action=action,
                title=title,
                cause="Cause",
                impact="Impact",
                mitigation="Mitigation",
                escalated_to="Bromley Safeguarding Children Board" if action == police else "",
            )
            risks[title] = risk.pk
            for kind in ("+", "~"):
                HistoricalRisk.objects.create(
                    id=risk.pk,
                    action_id=action.pk,
                    title=title,
                    cause="Cause",
                    impact="Impact",
                    mitigation="Mitigation",
                    status="open",
                    created_at=timezone.now(),
                    updated_at=timezone.now(),
                    history_date=timezone.now(),
                    history_type=kind,
                )

        apps = _migrate(AFTER)
        Risk = apps.get_model("risks", "Risk")
        HistoricalRisk = apps.get_model("risks", "HistoricalRisk")
        HistoricalLinks = apps.get_model("risks", "HistoricalRisk_actions")
        police_risk = Risk.objects.get(pk=risks["Police resourcing"])
        files_risk = Risk.objects.get(pk=risks["Supplier delay"])
        assert list(police_risk.actions.values_list("pk", flat=True)) == [police.pk]
        assert list(files_risk.actions.values_list("pk", flat=True)) == [files.pk]
        assert (police_risk.plan_id, files_risk.plan_id) == (first_plan.pk, second_plan.pk)
        assert police_risk.escalated_to == "Bromley Safeguarding Children Board"
        assert not police_risk.named_in_report
        for pk, action, plan_id in (
            (police_risk.pk, police, first_plan.pk),
            (files_risk.pk, files, second_plan.pk),
        ):
            rows = HistoricalRisk.objects.filter(id=pk)
            assert rows.count() == 2
            assert set(rows.values_list("plan_id", flat=True)) == {plan_id}
            for row in rows:
                linked = HistoricalLinks.objects.filter(history_id=row.history_id)
                assert list(linked.values_list("action_id", flat=True)) == [action.pk]

        # Reversed, each risk (and each history row) names its action again.
        apps = _migrate(BEFORE)
        Risk = apps.get_model("risks", "Risk")
        HistoricalRisk = apps.get_model("risks", "HistoricalRisk")
        assert dict(Risk.objects.values_list("pk", "action_id")) == {
            police_risk.pk: police.pk,
            files_risk.pk: files.pk,
        }
        assert set(HistoricalRisk.objects.values_list("id", "action_id")) == {
            (police_risk.pk, police.pk),
            (files_risk.pk, files.pk),
        }
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
