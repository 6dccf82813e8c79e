"""Setting an indicator's targets, tolerances and comparators in the app, period by period."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from headway.indicators.choices import ComparatorKind, Polarity, Unit
from headway.indicators.forms_setup import ComparatorForm, TargetForm
from headway.indicators.models import Comparator, Target
from headway.indicators.services import target_set
from headway.testing.factories import IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 1)


@pytest.fixture
def indicator(plan, owner):
    return IndicatorFactory(plan=plan, owner=owner, reference="PI 1", title="Re-referrals")


def _url(indicator, name, period=None):
    args = [indicator.plan.slug, indicator.pk] + ([period.isoformat()] if period else [])
    return reverse(f"indicators:{name}", args=args)


def _row(page: str, period: str) -> str:
    return next(row for row in page.split("<tr") if f">{period}</th>" in row)


def test_the_targets_page_lists_every_period_of_the_plan(client, lead, indicator):
    TargetFactory(indicator=indicator, period=MARCH, value=Decimal("10.0"), tolerance=Decimal(2))
    Comparator.objects.create(
        indicator=indicator,
        period=MARCH,
        kind=ComparatorKind.ENGLAND,
        name="England average",
        value=Decimal("9.1"),
    )
    client.force_login(lead)
    page = client.get(_url(indicator, "targets")).content.decode()
    # The plan runs September 2012 to August 2013; its baseline year starts a year earlier.
    assert page.count('<th scope="row" class="govuk-table__header">') == 24
    assert "September 2011" in page and "August 2013" in page and "August 2011" not in page
    march = _row(page, "March 2013")
    assert "10.0%" in march and "2.0 percentage points" in march and "9.1%" in march
    assert "Change target" in march
    assert _url(indicator, "target", MARCH) in march
    assert _url(indicator, "comparator", MARCH) in march
    april = _row(page, "April 2013")
    assert "No target" in april and "Set target" in april


def test_the_lead_sets_a_periods_target_and_tolerance(client, lead, indicator):
    client.force_login(lead)
    page = client.get(_url(indicator, "target", MARCH)).content.decode()
    assert "Target for March 2013" in page and "How far above the target" in page
    response = client.post(_url(indicator, "target", MARCH), {"value": "10.5%", "tolerance": "2"})
    assert response.url == _url(indicator, "targets")
    target = Target.objects.get(indicator=indicator, period=MARCH)
    assert (target.value, target.tolerance) == (Decimal("10.5"), Decimal(2))
    assert target.history.get().history_user == lead


def test_a_target_is_changed_over_the_version_it_was_read_at(client, lead, indicator):
    TargetFactory(indicator=indicator, period=MARCH, value=Decimal("10.0"), tolerance=Decimal(2))
    client.force_login(lead)
    page = client.get(_url(indicator, "target", MARCH)).content.decode()
    assert 'value="10.0"' in page and 'value="2.0"' in page
    response = client.post(
        _url(indicator, "target", MARCH), {"value": "9.0", "tolerance": "1.5", "version": "1"}
    )
    assert response.status_code == 302
    target = Target.objects.get(indicator=indicator, period=MARCH)
    assert (target.value, target.tolerance, target.version) == (Decimal(9), Decimal("1.5"), 2)


def test_a_target_changed_meanwhile_is_not_overwritten(client, lead, admin_user, indicator):
    target = TargetFactory(indicator=indicator, period=MARCH, value=Decimal("10.0"))
    target_set(
        indicator=indicator,
        period=MARCH,
        value=Decimal("8.0"),
        tolerance=Decimal(1),
        by=admin_user,
        expected_version=target.version,
    )
    client.force_login(lead)
    response = client.post(
        _url(indicator, "target", MARCH), {"value": "12.0", "tolerance": "3", "version": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a newer version while you were editing" in page
    assert 'value="12.0"' in page and 'name="version" value="2"' in page  # typed input stays
    assert "12.0%" in page and "8.0%" in page  # both versions shown
    target.refresh_from_db()
    assert target.value == Decimal(8) and target.version == 2


def test_a_target_for_a_period_without_one_that_someone_set_meanwhile_is_not_overwritten(
    client, lead, indicator
):
    TargetFactory(indicator=indicator, period=MARCH, value=Decimal("8.0"))
    client.force_login(lead)
    response = client.post(
        _url(indicator, "target", MARCH), {"value": "12.0", "tolerance": "", "version": ""}
    )
    assert response.status_code == 409
    assert Target.objects.get(indicator=indicator, period=MARCH).value == Decimal(8)


@pytest.mark.parametrize(
    ("polarity", "data", "message"),
    [
        (Polarity.LOWER_IS_BETTER, {"value": "", "tolerance": "1"}, "Enter the target"),
        (
            Polarity.LOWER_IS_BETTER,
            {"value": "ten", "tolerance": ""},
            "Enter the value as a number of per cent, like 12.5; &#39;ten&#39; is not a number.",
        ),
        (
            Polarity.LOWER_IS_BETTER,
            {"value": "120", "tolerance": ""},
            "A percentage must be between 0 and 100; 120% is not.",
        ),
        (
            Polarity.LOWER_IS_BETTER,
            {"value": "10", "tolerance": "-1"},
            "it cannot be negative (-1)",
        ),
        (
            Polarity.LOWER_IS_BETTER,
            {"value": "95", "tolerance": "10"},
            "10 above 95% would reach beyond 100%.",
        ),
        (
            Polarity.HIGHER_IS_BETTER,
            {"value": "5", "tolerance": "6"},
            "6 below 5 would reach below zero.",
        ),
        (
            Polarity.LOWER_IS_BETTER,
            {"value": "10", "tolerance": "lots"},
            "Enter the tolerance as a number, like 2, or leave it empty for none",
        ),
    ],
)
def test_a_target_that_makes_no_sense_is_refused_in_the_error_summary(
    client, lead, indicator, polarity, data, message
):
    indicator.polarity = polarity
    indicator.save()
    client.force_login(lead)
    response = client.post(_url(indicator, "target", MARCH), data)
    page = response.content.decode()
    assert response.status_code == 200
    summary = page.split('class="govuk-error-summary"')[1].split("</div>")[0]
    assert message in summary
    assert not Target.objects.exists()


def test_a_period_outside_the_plan_or_not_a_period_is_not_found(client, lead, indicator):
    client.force_login(lead)
    for period in ("2011-08-01", "2013-09-01", "2013-03-02", "march"):
        url = reverse("indicators:target", args=[indicator.plan.slug, indicator.pk, period])
        assert client.get(url).status_code == 404
    quarterly = IndicatorFactory(plan=indicator.plan, frequency="quarterly")
    url = reverse("indicators:target", args=[indicator.plan.slug, quarterly.pk, "2013-03-01"])
    assert client.get(url).status_code == 404


def test_the_tolerance_reads_empty_as_none_and_days_to_the_places_recorded(plan):
    days = IndicatorFactory(plan=plan, unit=Unit.DAYS, decimal_places=0)
    form = TargetForm({"value": "20", "tolerance": ""}, indicator=days, period_label="x")
    assert form.is_valid() and form.cleaned_data["tolerance"] == 0
    form = TargetForm({"value": "20", "tolerance": "2.5"}, indicator=days, period_label="x")
    assert not form.is_valid()
    assert "more decimal places than this indicator records" in form.errors["tolerance"][0]


def test_an_owner_cannot_set_targets(client, owner, indicator):
    client.force_login(owner)
    assert client.get(_url(indicator, "targets")).status_code == 403
    response = client.post(_url(indicator, "target", MARCH), {"value": "1", "tolerance": "0"})
    assert response.status_code == 403
    assert not Target.objects.exists()


# --- Comparators.


def test_the_lead_records_the_england_average(client, lead, indicator):
    client.force_login(lead)
    response = client.post(
        _url(indicator, "comparator", MARCH), {"kind": ComparatorKind.ENGLAND, "value": "9.4"}
    )
    assert response.url == _url(indicator, "targets")
    comparator = Comparator.objects.get()
    assert (comparator.name, comparator.value, comparator.period) == (
        "England average",
        Decimal("9.4"),
        MARCH,
    )


def test_a_named_comparator_needs_its_name_and_replaces_one_of_the_same_name(
    client, lead, indicator
):
    client.force_login(lead)
    url = _url(indicator, "comparator", MARCH)
    response = client.post(url, {"kind": ComparatorKind.NAMED, "name": "", "value": "9.4"})
    assert "Name the comparator, for example" in response.content.decode()
    assert not Comparator.objects.exists()
    client.post(url, {"kind": ComparatorKind.NAMED, "name": "North West", "value": "9.4"})
    page = client.get(url).content.decode()
    assert "Recorded for March 2013" in page and "North West" in page and "9.4%" in page
    client.post(url, {"kind": ComparatorKind.NAMED, "name": "North West", "value": "8.8"})
    assert list(Comparator.objects.values_list("name", "value")) == [("North West", Decimal("8.8"))]


def test_a_comparator_figure_not_in_the_unit_is_refused(plan, indicator):
    form = ComparatorForm(
        {"kind": ComparatorKind.STATISTICAL_NEIGHBOURS, "value": "101"},
        indicator=indicator,
        period_label="March 2013",
    )
    assert not form.is_valid()
    assert form.errors["value"] == ["A percentage must be between 0 and 100; 101% is not."]
    form = ComparatorForm({"value": "9"}, indicator=indicator, period_label="March 2013")
    assert not form.is_valid()
    assert form.errors["kind"] == ["Choose which comparator this is"]
