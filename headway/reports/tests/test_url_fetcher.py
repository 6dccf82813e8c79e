"""WeasyPrint may fetch only Headway's own static files and data: URIs."""

import pytest

from headway.reports.renderers.pdf import BASE_URL, static_only_url_fetcher


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/tracker.png",
        "https://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        f"{BASE_URL}static/../config/settings.py",
        f"{BASE_URL}media/evidence/secret.pdf",
        "https://headway.invalid.example.com/static/reports/print.css",
        "ftp://example.com/x",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(ValueError, match=r"Refused|disallowed"):
        static_only_url_fetcher()(url)


def test_own_static_files_and_data_uris_are_served():
    fetcher = static_only_url_fetcher()

    css = fetcher(f"{BASE_URL}static/reports/print.css")
    data = fetcher("data:text/plain;base64,aGVhZHdheQ==")

    assert b"@page" in css.read()
    assert css.content_type == "text/css"
    assert data.read() == b"headway"
