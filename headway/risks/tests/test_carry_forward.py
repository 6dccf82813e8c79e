"""Rolling a plan forward copies each open risk once, linked to the carried copies of its
actions; a risk none of whose actions is carried, and a closed one, stay behind."""

from headway.risks.models import Risk
from headway.risks.services import risks_carry_forward
from headway.testing.factories import ActionFactory, OutcomeAreaFactory, PlanFactory, RiskFactory


def test_a_risk_on_three_actions_is_copied_once_onto_the_two_carried(db, admin_user):
    old_area, new_area = OutcomeAreaFactory(), OutcomeAreaFactory(plan=PlanFactory(slug="next"))
    a1, a2, a3 = (ActionFactory(area=old_area, reference=f"1.{n}") for n in (1, 2, 3))
    shared = RiskFactory(actions=[a1, a2, a3], title="Shared cause", named_in_report=True)
    RiskFactory(action=a3, title="Left behind")
    RiskFactory(action=a1, title="Closed", status="closed")
    b1 = ActionFactory(area=new_area, reference="1.1", carried_from=a1)
    b2 = ActionFactory(area=new_area, reference="1.2", carried_from=a2)

    copies = risks_carry_forward(carried=[b1, b2], by=admin_user)

    assert [c.title for c in copies] == ["Shared cause"]
    (copy,) = Risk.objects.filter(plan=new_area.plan)
    assert copy.pk != shared.pk and copy.named_in_report
    assert set(copy.actions.all()) == {b1, b2}
    assert set(shared.actions.all()) == {a1, a2, a3}  # the old plan's risk is untouched
    assert copy.history.get().history_user == admin_user
