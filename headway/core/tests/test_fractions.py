from fractions import Fraction

import pytest

from headway.core.fractions import format_count, from_sixtieths, to_json_number, to_sixtieths


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Fraction(13, 2), "6½"),
        (Fraction(43, 2), "21½"),
        (Fraction(57, 2), "28½"),
        (Fraction(1, 4), "¼"),
        (Fraction(1, 3), "⅓"),
        (Fraction(8, 3), "2⅔"),
        (Fraction(0), "0"),
        (Fraction(56), "56"),
        (Fraction(7, 60), "7/60"),
        (Fraction(67, 60), "1 7/60"),
    ],
)
def test_counts_print_with_fraction_glyphs(value, printed):
    assert format_count(value) == printed


def test_sixtieths_round_trip_exactly():
    for value in (Fraction(1, 2), Fraction(1, 3), Fraction(1, 4), Fraction(1, 5), Fraction(1, 6)):
        assert from_sixtieths(to_sixtieths(value)) == value


def test_a_share_that_is_not_whole_sixtieths_is_refused():
    with pytest.raises(ValueError, match="cannot be held exactly"):
        to_sixtieths(Fraction(1, 7))


def test_json_numbers_are_plain():
    assert to_json_number(Fraction(13, 2)) == 6.5
    assert to_json_number(Fraction(9)) == 9
    assert isinstance(to_json_number(Fraction(9)), int)
