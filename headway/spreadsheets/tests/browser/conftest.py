# The browser fixtures (Chromium, axe-core) are shared from headway/conftest.py; the story
# plan is the pages' own.
from headway.plans.tests.browser.conftest import story  # noqa: F401
