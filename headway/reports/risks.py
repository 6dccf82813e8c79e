"""The risks a committee report names: which ones, how the drafted commentary counts them, and
what the report's context (every format and the council's Word template) holds for each.

Only risks the plan lead has marked "named in the report" are named: a report says "Two areas
of risk have been identified" when two causes matter to the committee, however many actions are
at Limited progress / risk (the appendix still shows every action's status)."""

from typing import Any

from django.db.models import Exists, OuterRef

from headway.plans.models import Action, Plan, ReviewRound
from headway.risks.models import Risk, RiskStatus
from headway.risks.selectors import in_first_action_order, with_linked_actions

from .text import clean_text, long_date, number_word, plural

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def report_risks(*, plan: Plan, round: ReviewRound) -> list[Risk]:
    """The plan's open risks named in the report that link to an action of the plan, in the
    plan's order of their first action, each with ``linked_actions`` (two queries). ``round``
    is the report's round: a named risk stays named until it is closed or unmarked."""
    in_plan = Action.objects.filter(risks=OuterRef("pk"), plan=plan)
    risks = Risk.objects.filter(plan=plan, status=RiskStatus.OPEN, named_in_report=True).filter(
        Exists(in_plan)
    )
    return list(with_linked_actions(in_first_action_order(risks)))


def risk_items(risks: list[Risk]) -> list[dict[str, Any]]:
    """The context's ``risks``: plain strings, the same in a snapshot as live.

    ``action_references`` lists every linked action's reference; ``reference`` and ``action``
    join the references and the titles (the renderers' "Action" column: "1.5, 2.3 …; …")."""
    items = []
    for risk in risks:
        actions = list(getattr(risk, "linked_actions", None) or risk.actions.all())
        references = [clean_text(action.reference) for action in actions]
        items.append(
            {
                "action_references": references,
                "reference": ", ".join(references),
                "action": "; ".join(clean_text(action.title) for action in actions),
                "title": clean_text(risk.title),
                "cause": clean_text(risk.cause),
                "external_dependency": clean_text(risk.external_dependency),
                "escalated_to": clean_text(risk.escalated_to),
                "escalation": clean_text(
                    f"Referred to {risk.escalated_to}"
                    + (f" on {long_date(risk.escalated_on)}" if risk.escalated_on else "")
                    if risk.escalated_to
                    else "Not escalated"
                ),
                "exempt": risk.exempt,
            }
        )
    return items


def risks_paragraph(risks: list[Risk]) -> str:
    """The drafted sentences that count and name the risks, as an officer writes them ("Two
    areas of risk have been identified. One is … The other area of risk is …"); empty when
    every risk is exempt (the public version says so instead)."""
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
    for index, risk in enumerate(public):
        sentences.append(_described(risk, _opener(index, count)))
    return " ".join(sentences)


def _opener(index: int, count: int) -> str:
    if count == 1:
        return "It is"
    if count == 2:
        return "One is" if index == 0 else "The other area of risk is"
    ordinal = ORDINALS[index] if index < len(ORDINALS) else None
    return f"The {ordinal} is" if ordinal else "Another is"


def _described(risk: Risk, opener: str) -> str:
    """ "{opener} {title}. {Cause}", the cause joined on with "and" when it begins "This" or
    "It"; then to whom it was referred, and what it depends on unless the cause says."""
    title = _lower_first(_one_line(risk.title)).rstrip(".")
    cause = _one_line(risk.cause).rstrip(".")
    first_word = cause.split(" ", 1)[0].lower() if cause else ""
    if first_word in ("this", "it"):
        text = f"{opener} {title} and {_lower_first(cause)}"
    elif cause:
        text = f"{opener} {title}. {cause}"
    else:
        text = f"{opener} {title}"
    if risk.escalated_to:
        when = f" on {long_date(risk.escalated_on)}" if risk.escalated_on else ""
        text += f" and this is an issue that has been referred to {risk.escalated_to}{when}"
    text += "."
    dependency = _one_line(risk.external_dependency)
    if dependency and dependency.lower() not in f"{risk.title} {risk.cause}".lower():
        text += f" It depends on {dependency}."
    return text


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
