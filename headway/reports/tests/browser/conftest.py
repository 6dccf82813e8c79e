# The browser fixtures (Chromium, axe-core) are shared from headway/conftest.py.
