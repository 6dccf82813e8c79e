"""Assessments read and written in bulk: the same few texts recur thousands of times in a plan.

Assessment is immutable, so each distinct text is parsed once and each distinct set of shares
is printed once; a 10,000-action import or export then spends its time on the data, not here.
"""

from functools import lru_cache

from headway.plans.assessment import Assessment
from headway.plans.choices import SHARE_FIELDS

SHARE_COLUMNS = tuple(SHARE_FIELDS.values())


@lru_cache(maxsize=4096)
def parse_assessment(text: str) -> Assessment:
    """Assessment.parse, remembered (a refusal raises every time: exceptions are not cached)."""
    return Assessment.parse(text)


@lru_cache(maxsize=4096)
def shares_of(assessment: Assessment) -> tuple[int, ...]:
    """The share columns in SHARE_COLUMNS order, in sixtieths."""
    sixtieths = assessment.as_sixtieths()
    return tuple(sixtieths[column] for column in SHARE_COLUMNS)


@lru_cache(maxsize=4096)
def text_of_shares(shares: tuple[int, ...]) -> str:
    """How an assessment held as share columns reads: 'Achieved', '½ Achieved, ½ …'."""
    return str(Assessment.from_sixtieths(dict(zip(SHARE_COLUMNS, shares, strict=True))))


def update_shares(update: object) -> tuple[int, ...]:
    return tuple(getattr(update, column) for column in SHARE_COLUMNS)
