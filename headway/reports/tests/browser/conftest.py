# The browser fixtures are the pages' own (Chromium, axe-core); the report fixtures are ours.
from headway.plans.tests.browser.conftest import axe_page, browser  # noqa: F401
