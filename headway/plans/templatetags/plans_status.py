"""Statuses on the page (``{% load plans_status %}``): their tags. The chart is drawn by
``headway.plans.charts``."""

from django import template

from headway.plans.choices import Status

register = template.Library()


STATUS_TAG_CLASSES = {
    Status.ACHIEVED: "govuk-tag--green",
    Status.SIGNIFICANT_PROGRESS: "govuk-tag--blue",
    Status.LIMITED_PROGRESS_RISK: "govuk-tag--red",
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.DROPPED: "govuk-tag--grey",
}


@register.filter
def status_tag_class(status: Status | str) -> str:
    return STATUS_TAG_CLASSES.get(Status(status), "govuk-tag--grey")
