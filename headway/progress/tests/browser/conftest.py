"""Real-browser fixtures for the progress pages: the plans app's story and axe helpers."""

from headway.plans.tests.browser.conftest import (  # noqa: F401
    axe_violations,
    describe,
    sign_out,
    story,
)
