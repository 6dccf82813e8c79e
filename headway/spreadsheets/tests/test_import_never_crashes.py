"""Whatever the cells hold, an import either succeeds or is refused with problems: never a crash."""

from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.testing.factories import ReviewRoundFactory

from .files import HEADER, action_row, csv_bytes, xlsx

CELL = st.one_of(
    st.none(),
    # Text an .xlsx cell can hold (the test writes the file; the importer reads what it gets).
    st.text(max_size=40).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    st.sampled_from(
        [
            "Green",
            "½ achieved, ½ amber",
            "1/3 red, 2/3 green",
            "31/02/2013",
            "Q4 2012/13",
            "Mar-13",
            "Ongoing",
            "owner",
            "owner@example.org",
            "'=1+1",
            "Audit \N{EN DASH} 31/01/2013 \N{EN DASH} done 15/01/2013",
            "1. Strategic vision",
        ]
    ),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
)


def _counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cells=st.lists(st.tuples(st.integers(0, len(HEADER) - 1), CELL), max_size=8),
    as_csv=st.booleans(),
)
def test_random_cells_are_imported_or_refused_cleanly(plan, admin_user, owner, cells, as_csv):
    if not plan.rounds.exists():
        ReviewRoundFactory(plan=plan)
    rows = [HEADER, action_row("1.1"), action_row("1.2")]
    for index, value in cells:
        rows[1 + index % 2][index] = value
    if as_csv:
        rows = [["" if v is None else str(v) for v in row] for row in rows]
    data = csv_bytes(rows) if as_csv else xlsx(rows)
    before = _counts()
    try:
        plan_import(data=data, filename="f.csv" if as_csv else "f.xlsx", plan=plan, by=admin_user)
    except SpreadsheetRefused as refused:
        assert refused.problems
        assert all(str(problem) for problem in refused.problems)
        assert _counts() == before
