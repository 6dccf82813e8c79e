"""An indicator's unit: how a value is written, read back from text and checked.

Decimals throughout: a value is held, compared and printed exactly, never as a float.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from .choices import Unit

HUNDRED = Decimal(100)
# The database holds values with up to 10 digits before the point and 4 after.
MAX_PLACES = 4
LARGEST = Decimal("9999999999.9999")


def quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def format_number(value: Decimal, places: int) -> str:
    return f"{value.quantize(quantum(places), rounding=ROUND_HALF_UP):,.{places}f}"


def format_value(unit: str, places: int, value: Decimal) -> str:
    """ "9.8%", "1,234", "45.2 per 10,000", "23 days", "£1,200.00"."""
    number = format_number(value, places)
    if unit == Unit.PERCENTAGE:
        return f"{number}%"
    if unit == Unit.RATE_PER_10000:
        return f"{number} per 10,000"
    if unit == Unit.DAYS:
        return f"{number} day" if value == 1 else f"{number} days"
    if unit == Unit.POUNDS:
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    return number


def format_amount(unit: str, places: int, amount: Decimal) -> str:
    """A difference in the unit (a tolerance): "2.0 percentage points", "3 days"."""
    if unit == Unit.PERCENTAGE:
        number = format_number(amount, places)
        return f"{number} percentage point" + ("" if amount == 1 else "s")
    return format_value(unit, places, amount)


def parse_value(unit: str, places: int, text: str) -> Decimal:
    """A value typed by a person or read from a spreadsheet cell, checked for the unit.

    The unit's own signs are allowed ("12.5%", "£1,200"); anything else that is not a number
    is refused with a message saying what was expected.
    """
    cleaned = str(text).strip().replace(",", "")
    if unit == Unit.PERCENTAGE:
        cleaned = cleaned.removesuffix("%").strip()
    if unit == Unit.POUNDS:
        cleaned = cleaned.replace("£", "", 1).strip()
    if unit == Unit.DAYS:
        cleaned = cleaned.removesuffix("days").removesuffix("day").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not cleaned:
        raise ValidationError(
            f"Enter the value as a number {EXAMPLES[Unit(unit)]}; {str(text).strip()!r} is not "
            "a number.",
            code="not_a_number",
        )
    check_value(unit, places, value)
    return value


EXAMPLES = {
    Unit.PERCENTAGE: "of per cent, like 12.5",
    Unit.NUMBER: "like 42",
    Unit.RATE_PER_10000: "per 10,000, like 35.2",
    Unit.DAYS: "of days, like 18",
    Unit.POUNDS: "of pounds, like 1200.50",
}


def check_value(unit: str, places: int, value: Decimal) -> None:
    """Refuse a value the unit cannot have, or one more precise than the indicator records."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError("The value must be a number.", code="not_a_number")
    written = format_value(unit, places, value) if abs(value) <= LARGEST else str(value)
    if unit == Unit.PERCENTAGE and not (0 <= value <= HUNDRED):
        raise ValidationError(
            f"A percentage must be between 0 and 100; {value}% is not.", code="out_of_range"
        )
    if unit != Unit.POUNDS and value < 0:
        raise ValidationError(
            f"{Unit(unit).label} cannot be negative; {value} is.", code="out_of_range"
        )
    if abs(value) > LARGEST:
        raise ValidationError(f"{value} is too large to record.", code="out_of_range")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationError(
            f"{value} has more decimal places than this indicator records ({places}); "
            f"write it as {written}.",
            code="too_precise",
        )
