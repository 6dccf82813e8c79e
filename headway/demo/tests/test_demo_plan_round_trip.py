"""The demo plan (the source's 56 actions) survives export and import, table 3.7 included."""

import json

from headway.plans.models import Plan
from headway.plans.selectors import plan_summary
from headway.spreadsheets.plan_export import plan_export
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.tests.test_plan_export import _snapshot

PASSWORD = "demo-password-for-tests-42"


def test_demo_plan_exports_and_imports_back_with_the_same_summary(db, admin_user):
    from headway.demo.loader import load_demo

    load_demo(password=PASSWORD)
    demo = Plan.objects.get(slug="childrens-social-care-2012-13")

    data = plan_export(plan=demo, format="xlsx")
    plan_import(data=data, filename="demo.xlsx", plan_slug="demo-copy", by=admin_user)

    copy = Plan.objects.get(slug="demo-copy")
    assert _snapshot(copy) == _snapshot(demo)
    for original, again in zip(
        demo.rounds.order_by("as_at"), copy.rounds.order_by("as_at"), strict=True
    ):
        before = json.loads(json.dumps(plan_summary(plan=demo, round=original).as_json()))
        after = json.loads(json.dumps(plan_summary(plan=copy, round=again).as_json()))
        for key in ("areas", "total", "movement"):
            assert after[key] == before[key]
    assert plan_import(data=data, filename="demo.xlsx", plan=demo, by=admin_user).changes == []
