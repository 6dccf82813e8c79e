"""The report as PDF: WeasyPrint prints the same HTML as the page, with the print stylesheet.

WeasyPrint gets a URL fetcher that serves the project's own static files and data: URIs and
refuses everything else, so nothing in a report (or a narrative that slipped through) can make
the server fetch a URL or read a local file.
"""

import mimetypes
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from .html import render_document

# A host that cannot exist (RFC 6761): relative URLs in the document resolve against it.
BASE_URL = "https://headway.invalid/"


def _static_file(url: str) -> Path | None:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL) or ".." in path.split("/"):
        return None
    relative = path[len(settings.STATIC_URL) :]
    found = finders.find(relative)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """Serves data: URIs and the project's static files; refuses everything else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url)
            if path is None:
                raise ValueError(f"Refused to fetch {url!r}: reports use only Headway's files.")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": mime_type})

    return StaticOnlyURLFetcher


def static_only_url_fetcher() -> Any:
    return _fetcher_class()()


_PICTOGRAPHS = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf]")


def _named_pictographs(value: Any) -> Any:
    """Emoji become their names in brackets: the only emoji font here is a colour bitmap font,
    and a PDF that embeds it loses its text layer (readers and screen readers get nothing)."""
    if isinstance(value, str):
        return _PICTOGRAPHS.sub(
            lambda m: f"[{unicodedata.name(m.group(), 'symbol').lower()}]", value
        )
    if isinstance(value, list):
        return [_named_pictographs(item) for item in value]
    if isinstance(value, dict):
        return {k: v if k == "chart" else _named_pictographs(v) for k, v in value.items()}
    return value


def render_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_document(_named_pictographs(context))
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_only_url_fetcher())
    return document.write_pdf()
