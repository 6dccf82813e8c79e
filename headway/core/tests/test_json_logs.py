"""LOG_FORMAT=json: one JSON object per line, extra fields kept, exceptions included."""

import json
import logging

from headway.core.jsonlog import JsonFormatter


def format_record(**kwargs) -> dict:
    logger = logging.getLogger("headway.test")
    record = logger.makeRecord(
        "headway.test", logging.WARNING, __file__, 1, "Reminder not sent: %s", ("bounced",),
        None, extra=kwargs,
    )  # fmt: skip
    line = JsonFormatter().format(record)
    assert "\n" not in line
    return json.loads(line)


def test_a_log_line_is_one_json_object_with_its_extra_fields():
    entry = format_record(round_id=7, kind="before_deadline", detail="line one\nline two")

    assert entry["level"] == "WARNING"
    assert entry["logger"] == "headway.test"
    assert entry["message"] == "Reminder not sent: bounced"
    assert entry["round_id"] == 7
    assert entry["detail"] == "line one\nline two"
    assert "time" in entry
    assert "args" not in entry and "msg" not in entry


def test_an_exception_is_included_in_the_same_line():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        logger = logging.getLogger("headway.test")
        record = logger.makeRecord(
            "headway.test", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    entry = json.loads(JsonFormatter().format(record))

    assert "ValueError: boom" in entry["exception"]
