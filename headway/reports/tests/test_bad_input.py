"""Narratives with HTML, very long text, Welsh, emoji and XML-illegal characters render as text."""

import pytest
from django.db import connection

from headway.plans.models import ProgressUpdate
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_update

from .readback import docx_text, pdf_text

HOSTILE = '<script>alert("x")</script><b>bold</b> <img src="http://example.com/x.png">'
WELSH = "Gwasanaethau Cymdeithasol Plant: ŵ ŷ â ê î ô û — diolch"
EMOJI = "Families said 👍"
CONTROL = "Before\x00\x01\x08\x0b\x0c\x1b\ufffeAfter"
LONG = "Long narrative " + "word " * 6000


@pytest.fixture
def source(shared_source):
    """The source's plan, made once for this module (``module_source`` in conftest.py)."""
    return shared_source


@pytest.fixture
def hostile_report(draft, source):
    updates = ProgressUpdate.objects.filter(action__plan=source.plan, round=source.round)
    first, second, third, fourth = updates.order_by("action__reference")[:4]
    # PostgreSQL refuses NUL in text at all; SQLite stores it, so the renderers must drop it.
    stored_control = CONTROL if connection.vendor == "sqlite" else CONTROL.replace("\x00", "")
    narratives = ((first, HOSTILE), (second, f"{WELSH} {EMOJI}"), (third, stored_control))
    for update, narrative in narratives:
        ProgressUpdate.objects.filter(pk=update.pk).update(narrative=narrative)
    ProgressUpdate.objects.filter(pk=fourth.pk).update(narrative=LONG)
    return report_update(
        report=draft,
        by=source.lead,
        expected_version=draft.version,
        changes={"body": _with_raw_paragraphs(draft, HOSTILE, WELSH, CONTROL), "wards": CONTROL},
    )


def _with_raw_paragraphs(report, *texts):
    """The body with officer paragraphs added as typed (not cleaned first: the service must)."""
    body = [dict(section, blocks=list(section["blocks"])) for section in report.body]
    body[2]["blocks"] += [
        {"id": f"{index:08x}", "kind": "officer", "source": "", "text": text, "exempt": False}
        for index, text in enumerate(texts, start=1)
    ]
    return body


def _context(report):
    return for_audience(report_context(report=report), "public")


def test_html_escapes_markup_and_drops_illegal_characters(hostile_report):
    html = render(_context(hostile_report), "html").decode()

    assert "<script>" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert WELSH in html and EMOJI in html
    assert "BeforeAfter" in html and "\x00" not in html and "\x1b" not in html


def test_word_keeps_markup_as_literal_text(hostile_report):
    text = docx_text(render(_context(hostile_report), "docx"))

    assert HOSTILE in text
    assert WELSH in text and EMOJI in text
    assert "BeforeAfter" in text
    assert LONG.strip()[:200] in text


def test_pdf_shows_the_text(hostile_report):
    text = " ".join(pdf_text(render(_context(hostile_report), "pdf")).split())

    assert "<script>alert" in text and "<b>bold</b>" in text
    assert "Gwasanaethau Cymdeithasol Plant" in text and "ŵ ŷ" in text
    assert "Families said [thumbs up sign]" in text  # named, so the text layer survives
    assert "BeforeAfter" in text


def test_the_service_stores_officer_text_without_control_characters(draft, source):
    report = report_update(
        report=draft,
        by=source.lead,
        expected_version=draft.version,
        changes={"body": _with_raw_paragraphs(draft, CONTROL)},
    )

    report.refresh_from_db()
    assert report.body[2]["blocks"][-1]["text"] == "BeforeAfter"
    assert "\x00" not in str(report.body) and "\x1b" not in str(report.body)
