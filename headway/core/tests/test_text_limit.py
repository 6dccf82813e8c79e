"""One limit for every free-text field people type into, defined once in ``core.text``."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from headway.core.text import LONG_TEXT_MAX, fit, too_long

# Text written by Headway itself, never typed by a person: (app, field).
SYSTEM_WRITTEN = {("reminders", "detail"), ("jobs", "message")}


def _typed_text_fields() -> list[tuple[str, models.TextField]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("headway.") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            name = f"{model._meta.app_label}.{model.__name__}.{field.name}"
            written = (model._meta.app_label, field.name) in SYSTEM_WRITTEN
            if isinstance(field, models.TextField) and not written:
                found.append((name, field))
    return found


def test_every_typed_text_field_carries_the_limit_and_its_validator():
    fields = _typed_text_fields()
    # Narratives, risks, decisions, actions … (a report's paragraphs are in its JSON body, whose
    # validation applies the same limit to each: reports/tests/test_body.py).
    assert len(fields) > 15
    for name, field in fields:
        assert field.max_length == LONG_TEXT_MAX, name
        # The database does not enforce a TextField's max_length: full_clean must.
        with pytest.raises(ValidationError):
            field.run_validators("x" * (LONG_TEXT_MAX + 1))
        field.run_validators("x" * LONG_TEXT_MAX)


def test_the_limit_fits_an_excel_cell():
    assert LONG_TEXT_MAX < 32_767


def test_too_long_names_the_limit_only_when_it_is_passed():
    assert too_long("x" * LONG_TEXT_MAX, LONG_TEXT_MAX) == ""
    assert too_long("x" * 20_001, LONG_TEXT_MAX) == "At most 20,000 characters (this has 20,001)."
    assert too_long("anything", None) == ""


def test_drafted_text_is_fitted_at_a_sentence_with_a_note():
    sentence = "A risk has been identified and referred to the board. "
    drafted = sentence * 1000  # 55,000 characters: a plan with a thousand risks

    fitted = fit(drafted, note="(Shortened.)")

    assert len(fitted) <= LONG_TEXT_MAX
    assert fitted.endswith("the board. (Shortened.)")
    assert fit("Short.", note="(Shortened.)") == "Short."
