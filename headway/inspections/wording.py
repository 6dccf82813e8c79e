"""How an inspection reads in a committee report: one sentence, as an officer would write it.

"The Fostering Service was inspected in May 2011 and was found to be good." An officer's own
wording (``Inspection.report_wording``) always wins; the drafted sentence is only the start.
"""

import datetime as dt
import re
from typing import Any

# Judgements that read as "was found to be …" (Ofsted's and similar grades, lower case).
GRADES = (
    "outstanding",
    "good",
    "adequate",
    "requires improvement",
    "inadequate",
    "satisfactory",
    "unsatisfactory",
    "excellent",
    "poor",
)
# A service named by how many there were: "Three Children's Centres were inspected".
_MANY = re.compile(r"^(two|three|four|five|six|seven|eight|nine|ten|[2-9]|\d{2,})\b", re.I)
_DETERMINER = re.compile(
    r"^(the|a|an|this|our|its|their|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.IGNORECASE,
)


def inspection_sentence(inspection: Any) -> str:
    """The officer's wording if there is one, else a drafted sentence, ending in a full stop."""
    wording = (getattr(inspection, "report_wording", "") or "").strip()
    if wording:
        return wording if wording.endswith((".", "!", "?")) else f"{wording}."
    subject = _subject(inspection.service)
    verb = "were" if _MANY.match(subject) else "was"
    when = inspection_period(inspection.started_on, inspection.ended_on)
    return f"{subject} {verb} inspected {when}{_judgement(inspection.judgement, verb)}."


def inspection_period(started: dt.date, ended: dt.date | None) -> str:
    """ "in May 2011", "between June and December 2011", "between June 2011 and March 2012"."""
    if ended is None or (ended.year, ended.month) == (started.year, started.month):
        return f"in {started:%B %Y}"
    if ended.year == started.year:
        return f"between {started:%B} and {ended:%B %Y}"
    return f"between {started:%B %Y} and {ended:%B %Y}"


def _subject(service: str) -> str:
    service = service.strip()
    if _DETERMINER.match(service):
        return service[:1].upper() + service[1:]
    return f"The {service}"


def _judgement(judgement: str, verb: str) -> str:
    judgement = judgement.strip().rstrip(".")
    if not judgement:
        return ""
    lowered = judgement[:1].lower() + judgement[1:]
    if lowered.lower().startswith(GRADES):
        return f" and {verb} found to be {lowered}"
    if lowered.lower().startswith("no "):
        return f" and found {lowered}"
    return f" and {verb} given the judgement \u2018{judgement}\u2019"
