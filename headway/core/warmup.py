"""Load, once in the server's master process, what every worker would otherwise load on its
first request: every view (through the URLs), the templates, and the chart library.

gunicorn (``config/gunicorn.py``, ``preload_app``) calls ``warm`` before it forks its workers, so
a worker starts (and is restarted after ``max_requests``) with all of it already in memory. Cold,
a worker's first request took one to five seconds of CPU, taken from the requests of the others.
"""

import io
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver

from .components import load_components

logger = logging.getLogger(__name__)


def warm() -> None:
    started = time.monotonic()
    get_resolver().url_patterns  # noqa: B018 - imports every view module and what it imports
    for name in _template_names():
        try:
            get_template(name)  # compiled and kept by the cached loader
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a fragment: loaded when used
            continue
    load_components()
    _draw_a_chart()

    # Nothing opened here may be shared by the forked workers.
    connections.close_all()
    caches.close_all()
    logger.info("Warmed up in %.1f s", time.monotonic() - started)


def _draw_a_chart() -> None:
    """The charts' library is slow to import and to draw its first figure (fonts, backends)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    figure.add_subplot().barh(["Achieved"], [1])
    for kind in ("svg", "png"):
        figure.savefig(io.BytesIO(), format=kind)


def _template_names() -> list[str]:
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += sorted(Path(settings.BASE_DIR, "headway").glob("*/templates"))
    return sorted({str(path.relative_to(root)) for root in roots for path in root.rglob("*.html")})
