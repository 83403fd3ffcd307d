"""A reader polling a site's home page from its own process, as a web server would: used by
tests/test_atomic_build.py and bench/swap_bench.py to count the moments without a site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# As fast as one process can: each swap of the old design left a few microseconds without
# site/, which only a reader with a core to itself reliably hits.
_READER = """
import sys, pathlib
index, stop = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
reads = misses = 0
while not stop.exists():
    for _ in range(200):
        try:
            with open(index, "rb") as page:
                reads += b"</html>" in page.read()
        except OSError:
            misses += 1
print(reads, misses)
"""


class Reader:
    """Reads `site/index.html` in a loop from now until `finish()`; a miss is a failed open."""

    def __init__(self, site: Path):
        self.stop = site.parent / "stop-reading"
        self.stop.unlink(missing_ok=True)
        self.process = subprocess.Popen([sys.executable, "-c", _READER, str(site / "index.html"), str(self.stop)],
                                        stdout=subprocess.PIPE, text=True)

    def finish(self) -> tuple[int, int]:
        """(reads of a complete page, misses)."""
        self.stop.touch()
        reads, misses = map(int, self.process.communicate(timeout=30)[0].split())
        return reads, misses
