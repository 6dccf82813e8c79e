"""The migration that gives reports their body keeps every word: officer-written sections become
officer paragraphs (one per paragraph, so the numbers stay), drafted sections their drafted
blocks (and what an officer added to one, officer paragraphs after it), exempt sections exempt
blocks, and stored defaults' sections a body of their own. Reversed, the sections come back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("reports", "0004_report_defaults")
AFTER = ("reports", "0005_report_body")

WORDS = {
    "reason_for_report": "Why we report.\n\nAnd a second reason.",
    "recommendations": "Members are asked to note the plan.",
    "commentary_background": "Background one.\n\nBackground two.",
    "commentary_inspections": "Ofsted inspected:\n- the Fostering Service\n\nMy own paragraph.",
    "commentary_areas": "Five areas.",
    "commentary_progress": "Of the 56 actions, 21½ have been achieved.\n\nTwo risks.",
    "commentary_movement": "",
    "commentary_further": "A further point.",
    "policy_implications": "",
    "financial_implications": "Met from existing budgets.",
    "legal_implications": "Confidential legal advice.",
}


def _migrate(target):
    """Reports at ``target``, every other app at its latest (its models as they are now)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "reports"]
    targets.append(target)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _blocks(body):
    return [
        (number, block["kind"], block["source"], block["text"], block["exempt"])
        for number, section in enumerate(body, start=1)
        for block in section["blocks"]
    ]


@pytest.mark.django_db(transaction=True)
def test_every_word_moves_into_the_body_and_back():
    apps = _migrate(BEFORE)
    try:
        Plan = apps.get_model("plans", "Plan")
        ReviewRound = apps.get_model("plans", "ReviewRound")
        CommitteeReport = apps.get_model("reports", "CommitteeReport")
        ReportDefaults = apps.get_model("reports", "ReportDefaults")
        plan = Plan.objects.create(
            title="Plan",
            slug="plan",
            period_start=dt.date(2012, 9, 1),
            period_end=dt.date(2013, 8, 31),
        )
        round = ReviewRound.objects.create(
            plan=plan, title="March", as_at=dt.date(2013, 3, 12), deadline=dt.date(2013, 3, 1)
        )
        report = CommitteeReport.objects.create(
            plan=plan, round=round, exempt_sections=["legal_implications"], **WORDS
        ).pk
        defaults = ReportDefaults.objects.create(
            key=f"plan-{plan.pk}",
            plan=plan,
            values={"wards": "Bromley Town", "recommendations": "Note the {plan_title}."},
        ).pk
        untouched = ReportDefaults.objects.create(
            key="organisation", values={"decision_maker": "Committee"}
        ).pk

        apps = _migrate(AFTER)
        CommitteeReport = apps.get_model("reports", "CommitteeReport")
        ReportDefaults = apps.get_model("reports", "ReportDefaults")
        body = CommitteeReport.objects.get(pk=report).body
        assert [s["heading"] for s in body] == [
            "Reason for report",
            "RECOMMENDATION(S)",
            "COMMENTARY",
            "POLICY IMPLICATIONS",
            "FINANCIAL IMPLICATIONS",
            "LEGAL IMPLICATIONS",
        ]
        assert _blocks(body) == [
            (1, "officer", "", "Why we report.", False),
            (1, "officer", "", "And a second reason.", False),
            (2, "officer", "", "Members are asked to note the plan.", False),
            (3, "officer", "", "Background one.", False),
            (3, "officer", "", "Background two.", False),
            (3, "drafted", "inspections", "Ofsted inspected:\n- the Fostering Service", False),
            (3, "officer", "", "My own paragraph.", False),
            (3, "drafted", "areas", "Five areas.", False),
            (3, "placed", "table", "", False),
            (
                3,
                "drafted",
                "progress",
                "Of the 56 actions, 21½ have been achieved.\n\nTwo risks.",
                False,
            ),
            (3, "placed", "risks", "", False),
            (3, "drafted", "movement", "", False),
            (3, "officer", "", "A further point.", False),
            (5, "officer", "", "Met from existing budgets.", False),
            (6, "officer", "", "Confidential legal advice.", True),
        ]
        plan_defaults = ReportDefaults.objects.get(pk=defaults)
        assert plan_defaults.values == {"wards": "Bromley Town"}
        recommendation = plan_defaults.body[1]["blocks"]
        assert [b["text"] for b in recommendation] == ["Note the {plan_title}."]
        assert all(
            b["text"] == ""
            for s in plan_defaults.body
            for b in s["blocks"]
            if b["kind"] != "officer"
        )
        assert ReportDefaults.objects.get(pk=untouched).body is None

        apps = _migrate(BEFORE)
        CommitteeReport = apps.get_model("reports", "CommitteeReport")
        back = CommitteeReport.objects.get(pk=report)
        assert {field: getattr(back, field) for field in WORDS} == WORDS
        assert back.exempt_sections == ["legal_implications"]
        restored = apps.get_model("reports", "ReportDefaults").objects.get(pk=defaults)
        assert restored.values["recommendations"] == "Note the {plan_title}."
    finally:
        _migrate(
            max(
                n
                for n in MigrationExecutor(connection).loader.graph.leaf_nodes()
                if n[0] == "reports"
            )
        )
