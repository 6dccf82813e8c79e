from fractions import Fraction

from django import template

from headway.core.fractions import format_count

register = template.Library()


@register.filter
def count(value: Fraction | int | None) -> str:
    """``{{ cell|count }}`` prints 6½ rather than 6.5."""
    if value is None:
        return ""
    return format_count(value)
