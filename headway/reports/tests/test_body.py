"""A body's rules: what a valid body is, and what each edit does to it (pure functions)."""

import pytest
from django.core.exceptions import ValidationError

from headway.core.text import LONG_TEXT_MAX
from headway.reports import body as bodies


def _body():
    return bodies.validate(
        [
            bodies.section("Reason for report", bodies.officer_blocks("One.\n\nTwo.")),
            bodies.section(
                "COMMENTARY",
                [
                    bodies.block("drafted", "areas", "Five areas."),
                    bodies.block("placed", "table"),
                    *bodies.officer_blocks("Mine."),
                ],
            ),
        ]
    )


def _texts(body):
    return [[b["text"] or b["source"] for b in s["blocks"]] for s in body]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("not a list", "is a list of sections"),
        ([{"heading": "", "blocks": []}], "needs a heading"),
        ([{"heading": "A", "blocks": [{"kind": "poem"}]}], "not a paragraph or figure"),
        ([{"heading": "A", "blocks": [{"kind": "placed", "source": "pie"}]}], "unknown placed"),
        (
            [{"heading": "A", "blocks": [{"kind": "placed", "source": "table"}] * 2}],
            "already has the table",
        ),
        (
            [{"heading": "A", "blocks": [{"kind": "officer", "text": "x" * (LONG_TEXT_MAX + 1)}]}],
            "over 20,000 characters",
        ),
        ([{"heading": "A", "blocks": []}] * 31, "at most 30 sections"),
    ],
)
def test_a_body_that_is_not_one_is_refused_naming_why(broken, message):
    with pytest.raises(ValidationError, match=message):
        bodies.validate(broken)


def test_validation_cleans_text_and_drops_a_figures_words():
    body = bodies.validate(
        [
            {
                "heading": "A\x00",
                "blocks": [
                    {"kind": "officer", "text": "Before\x1bAfter"},
                    {"kind": "placed", "source": "table", "text": "typed figures"},
                ],
            }
        ]
    )

    assert body[0]["heading"] == "A"
    assert [b["text"] for b in body[0]["blocks"]] == ["BeforeAfter", ""]
    assert all(len(b["id"]) == 8 for b in body[0]["blocks"])


def test_blocks_move_within_and_across_sections_and_sections_move():
    body = _body()
    areas = body[1]["blocks"][0]["id"]

    body = bodies.move_block(body, block_id=areas, step=-1)
    assert _texts(body) == [["One.", "Two.", "Five areas."], ["table", "Mine."]]
    body = bodies.move_block(body, block_id=areas, step=1)
    body = bodies.move_block(body, block_id=areas, step=1)
    assert _texts(body) == [["One.", "Two."], ["table", "Five areas.", "Mine."]]
    body = bodies.move_section(body, section_id=body[1]["id"], step=-1)
    assert [s["heading"] for s in body] == ["COMMENTARY", "Reason for report"]


def test_an_officers_text_with_blank_lines_becomes_one_paragraph_each():
    body = _body()
    mine = body[1]["blocks"][2]["id"]

    body = bodies.edit_block(body, block_id=mine, text="First.\n\nSecond.", exempt=True)

    assert _texts(body)[1] == ["Five areas.", "table", "First.", "Second."]
    assert [b["exempt"] for b in body[1]["blocks"][2:]] == [True, True]
    with pytest.raises(ValidationError, match="remove it instead"):
        bodies.edit_block(body, block_id=mine, text="  ", exempt=False)


def test_a_new_report_takes_the_layout_with_officer_words_and_no_drafted_words():
    layout = bodies.template_of(_body())

    assert _texts(layout) == [["One.", "Two."], ["areas", "table", "Mine."]]
    assert bodies.parts_missing(layout)[0] == (
        "drafted",
        "inspections",
        bodies.DRAFTED["inspections"],
    )
    filled = bodies.fill_drafted(layout, {"areas": "Drafted today."})
    assert _texts(filled)[1] == ["Drafted today.", "table", "Mine."]


def test_a_block_or_section_that_is_gone_is_said_so():
    with pytest.raises(ValidationError, match="no longer in the report"):
        bodies.remove_block(_body(), block_id="deadbeef")
    with pytest.raises(ValidationError, match="no longer in the report"):
        bodies.remove_section(_body(), section_id="deadbeef")
