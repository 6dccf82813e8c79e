"""Without Redis, a server's processes share one cache through files, each keeping what it
reads in memory: what one worker computed serves the others and outlives a restart."""

import subprocess
import sys

from django.conf import settings

from headway.core.cache import ProcessAndFileCache


def _cache(folder) -> ProcessAndFileCache:
    return ProcessAndFileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": 50}})


def test_another_process_reads_what_this_one_stored(tmp_path):
    _cache(tmp_path).set("headway:page:1.1.1:7", ("text/html", b"<p>Table 3.7</p>"), 60)
    read = subprocess.run(  # noqa: S603 - this Python, a fixed script
        [
            sys.executable,
            "-c",
            "import sys; from django.conf import settings; settings.configure();"
            "from headway.core.cache import ProcessAndFileCache;"
            "print(ProcessAndFileCache(sys.argv[1], {}).get('headway:page:1.1.1:7'))",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert read.stdout.strip() == "('text/html', b'<p>Table 3.7</p>')"


def test_what_was_read_from_the_files_stays_in_memory(tmp_path):
    writer, reader = _cache(tmp_path), _cache(tmp_path / ".." / tmp_path.name)
    writer.set("key", "value", 60)
    reader._memory.clear()
    assert reader.get("key") == "value"  # from the files...
    for path in tmp_path.iterdir():
        path.unlink()
    assert reader.get("key") == "value"  # ...and now from memory
    assert writer.get("missing", "default") == "default"


def test_add_delete_touch_and_clear(tmp_path):
    cache = _cache(tmp_path)
    assert cache.add("key", 1, 60) is True
    assert cache.add("key", 2, 60) is False
    assert cache.get("key") == 1 and cache.has_key("key")
    assert cache.touch("key", 120) is True
    assert cache.delete("key") is True
    assert cache.get("key") is None
    cache.set("other", 3, 60)
    cache.clear()
    assert cache.get("other") is None
    assert not any(tmp_path.iterdir())
