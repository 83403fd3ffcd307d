"""The browser code's unit tests (tests/js/*.test.mjs), run with Node.js's own test runner."""

from __future__ import annotations

import shutil
import subprocess

from conftest import REPO


def test_javascript_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is missing: scripts/install-test-tools installs it"
    files = sorted(str(path.relative_to(REPO)) for path in (REPO / "tests" / "js").glob("*.test.mjs"))
    assert files
    run = subprocess.run([node, "--test", *files], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
