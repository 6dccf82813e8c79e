# The browser fixtures are the pages' own (Chromium, axe-core, the story plan).
from headway.plans.tests.browser.conftest import axe_page, browser, story  # noqa: F401
