"""A report's prose becomes its body: ordered sections of officer, drafted and placed blocks.

Each draft and published report keeps every word: each officer-written section becomes one
officer paragraph per paragraph (so the numbers stay as they were); each drafted section becomes
its drafted block (the paragraphs drafting wrote: one, or two for progress and its risks) and
any paragraphs the officer added to it follow as officer paragraphs; the table and risk list sit
where the context builder put them (after the outcome areas, after progress). Sections marked
exempt mark their blocks exempt. Published reports print from their snapshot, which is left as it
is. Stored report defaults with officer-written sections get a body of their own, built the same
way, and those keys leave ``values``. The functions are copied here, not imported, so that the
migration keeps doing what it did when the code moves on.
"""

import re
import secrets

from django.db import migrations, models

PROSE = (
    "reason_for_report",
    "recommendations",
    "commentary_background",
    "commentary_inspections",
    "commentary_areas",
    "commentary_progress",
    "commentary_movement",
    "commentary_further",
    "policy_implications",
    "financial_implications",
    "legal_implications",
)
# How many paragraphs drafting wrote into each drafted section.
DRAFTED = {
    "commentary_inspections": ("inspections", 1),
    "commentary_areas": ("areas", 1),
    "commentary_progress": ("progress", 2),
    "commentary_movement": ("movement", 1),
}
# The words a report took for a section no default filled (defaults.py when this was written).
BUILT_IN = {
    "reason_for_report": (
        "This report is to update elected members on progress against the objectives outlined "
        "in the {plan_title}."
    ),
    "recommendations": (
        "Members are asked to review the {plan_title} and ask for further clarification or "
        "information and offer comments."
    ),
    "commentary_background": (
        "Work to improve services in {division} has been formulated into an annual "
        "performance improvement plan. It sets out objectives, desired outcomes, timescales and "
        "milestones, ownership and periodically updated progress.\n\n"
        "The attached performance improvement plan covers the period from {period}."
    ),
    "commentary_further": "",
    "policy_implications": "",
    "financial_implications": (
        "Improvements identified within the improvement plan are met from within existing budgets."
    ),
    "legal_implications": "",
}


def _id():
    return secrets.token_hex(4)


def _chunks(text):
    return [c.strip() for c in re.split(r"\n\s*\n", (text or "").strip()) if c.strip()]


def _block(kind, source="", text="", exempt=False):
    return {"id": _id(), "kind": kind, "source": source, "text": text, "exempt": exempt}


def _officer(text, exempt=False):
    return [_block("officer", text=chunk, exempt=exempt) for chunk in _chunks(text)]


def _drafted(field, text, exempt):
    source, drafted_paragraphs = DRAFTED[field]
    chunks = _chunks(text)
    return [
        _block("drafted", source, "\n\n".join(chunks[:drafted_paragraphs]), exempt),
        *(_block("officer", text=chunk, exempt=exempt) for chunk in chunks[drafted_paragraphs:]),
    ]


def _section(heading, blocks):
    return {"id": _id(), "heading": heading, "numbered": True, "blocks": blocks}


def body_of(words, exempt, *, with_drafted_words=True):
    """The body of a report (or defaults) whose sections said ``words``."""

    def drafted(field):
        if with_drafted_words:
            return _drafted(field, words.get(field, ""), field in exempt)
        return [_block("drafted", DRAFTED[field][0])]

    def officer(field):
        return _officer(words.get(field, ""), field in exempt)

    return [
        _section("Reason for report", officer("reason_for_report")),
        _section("RECOMMENDATION(S)", officer("recommendations")),
        _section(
            "COMMENTARY",
            [
                *officer("commentary_background"),
                *drafted("commentary_inspections"),
                *drafted("commentary_areas"),
                _block("placed", "table"),
                *drafted("commentary_progress"),
                _block("placed", "risks"),
                *drafted("commentary_movement"),
                *officer("commentary_further"),
            ],
        ),
        _section("POLICY IMPLICATIONS", officer("policy_implications")),
        _section("FINANCIAL IMPLICATIONS", officer("financial_implications")),
        _section("LEGAL IMPLICATIONS", officer("legal_implications")),
    ]


def forwards(apps, schema_editor):
    CommitteeReport = apps.get_model("reports", "CommitteeReport")
    ReportDefaults = apps.get_model("reports", "ReportDefaults")
    for report in CommitteeReport.objects.all().iterator():
        words = {field: getattr(report, field) for field in PROSE}
        body = body_of(words, set(report.exempt_sections or []))
        # update(), not save(): a published report's save() refuses any change of content.
        CommitteeReport.objects.filter(pk=report.pk).update(body=body)
    for row in ReportDefaults.objects.all():
        values = dict(row.values or {})
        if not any(str(values.get(field) or "").strip() for field in PROSE):
            continue
        words = {**BUILT_IN, **{k: v for k, v in values.items() if k in PROSE and v.strip()}}
        body = body_of(words, set(), with_drafted_words=False)
        kept = {k: v for k, v in values.items() if k not in PROSE}
        ReportDefaults.objects.filter(pk=row.pk).update(body=body, values=kept)


def _words_of(body):
    """Back from a body to the sections (for reversing the migration): section by section."""
    words, exempt = dict.fromkeys(PROSE, ""), set()
    officer_fields = {
        0: "reason_for_report",
        1: "recommendations",
        3: "policy_implications",
        4: "financial_implications",
        5: "legal_implications",
    }
    drafted_fields = {source: field for field, (source, _) in DRAFTED.items()}

    def add(field, text, is_exempt):
        words[field] = "\n\n".join(part for part in (words[field], text) if part)
        if is_exempt:
            exempt.add(field)

    for index, section in enumerate(body or []):
        last = "commentary_background"
        for block in section["blocks"]:
            if block["kind"] == "placed":
                continue
            if block["kind"] == "drafted":
                last = drafted_fields[block["source"]]
                add(last, block["text"], block["exempt"])
            elif index in officer_fields:
                add(officer_fields[index], block["text"], block["exempt"])
            else:
                field = "commentary_further" if last == "commentary_movement" else last
                add(field, block["text"], block["exempt"])
    return words, exempt


def backwards(apps, schema_editor):
    CommitteeReport = apps.get_model("reports", "CommitteeReport")
    ReportDefaults = apps.get_model("reports", "ReportDefaults")
    for report in CommitteeReport.objects.all().iterator():
        words, exempt = _words_of(report.body)
        CommitteeReport.objects.filter(pk=report.pk).update(**words, exempt_sections=sorted(exempt))
    for row in ReportDefaults.objects.exclude(body=None):
        words, _ = _words_of(row.body)
        values = {**(row.values or {})}
        values.update({k: v for k, v in words.items() if k not in DRAFTED})
        ReportDefaults.objects.filter(pk=row.pk).update(values=values)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_report_defaults")]

    operations = [
        migrations.AddField(
            model_name="committeereport",
            name="body",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The numbered sections and their blocks (headway/reports/body.py).",
            ),
        ),
        migrations.AddField(
            model_name="reportdefaults",
            name="body",
            field=models.JSONField(
                blank=True,
                null=True,
                help_text="The sections and officer paragraphs a new report starts from, in "
                "place; empty: from the next layer down.",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        *(
            migrations.RemoveField(model_name="committeereport", name=field)
            for field in (*PROSE, "exempt_sections")
        ),
    ]
