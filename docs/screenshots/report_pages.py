"""Make the README's pictures of the demo's committee report: pages of the PDF (pdftoppm) and
of the Word file as Word lays it out (LibreOffice converts the .docx, then pdftoppm).

    .venv/bin/python docs/screenshots/report_pages.py

Needs Debian's poppler-utils and libreoffice-writer-nogui (``soffice``); runs on a throw-away
SQLite database with the demo loaded, and writes ``report-*.png`` beside this file.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _find_page(pdf: Path, needle: str, after: str | None = None) -> int:
    """The first page (1-based) whose text holds ``needle``, on or after the first that holds
    ``after``."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    started = after is None
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        started = started or after in flat
        if started and needle in flat:
            return number
    raise SystemExit(f"{needle!r} is on no page of {pdf.name}")


def _picture(pdf: Path, page: int, out: Path) -> None:
    pages = ["-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", *pages, str(pdf), str(out.with_suffix(""))],
        check=True,
    )
    print(f"{out.relative_to(ROOT)}: page {page} of {pdf.name}")


def main() -> None:
    for tool in ("pdftoppm", "pdftotext", "soffice"):
        if shutil.which(tool) is None:
            raise SystemExit(
                f"{tool} is missing: apt-get install poppler-utils libreoffice-writer-nogui"
            )
    with tempfile.TemporaryDirectory(prefix="headway-screens-") as folder:
        os.environ.update(
            HEADWAY_DATA_DIR=folder, DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING"
        )
        os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        from headway.demo.loader import load_demo
        from headway.reports.models import CommitteeReport
        from headway.reports.renderers import render
        from headway.reports.selectors import for_audience, report_context

        call_command("migrate", verbosity=0)
        plan = load_demo(password=None).plan
        report = CommitteeReport.objects.filter(plan=plan).order_by("-round__as_at").first()
        context = for_audience(report_context(report=report), "public")
        work = Path(folder)
        pdf = work / "report.pdf"
        pdf.write_bytes(render(context, "pdf"))
        docx = work / "report.docx"
        docx.write_bytes(render(context, "docx"))
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "word"),
                str(docx),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "HOME": folder},
        )
        word = work / "word" / "report.pdf"
        _picture(pdf, _find_page(pdf, "summarised in the table below"), HERE / "report-page.png")
        _picture(
            pdf,
            _find_page(pdf, "Building a", after="Appendix: the performance"),
            HERE / "report-appendix.png",
        )
        _picture(word, _find_page(word, "summarised in the table below"), HERE / "report-word.png")


if __name__ == "__main__":
    main()
