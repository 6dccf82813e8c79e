"""Filters for plain-text e-mails."""

from django import template

register = template.Library()


@register.filter
def oneline(value: object) -> str:
    """Keep a title on its line: a newline in it must not start a new line of the e-mail."""
    return " ".join(str(value).split())
