"""Adding an indicator and changing its details in the app: question pages kept in the
session, check your answers with Change links, and a save over a newer version refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from headway.indicators.choices import Frequency, Polarity, Unit
from headway.indicators.forms_setup import IndicatorNameForm, IndicatorUnitForm
from headway.indicators.models import Indicator
from headway.indicators.services import indicator_update
from headway.testing.factories import (
    ActionFactory,
    IndicatorFactory,
    OutcomeAreaFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ANSWERS = {
    "name": {"reference": "PI 9", "title": "Assessments completed within 45 days"},
    "definition": {
        "definition": "Assessments completed within 45 working days <of referral>.",
        "data_source": "Case management system",
    },
    "unit": {"unit": Unit.PERCENTAGE, "decimal_places": "1", "polarity": Polarity.HIGHER_IS_BETTER},
    "frequency": {"frequency": Frequency.QUARTERLY},
}


def _step(plan, step):
    return reverse("indicators:new_step", args=[plan.slug, step])


@pytest.fixture
def links(plan):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Safeguarding")
    action = ActionFactory(plan=plan, area=area, reference="1.1", title="Audit assessments")
    return area, action


def _answer_all(client, plan, owner, links):
    area, action = links
    response = client.get(reverse("indicators:new", args=[plan.slug]))
    assert response.url == _step(plan, "name")
    for step, data in ANSWERS.items():
        response = client.post(_step(plan, step), data)
        assert response.status_code == 302, response.content.decode()
    response = client.post(_step(plan, "owner"), {"owner": owner.pk})
    assert response.url == _step(plan, "links")
    response = client.post(_step(plan, "links"), {"areas": [area.pk], "actions": [action.pk]})
    assert response.url == reverse("indicators:new_check", args=[plan.slug])


def test_the_lead_adds_an_indicator_question_by_question(client, plan, lead, owner, links):
    client.force_login(lead)
    _answer_all(client, plan, owner, links)
    assert not Indicator.objects.exists()  # nothing is written before check answers

    check = client.get(reverse("indicators:new_check", args=[plan.slug]))
    page = check.content.decode()
    assert "Check your answers before adding the indicator" in page
    assert "Assessments completed within 45 days" in page
    assert "&lt;of referral&gt;" in page and "<of referral>" not in page
    assert "Percentage" in page and "Higher is better" in page and "Quarterly" in page
    assert (
        "Head of Service" in page and "1. Safeguarding" in page and "1.1 Audit assessments" in page
    )
    assert page.count(">Change<") == 11
    assert _step(plan, "unit") in page

    response = client.post(reverse("indicators:new_check", args=[plan.slug]))
    indicator = Indicator.objects.get()
    assert response.url == indicator.get_absolute_url()
    assert (indicator.reference, indicator.unit, indicator.decimal_places) == (
        "PI 9",
        Unit.PERCENTAGE,
        1,
    )
    assert indicator.polarity == Polarity.HIGHER_IS_BETTER
    assert indicator.frequency == Frequency.QUARTERLY and indicator.owner == owner
    assert list(indicator.areas.all()) == [links[0]]
    assert list(indicator.actions.all()) == [links[1]]
    assert indicator.history.get().history_user == lead
    assert client.get(reverse("indicators:new_check", args=[plan.slug])).status_code == 302


def test_a_change_link_from_check_answers_returns_to_check_answers(
    client, plan, lead, owner, links
):
    client.force_login(lead)
    _answer_all(client, plan, owner, links)
    page = client.get(_step(plan, "frequency")).content.decode()
    assert 'value="quarterly" checked' in page
    response = client.post(_step(plan, "frequency"), {"frequency": Frequency.MONTHLY})
    assert response.url == reverse("indicators:new_check", args=[plan.slug])
    client.post(reverse("indicators:new_check", args=[plan.slug]))
    assert Indicator.objects.get().frequency == Frequency.MONTHLY


def test_a_question_left_empty_is_refused_with_an_error_summary(client, plan, lead):
    client.force_login(lead)
    client.get(reverse("indicators:new", args=[plan.slug]))
    response = client.post(_step(plan, "name"), {"reference": "", "title": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Error: " in page
    assert "Enter the indicator&#39;s reference" in page
    assert 'href="#id_reference"' in page
    response = client.post(_step(plan, "unit"), {"decimal_places": "7"})
    page = response.content.decode()
    assert "Choose the indicator&#39;s unit" in page
    assert "Choose whether higher or lower is better" in page
    assert 'href="#id_unit_0"' in page
    assert not Indicator.objects.exists()


def test_a_reference_another_indicator_has_is_refused(plan):
    IndicatorFactory(plan=plan, reference="PI 1")
    form = IndicatorNameForm({"reference": "pi 1", "title": "Another"}, plan=plan)
    assert not form.is_valid()
    assert form.errors["reference"] == ["Another indicator of this plan is pi 1"]
    other = IndicatorFactory(reference="PI 1")  # another plan's
    assert IndicatorNameForm({"reference": "PI 1", "title": "x"}, plan=other.plan).is_valid() is (
        False
    )
    assert IndicatorNameForm({"reference": "PI 2", "title": "x"}, plan=plan).is_valid()


def test_decimal_places_are_0_to_4(plan):
    data = {"unit": Unit.DAYS, "polarity": Polarity.LOWER_IS_BETTER}
    assert IndicatorUnitForm(data | {"decimal_places": "4"}).is_valid()
    assert not IndicatorUnitForm(data | {"decimal_places": "5"}).is_valid()


def test_an_owner_or_reader_cannot_add_an_indicator(client, plan, owner, reader):
    for user in (owner, reader):
        client.force_login(user)
        assert client.get(reverse("indicators:new", args=[plan.slug])).status_code == 403
        assert client.post(_step(plan, "name"), ANSWERS["name"]).status_code == 403
    assert not Indicator.objects.exists()


def test_the_owner_question_lists_the_plans_people_only(client, plan, lead, owner):
    UserFactory(username="elsewhere", job_title="Officer of another council")
    client.force_login(lead)
    client.get(reverse("indicators:new", args=[plan.slug]))
    page = client.get(_step(plan, "owner")).content.decode()
    assert "Head of Service" in page and "Assistant Director" in page
    assert "Officer of another council" not in page


def test_the_plan_page_offers_add_an_indicator_to_those_who_may(client, plan, lead, reader):
    add = reverse("indicators:new", args=[plan.slug])
    client.force_login(lead)
    assert add in client.get(plan.get_absolute_url()).content.decode()
    client.force_login(reader)
    assert add not in client.get(plan.get_absolute_url()).content.decode()


# --- Changing an indicator.


@pytest.fixture
def indicator(plan, owner, links):
    indicator = IndicatorFactory(plan=plan, owner=owner, reference="PI 1", title="Re-referrals")
    indicator.areas.set([links[0]])
    return indicator


def _details(indicator, step=None):
    args = [indicator.plan.slug, indicator.pk] + ([step] if step else [])
    return reverse("indicators:details_step" if step else "indicators:details", args=args)


def test_the_lead_changes_an_indicator_from_its_page(client, plan, lead, indicator, links):
    client.force_login(lead)
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert _details(indicator) in page
    assert reverse("indicators:targets", args=[plan.slug, indicator.pk]) in page

    page = client.get(_details(indicator, "name")).content.decode()
    assert 'value="PI 1"' in page and 'value="Re-referrals"' in page
    response = client.post(
        _details(indicator, "name"), {"reference": "PI 1", "title": "Re-referrals in 12 months"}
    )
    assert response.url == _details(indicator)
    client.post(_details(indicator, "links"), {"areas": [], "actions": [links[1].pk]})
    page = client.get(_details(indicator)).content.decode()
    assert "Check your changes" in page and "Save changes" in page
    indicator.refresh_from_db()
    assert indicator.title == "Re-referrals" and indicator.version == 1

    response = client.post(_details(indicator))
    assert response.url == indicator.get_absolute_url()
    indicator.refresh_from_db()
    assert indicator.title == "Re-referrals in 12 months" and indicator.version == 2
    assert list(indicator.areas.all()) == [] and list(indicator.actions.all()) == [links[1]]
    assert "Save changes" not in client.get(_details(indicator)).content.decode()


def test_a_save_over_a_newer_version_is_refused_and_keeps_the_answers(
    client, plan, lead, admin_user, indicator
):
    client.force_login(lead)
    client.post(_details(indicator, "name"), {"reference": "PI 1", "title": "Lead's title"})
    indicator_update(
        indicator=indicator, by=admin_user, expected_version=1, changes={"title": "Admin's title"}
    )
    response = client.post(_details(indicator))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a newer version while you were editing" in page
    assert "Lead&#39;s title" in page and "Admin&#39;s title" in page
    indicator.refresh_from_db()
    assert indicator.title == "Admin's title" and indicator.version == 2

    # Saving again is a choice made after seeing both: it now saves over version 2.
    response = client.post(_details(indicator))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.title == "Lead's title" and indicator.version == 3


def test_the_frequency_of_an_indicator_with_figures_cannot_change(client, plan, lead, indicator):
    TargetFactory(indicator=indicator, value=Decimal("10.0"))
    client.force_login(lead)
    client.post(_details(indicator, "frequency"), {"frequency": Frequency.QUARTERLY})
    response = client.post(_details(indicator))
    assert response.status_code == 409
    assert "so its frequency cannot change" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.frequency == Frequency.MONTHLY and indicator.version == 1


def test_an_owner_cannot_change_an_indicator(client, plan, owner, indicator):
    client.force_login(owner)
    assert _details(indicator) not in client.get(indicator.get_absolute_url()).content.decode()
    assert client.get(_details(indicator)).status_code == 403
    response = client.post(_details(indicator, "name"), {"reference": "X", "title": "Y"})
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.reference == "PI 1"


def test_an_unknown_question_is_not_found(client, plan, lead, indicator):
    client.force_login(lead)
    assert client.get(_details(indicator, "colour")).status_code == 404
    client.get(reverse("indicators:new", args=[plan.slug]))
    assert client.get(_step(plan, "colour")).status_code == 404


def test_decimal_places_start_at_one_when_not_yet_answered(client, plan, lead):
    client.force_login(lead)
    client.get(reverse("indicators:new", args=[plan.slug]))
    page = client.get(_step(plan, "unit")).content.decode()
    assert '<option value="1" selected>' in page


def test_an_owner_who_left_the_plan_meanwhile_is_refused_at_check_answers(
    client, plan, lead, owner, links
):
    client.force_login(lead)
    _answer_all(client, plan, owner, links)
    owner.plan_memberships.all().delete()
    response = client.post(reverse("indicators:new_check", args=[plan.slug]))
    assert response.status_code == 409
    assert "no longer has a role on the plan" in response.content.decode()
    assert not Indicator.objects.exists()


def test_a_plan_without_areas_or_actions_says_so_and_links_nothing(client, plan, lead):
    client.force_login(lead)
    client.get(reverse("indicators:new", args=[plan.slug]))
    page = client.get(_step(plan, "links")).content.decode()
    assert "The plan has no outcome areas or actions yet" in page
    assert 'type="checkbox"' not in page
    response = client.post(_step(plan, "links"), {})
    assert response.status_code == 302
    assert client.session["indicator-setup"][f"new-{plan.pk}"]["actions"] == []
