"""The rendered pages in headless Chromium: axe-core, requests, phone layout, skip link.

Each page is loaded twice, once per viewport: a 360 px phone (layout, text size, skip link,
axe) and a 1280 px desktop (axe again: Material shows different navigation there). Every
request either visit makes is recorded, so a font or script fetched by JavaScript from
another host is caught even when the markup does not name it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import Finding
from .chromium import LOOPBACK_ONLY, chromium, serve

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, unique names, skip-link targets).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"critical", "serious"}
MIN_TEXT_PX = 12  # Lighthouse's "legible font sizes" threshold, applied to every text node

# Browser-side probes, each returning plain data.
_LAYOUT = """() => {
  const doc = document.documentElement;
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element || !element.checkVisibility({visibilityProperty: true})) continue;
    const rect = element.getBoundingClientRect();
    // Empty boxes and the 1 px "visually hidden" labels that only screen readers read.
    if (rect.width <= 1 || rect.height <= 1) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < %d) small.push(`${element.tagName.toLowerCase()}.${element.className}: ${size}px “${node.textContent.trim().slice(0, 30)}”`);
  }
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1)
    .slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className}`);
  const viewport = document.querySelector('meta[name=viewport]');
  return {lang: doc.lang, scrollWidth: doc.scrollWidth, width: window.innerWidth, small: small.slice(0, 5),
          wide, viewport: viewport ? viewport.content : null};
}""" % MIN_TEXT_PX

_FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const href = a.getAttribute('href') || '';
  const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  return {tag: a.tagName.toLowerCase(), href, text: a.textContent.trim(), target: !!target,
          visible: a.getBoundingClientRect().height > 0};
}"""

_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def axe_script(explicit: Path | None = None) -> Path:
    """axe.min.js: given, $AXE_CORE_JS, or node_modules/ in the working folder or the repo."""
    candidates = [explicit, Path(os.environ["AXE_CORE_JS"]) if os.environ.get("AXE_CORE_JS") else None]
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidates.append(root / "node_modules" / "axe-core" / "axe.min.js")
    for candidate in candidates:
        if candidate and candidate.is_file():
            return candidate
    raise FileNotFoundError("axe-core not found: run scripts/install-test-tools (npm ci), or set AXE_CORE_JS")


@dataclass
class BrowserAudit:
    findings: list[Finding]
    requests: int  # all requests made, so a test can tell the recorder worked
    axe_runs: int


def audit_in_browser(site: Path, pages: list[str], axe: Path | None = None) -> BrowserAudit:
    script = axe_script(axe)
    findings: list[Finding] = []
    counts = {"requests": 0, "axe": 0}
    with serve(site) as base, chromium((LOOPBACK_ONLY,)) as browser:
        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        desktop = browser.new_context(viewport=DESKTOP)
        tabs = []
        for context in (phone, desktop):
            context.add_init_script(path=str(script))  # axe is ready on every page, unused until run
            tab, requested, failed = context.new_page(), [], []
            tab.on("request", lambda request, requested=requested: requested.append(request.url))
            # Files the page's scripts fetch, not in its markup, so the link check cannot see them.
            tab.on("response", lambda response, failed=failed: failed.append(response) if response.status >= 400 else None)
            tabs.append((tab, requested, failed))
        for page_path in pages:
            url = urljoin(base, page_path.removesuffix("index.html"))
            for (tab, requested, failed), is_phone in zip(tabs, (True, False)):
                requested.clear()
                failed.clear()
                findings += _visit(tab, url, page_path, phone=is_phone)
                counts["axe"] += 1
                counts["requests"] += len(requested)
                findings += _foreign_requests(page_path, url, requested)
                findings += [Finding("requests", page_path, f"{r.status} for {r.url}") for r in failed]
        phone.close()
        desktop.close()
    return BrowserAudit(sorted(set(findings)), counts["requests"], counts["axe"])


def _visit(tab, url: str, page_path: str, phone: bool) -> list[Finding]:
    findings = []
    tab.goto(url, wait_until="load")
    result = tab.evaluate(_AXE, AXE_TAGS)  # before the Tab key, which starts the skip link's fade-in
    width = f"{PHONE['width']} px" if phone else f"{DESKTOP['width']} px"
    for violation in result["violations"]:
        impact = violation.get("impact") or "minor"
        nodes = "; ".join(str(n["target"][-1]) for n in violation["nodes"][:3])
        message = f"{violation['id']} ({impact}, {width}): {violation['help']} — {nodes}"
        findings.append(Finding("a11y", page_path, message, "error" if impact in FAILING_IMPACTS else "warning"))
    if phone:
        findings += _phone_layout(tab, page_path)
        findings += _skip_link(tab, page_path)
    return findings


def _foreign_requests(page_path: str, url: str, requested: list[str]) -> list[Finding]:
    host = urlsplit(url).netloc
    return [
        Finding("requests", page_path, f"requested {address}")
        for address in requested
        if urlsplit(address).scheme in {"http", "https", "ws", "wss"} and urlsplit(address).netloc != host
    ]


def _phone_layout(page, page_path: str) -> list[Finding]:
    layout = page.evaluate(_LAYOUT)
    findings = []
    if layout["lang"] != "vi":
        findings.append(Finding("a11y", page_path, f'<html lang="{layout["lang"]}">, expected "vi"'))
    if layout["scrollWidth"] > layout["width"]:
        findings.append(Finding("mobile", page_path, f"{layout['scrollWidth']} px wide at {layout['width']} px: {', '.join(layout['wide'])}"))
    if not _viewport_lets_readers_zoom(layout["viewport"] or ""):
        findings.append(Finding("mobile", page_path, f"viewport meta {layout['viewport']!r} stops phones from fitting or zooming"))
    for text in layout["small"]:
        findings.append(Finding("mobile", page_path, f"text under {MIN_TEXT_PX} px: {text}"))
    return findings


def _skip_link(page, page_path: str) -> list[Finding]:
    """The first Tab must land on a visible link to an element of the same page."""
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    if not focused or not focused["href"].startswith("#") or not focused["target"]:
        return [Finding("a11y", page_path, f"first Tab stop is not a skip link to the content: {focused}")]
    if not focused["visible"]:
        return [Finding("a11y", page_path, f"skip link is not visible when focused: {focused}")]
    return []


def _viewport_lets_readers_zoom(content: str) -> bool:
    """Fits the device width and allows zooming (Lighthouse: no user-scalable=no, max scale ≥ 5)."""
    fields = dict(part.split("=", 1) for part in content.replace(" ", "").lower().split(",") if "=" in part)
    try:
        max_scale = float(fields.get("maximum-scale", "10"))
    except ValueError:
        max_scale = 10.0
    return fields.get("width") == "device-width" and fields.get("user-scalable") not in {"no", "0"} and max_scale >= 5
