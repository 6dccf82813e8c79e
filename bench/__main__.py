"""``make bench``: run every benchmark module in this folder, or those named.

    .venv/bin/python -m bench               # all of them, in name order
    .venv/bin/python -m bench pages load    # only these

A benchmark module is any ``bench/<name>.py`` with a ``run()`` function; new ones are picked up
without touching this file.
"""

import importlib
import sys
import time
from pathlib import Path


def _modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(p.stem for p in here.glob("*.py") if not p.stem.startswith("_"))


def main(argv: list[str]) -> int:
    available = _modules()
    wanted = argv or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        print(f"No benchmark called {', '.join(unknown)}; there are: {', '.join(available)}")
        return 2
    ran = 0
    for name in wanted:
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "run", None)
        if not callable(run):
            continue  # a helper module, not a benchmark
        print(f"\n=== bench {name}")
        started = time.perf_counter()
        run()
        print(f"=== bench {name} took {time.perf_counter() - started:.0f} s")
        ran += 1
    if not ran:
        print("No benchmark module with a run() function was found.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
