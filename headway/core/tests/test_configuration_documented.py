"""Every environment variable Headway reads is documented and listed in .env.example."""

import re

from .production import ROOT

READS = re.compile(r"""(?:env(?:bool|int|list)|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def variables_read() -> set[str]:
    names = set()
    for source in ("config/settings.py", "config/gunicorn.py"):
        names |= set(READS.findall((ROOT / source).read_text()))
    return names


def test_every_variable_is_in_the_configuration_docs_and_env_example():
    names = variables_read()
    docs = (ROOT / "docs" / "configuration.md").read_text()
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))

    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SESSION_IDLE_MINUTES"} <= names
    assert sorted(n for n in names if f"`{n}`" not in docs) == []
    assert sorted(names - listed) == []
