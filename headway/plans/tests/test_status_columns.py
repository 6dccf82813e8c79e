"""The one column rule: the source's three always; Not started, Dropped and No update when some
action has them. Tables, chart and legend all ask ``status_columns``."""

from fractions import Fraction

from headway.plans.choices import Status
from headway.plans.counts import NO_UPDATE, StatusCounts, status_columns


def _counts(actions: int, **shares: Fraction) -> StatusCounts:
    by_status = {status: Fraction(shares.get(status.value, 0)) for status in Status}
    return StatusCounts(actions, by_status)


def _keys(*totals: StatusCounts) -> list[str]:
    return [column.key for column in status_columns(*totals)]


def test_the_sources_three_show_even_at_nought():
    assert _keys(_counts(0)) == ["achieved", "significant_progress", "limited_progress_risk"]
    assert [c.label for c in status_columns(_counts(0))] == [
        "Achieved",
        "Significant progress",
        "Limited progress/risk",
    ]


def test_a_half_dropped_shows_dropped_and_an_unreported_action_shows_no_update():
    total = _counts(3, achieved=Fraction(3, 2), dropped=Fraction(1, 2))

    assert _keys(total) == [
        "achieved",
        "significant_progress",
        "limited_progress_risk",
        Status.DROPPED.value,
        NO_UPDATE,
    ]
    assert total[NO_UPDATE] == 1


def test_a_column_shows_when_any_of_several_totals_has_it():
    quiet = _counts(1, achieved=1)
    started = _counts(1, not_started=1)

    assert _keys(quiet) == _keys(_counts(0))
    assert _keys(quiet, started)[-1] == Status.NOT_STARTED.value


def test_a_snapshots_figures_read_the_same_way():
    figures = {"achieved": 1, "not_started": 0, "dropped": 0, "no_update": Fraction(1, 2)}

    assert _keys(figures)[3:] == [NO_UPDATE]
