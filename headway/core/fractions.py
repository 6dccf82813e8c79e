"""Exact status counts: shares of an action are whole sixtieths, printed with fraction glyphs.

Sixtieths let the database add up halves, thirds, quarters, fifths and sixths exactly as integers;
``fractions.Fraction`` is used at the edges and floats never are.
"""

from fractions import Fraction

SIXTIETHS = 60

_GLYPHS = {
    Fraction(1, 2): "½",
    Fraction(1, 3): "⅓",
    Fraction(2, 3): "⅔",
    Fraction(1, 4): "¼",
    Fraction(3, 4): "¾",
    Fraction(1, 5): "⅕",
    Fraction(2, 5): "⅖",
    Fraction(3, 5): "⅗",
    Fraction(4, 5): "⅘",
    Fraction(1, 6): "⅙",
    Fraction(5, 6): "⅚",
}


def from_sixtieths(value: int) -> Fraction:
    return Fraction(int(value), SIXTIETHS)


def to_sixtieths(value: Fraction | int | str) -> int:
    """Convert a share to whole sixtieths, refusing anything that is not exact."""
    fraction = Fraction(value)
    scaled = fraction * SIXTIETHS
    if scaled.denominator != 1:
        raise ValueError(f"{fraction} cannot be held exactly in sixtieths")
    return int(scaled)


def format_count(value: Fraction | int) -> str:
    """Print a count as the source does: 6½, 21½, ¼, ⅓, 0 — never 6.5."""
    fraction = Fraction(value)
    sign = "-" if fraction < 0 else ""
    fraction = abs(fraction)
    whole, part = divmod(fraction, 1)
    whole = int(whole)
    if part == 0:
        return f"{sign}{whole}"
    glyph = _GLYPHS.get(part, f"{part.numerator}/{part.denominator}")
    if whole == 0:
        return f"{sign}{glyph}"
    if "/" in glyph:
        return f"{sign}{whole} {glyph}"
    return f"{sign}{whole}{glyph}"


def to_json_number(value: Fraction) -> int | float:
    """Counts in JSON are plain numbers (6.5); whole numbers stay integers."""
    fraction = Fraction(value)
    if fraction.denominator == 1:
        return int(fraction)
    return float(fraction)
