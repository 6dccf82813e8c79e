"""The risks a committee report names: which ones, how the drafted commentary counts them, and
what the report's context (every format and the council's Word template) holds for each."""

from typing import Any

from headway.plans.models import Plan, ReviewRound
from headway.risks.models import Risk, RiskStatus

from .text import clean_text, long_date, number_word, plural


def report_risks(*, plan: Plan, round: ReviewRound) -> list[Risk]:
    """The open risks of the plan's actions at Limited progress / risk in the round, in the
    plan's order."""
    return list(
        Risk.objects.filter(
            action__plan=plan,
            status=RiskStatus.OPEN,
            action__updates__round=round,
            action__updates__state="approved",
            action__updates__share_limited_progress_risk__gt=0,
        )
        .select_related("action")
        .order_by("action__area__number", "action__position", "action__reference", "pk")
        .distinct()
    )


def risk_items(risks: list[Risk]) -> list[dict[str, Any]]:
    """The context's ``risks``: plain strings, the same in a snapshot as live."""
    return [
        {
            "reference": clean_text(risk.action.reference),
            "action": clean_text(risk.action.title),
            "title": clean_text(risk.title),
            "cause": clean_text(risk.cause),
            "escalated_to": clean_text(risk.escalated_to),
            "escalation": clean_text(
                f"Referred to {risk.escalated_to}"
                + (f" on {long_date(risk.escalated_on)}" if risk.escalated_on else "")
                if risk.escalated_to
                else "Not escalated"
            ),
            "exempt": risk.exempt,
        }
        for risk in risks
    ]


def risks_paragraph(risks: list[Risk]) -> str:
    """The drafted sentences that count and name the risks ("Two areas of risk have been
    identified. …"); empty when every risk is exempt (the public version says so instead)."""
    public = [risk for risk in risks if not risk.exempt]
    if not risks:
        return "No areas of risk have been identified."
    if not public:
        return ""
    count = len(public)
    sentences = [
        f"{number_word(count).capitalize()} {plural(count, 'area')} of risk "
        f"{plural(count, 'has', 'have')} been identified."
    ]
    for risk in public:
        sentence = f"{risk.title} (action {risk.action.reference}): {_lower_first(risk.cause)}"
        sentence = sentence.rstrip(".")
        if risk.escalated_to:
            when = f" on {long_date(risk.escalated_on)}" if risk.escalated_on else ""
            sentence += f"; this has been referred to {risk.escalated_to}{when}"
        sentences.append(sentence + ".")
    return " ".join(sentences)


def _lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
