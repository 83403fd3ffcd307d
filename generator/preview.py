"""Live preview that stays fast on a large site: an edit re-renders the pages it changes, not all.

`mkdocs serve` rebuilds every page on every save (a minute at 10,000 records). Here the site is
built once, and the state of both stages is kept in memory: the validated entries and their
rendered bodies (core), and MkDocs' file list, navigation and template environment (engine).
When an entry file changes:

1. fast path: only that file is re-read and validated, and only its own page is planned,
   written and rendered; browsers showing the site reload at once;
2. settle path: the whole plan is recomputed from the in-memory entries (bodies are cached, so
   this is templates only), and only pages whose Markdown changed (listings, home, related
   blocks) are rendered again. A newer edit interrupts it and starts again from step 1.

A change to the set of pages (new record, new slug, a record published or withdrawn), to the
catalogue or to the theme falls back to a full build, as `mkdocs serve` would do.
The preview's site goes to a temporary folder, never to `site/`.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import logging
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from .catalogue import Catalogue, load_catalogue
from .docsfolder import scan_docs, scan_theme
from .glossary import Glossary, load_glossary
from .images.library import image_sources, normalised_src
from .index import build_index
from .loader import MAX_FILE_BYTES, Kind, SourceFile, read_source, refused_problem
from .markup import BodyRenderer, RenderedBody
from .overlay import with_overlay
from .pages import Page, Planner
from .problems import Problem, errors
from .publish import hold_locks, project_lock
from .publish.swap import publish, staging_folder
from .records import Entry
from .safefiles import FileRefused, markdown_files, read_limited
from .cms import ADMIN_DIR
from .site import make_planner, now_in_vietnam, plan_site
from .validate import _check_references, _check_unique, _validate_one
from .outputs import LinkedFile
from .writer import page_source, write_pages
from .yamlfile import YamlError

log = logging.getLogger("mkdocs.plugins.guong-sang.preview")


class CachingBodies(BodyRenderer):
    """Body renderer that remembers results: the settle path re-plans every page, but bodies
    (Markdown + sanitising, most of the cost) only change for the edited entry."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._cache: dict[tuple[str, str], RenderedBody] = {}

    def render(self, body: str, page_url: str) -> RenderedBody:
        key = (page_url, body)
        if (hit := self._cache.get(key)) is None:
            hit = self._cache[key] = super().render(body, page_url)
        return hit

    def forget(self, page_url: str) -> None:
        for key in [k for k in self._cache if k[0] == page_url]:
            del self._cache[key]


class _EngineRecorder(BasePlugin):
    """Keeps the objects MkDocs builds once per build (files, navigation, templates)."""

    files = nav = env = None

    def on_files(self, files, config):
        self.files = files
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env


@dataclass
class Update:
    """What one round of changes did, for the console and for the benchmark."""

    rendered: list[str] = field(default_factory=list)  # page paths rendered by the engine
    full_build: bool = False
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


class PreviewSite:
    def __init__(self, config_file: Path, site_dir: Path, now: dt.datetime | None = None):
        self.config_file = config_file.resolve()
        self.site_dir = site_dir
        self.fixed_now = now
        self.file_problems: dict[str, list[Problem]] = {}  # by file: reading, schema, lists
        self.cross_problems: list[Problem] = []  # between files: duplicates, references
        self.page_sources: dict[str, bytes] = {}  # page path → its Markdown as written
        self.glossary = Glossary()
        self.bodies = CachingBodies()
        self.entries: dict[str, Entry] = {}  # by source path
        self.unsafe: list[Problem] = []  # in docs/ or the theme: links leaving the project

    # -- full build ---------------------------------------------------------------------

    @property
    def problems(self) -> list[Problem]:
        return [p for found in self.file_problems.values() for p in found] + self.cross_problems

    def full_build(self, reload: bool = True) -> Update:
        """Build everything; with `reload`, re-read every entry file first."""
        started = time.perf_counter()
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        root = self.config_file.parent
        plugin = config.plugins["guong-sang"]
        self.project = plugin.project(config)
        if reload:
            self._load_all()
            glossary = load_glossary(self.project.entries_dir)[0]
            if glossary.terms != self.glossary.terms:  # bodies render abbreviations from it
                self.glossary, self.bodies = glossary, CachingBodies(glossary=glossary.terms)
        if errors(self.problems):
            if not self.unsafe and not (self.site_dir / "404.html").is_file():
                # Started with an invalid entry: show the pages docs/ holds from the last good
                # build (the core writes nothing while entries have errors), under the problems.
                self._render(config, plugin)
            return Update(problems=self.problems, seconds=time.perf_counter() - started)
        write_pages(self._plan_all(), self.project.docs_dir)
        recorder = self._render(config, plugin)
        self.config, self.files, self.nav, self.env = config, recorder.files, recorder.nav, recorder.env
        self.doc_files = self.files.documentation_pages()
        return Update(full_build=True, problems=self.problems, seconds=time.perf_counter() - started)

    def _render(self, config, plugin) -> "_EngineRecorder":
        """Render the docs tree as it is into the site folder with MkDocs."""
        # The core's pages are written; MkDocs must not plan them again (that is the slow part).
        config.plugins.events["pre_build"] = [
            method for method in config.plugins.events["pre_build"] if getattr(method, "__self__", None) is not plugin
        ]
        recorder = _EngineRecorder()
        config.plugins["guong-sang-preview"] = recorder
        # Rendered beside the served folder and swapped in at once: MkDocs empties its site
        # folder first, and readers (the web editor too) got 404s for the seconds it took.
        staging = staging_folder(self.site_dir)
        config["site_dir"] = str(staging)
        try:
            mkdocs_build(config, serve_url="/")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            config["site_dir"] = str(self.site_dir)
        publish(staging, self.site_dir)
        for file in recorder.files or ():  # later edits are rendered into the served folder
            file.dest_dir = str(self.site_dir)
            file.__dict__.pop("abs_dest_path", None)  # a cached_property of MkDocs' File
        return recorder

    def _load_all(self) -> None:
        self.entries, self.file_problems, self.cross_problems = {}, {}, []
        # Files the engine must not copy (links leaving the project): nothing is rendered then.
        self.unsafe = scan_docs(self.project.docs_dir, self.project.root).unsafe
        self.unsafe += scan_theme(self.project.theme_dirs, self.project.root)
        for problem in self.unsafe:
            self.file_problems.setdefault(problem.path, []).append(problem)
        catalogue, problems = load_catalogue(self.project.entries_dir)
        if catalogue is None:
            self.file_problems[""] = problems
            return
        self.catalogue: Catalogue = catalogue
        for listed in markdown_files(self.project.entries_dir, self.project.root):
            path = listed.path
            if listed.refused:  # reported, as `check` does, rather than silently left out
                self.file_problems[self._shown(path)] = [refused_problem(self._shown(path), listed.refused)]
                continue
            entry, found = self._read_entry(path)
            if entry is not None:
                self.entries[entry.path] = entry
            if found:
                self.file_problems[self._shown(path)] = found
        self._cross_check()

    def _cross_check(self) -> None:
        """Problems between files (duplicate slugs, unknown references), recomputed in O(N)."""
        entries = list(self.entries.values())
        self.cross_problems = _check_unique(entries) + _check_references(entries)

    def _now(self) -> dt.datetime:
        return self.fixed_now or now_in_vietnam()

    def _planner(self) -> Planner:
        planner = make_planner(self.project, build_index(list(self.entries.values()), self._now()), self.glossary)
        planner.bodies = self.bodies
        return planner

    def _plan_all(self) -> Iterator[Page]:
        self.page_sources = {}
        for item in plan_site(self._planner(), self.project):  # pages and portal files, as a build
            if isinstance(item, Page):
                self.page_sources[item.path] = page_source(item).encode("utf-8")
            yield item

    # -- incremental --------------------------------------------------------------------

    def _showing(self, changed: set[Path]) -> set[Path]:
        """`changed`, a photo of the media folder replaced by the entry files showing it: their
        pages are rendered again, not the whole site (65 s at 10,000 records, bench/RESULTS.md
        "Preview"). While an entry has problems, the photo stays (a full build): a "not found"
        may be about it. A photo no entry shows changes nothing (the pages of docs/ show theirs
        as they are)."""
        media = self.project.media_dir
        photos = {path for path in changed if path.is_relative_to(media)}
        if not photos or errors(self.problems) or not hasattr(self, "files"):
            return changed
        # NFC, as entries are stored: a Mac names files NFD (images/library.py: file_of).
        names = {unicodedata.normalize("NFC", path.relative_to(self.project.docs_dir).as_posix()) for path in photos}
        showing = {self.project.root / entry.path for entry in self.entries.values()
                   if names.intersection(map(normalised_src, image_sources(entry.fields, entry.body)))}
        return (changed - photos) | showing

    def _shown(self, path: Path) -> str:
        return path.relative_to(self.project.root).as_posix()

    def _read_entry(self, path: Path) -> tuple[Entry | None, list[Problem]]:
        shown = self._shown(path)
        relative = path.relative_to(self.project.entries_dir)
        try:
            kind = Kind(relative.parts[0]) if len(relative.parts) > 1 else None
        except ValueError:
            kind = None
        if kind is None:
            return None, [Problem(shown, 1, "", "Tệp nằm ngoài các thư mục nội dung; không biết đây là loại bài gì.")]
        try:
            # Never a plain read: a FIFO named like an entry would block the watcher for ever,
            # and a link leaving the project would be published.
            raw = read_limited(path, self.project.root, MAX_FILE_BYTES)
            source: SourceFile = read_source(raw, shown, kind)
        except FileRefused as refused:
            return None, [refused_problem(shown, refused.reason)]
        except YamlError as error:
            return None, [error.problem]
        return _validate_one(source, self.catalogue, self.project.docs_dir)

    def apply(self, changed: Iterable[Path], settle: bool = True, interrupted=lambda: False) -> Update:
        """Take in changed or deleted files; re-render what they affect."""
        started = time.perf_counter()
        changed = sorted(self._showing(set(changed)))
        if not hasattr(self, "files") or any(
            not p.is_relative_to(self.project.entries_dir) or p.suffix != ".md" for p in changed
        ):
            return self.full_build()  # first good build, catalogue, hand-written pages or theme
        touched: list[Entry] = []
        for path in changed:
            shown = self._shown(path)
            self.file_problems.pop(shown, None)
            old = self.entries.pop(shown, None)
            if old is not None:
                self.bodies.forget(old.url)
            if not path.exists():
                continue
            entry, found = self._read_entry(path)
            if found:
                self.file_problems[shown] = found
            if entry is not None:
                self.entries[shown] = entry
                touched.append(entry)
        self._cross_check()
        update = Update(problems=self.problems)
        if errors(update.problems):
            update.seconds = time.perf_counter() - started
            return update  # keep showing the last good pages, with the problems on top

        # 1. fast path: the edited entries' own pages.
        planner = self._planner()
        for entry in touched:
            if entry.url not in planner.index.by_url:
                continue  # draft or scheduled: the settle path removes its page
            page = planner.entry_page(entry)
            if page.path not in self.page_sources:
                return self.full_build(reload=False)
            self._write_and_render([page], update)
        update.seconds = time.perf_counter() - started
        if settle and not interrupted():
            self.settle(update, interrupted)
        return update

    def settle(self, update: Update, interrupted=lambda: False) -> None:
        """Bring every other page up to date; stop early when a newer edit arrives."""
        planned: dict[str, Page] = {}
        for item in plan_site(self._planner(), self.project):
            if interrupted():
                return
            if isinstance(item, Page):
                planned[item.path] = item
            elif isinstance(item, LinkedFile) and not (self.project.docs_dir / item.path).exists():
                # A photo added, or a share card for an edited title: published beside the pages
                # as MkDocs would copy it (named by content, so never a stale copy).
                for root in (self.project.docs_dir, self.site_dir):
                    (root / item.path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(item.source, root / item.path)
        if set(planned) != set(self.page_sources):
            update.full_build = True
            self.full_build(reload=False)
            return
        changed = [page for path, page in planned.items() if page_source(page).encode("utf-8") != self.page_sources[path]]
        self._write_and_render(changed, update)

    def _write_and_render(self, pages: list[Page], update: Update) -> None:
        for page in pages:
            content = page_source(page).encode("utf-8")
            target = self.project.docs_dir / page.path
            if self.page_sources.get(page.path) != content:
                target.write_bytes(content)
                self.page_sources[page.path] = content
            file = self.files.get_file_from_path(page.path)
            _populate_page(file.page, self.config, self.files)
            _build_page(file.page, self.config, self.doc_files, self.nav, self.env)
            update.rendered.append(page.path)


# -- watching files and serving the site ----------------------------------------------------


class _Watcher:
    """Collects changed paths from watchdog events (editors often save by rename)."""

    def __init__(self, roots: list[Path]):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.changed: set[Path] = set()
        self.event = threading.Event()
        self.lock = threading.Lock()
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
                with watcher.lock:
                    for path in paths:
                        name = Path(path).name
                        if not name.startswith(".") and not name.endswith(("~", ".swp", ".tmp")):
                            watcher.changed.add(Path(path))
                watcher.event.set()

        self.roots = roots
        self.observer = Observer()
        for root in roots:
            self.observer.schedule(Handler(), str(root), recursive=True)
        self.observer.start()

    def take(self) -> set[Path]:
        with self.lock:
            changed, self.changed = self.changed, set()
            self.event.clear()
        return changed

    def stop(self) -> None:
        self.observer.stop()


_RELOAD_SCRIPT = """<script>(function(){var v=%d;function w(){fetch("/__preview/wait?since="+v).then(function(r){return r.json()}).then(function(d){if(d.version!==v){location.reload()}else{w()}}).catch(function(){setTimeout(w,1000)})}w()})();</script>"""


class _Version:
    def __init__(self) -> None:
        self.number = 0
        self.condition = threading.Condition()

    def bump(self) -> None:
        with self.condition:
            self.number += 1
            self.condition.notify_all()

    def wait(self, since: int, timeout: float = 25.0) -> int:
        with self.condition:
            self.condition.wait_for(lambda: self.number != since, timeout)
            return self.number


def make_handler(site: PreviewSite, version: _Version):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site.site_dir), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 - the console is for editors
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/__preview/wait":
                since = int(parse_qs(url.query).get("since", ["0"])[0])
                self._send(json.dumps({"version": version.wait(since)}).encode(), "application/json")
                return
            target = Path(self.translate_path(unquote(url.path)))
            status = 200
            if target.is_dir():
                if not url.path.endswith("/"):
                    return super().do_GET()  # redirect to the slash form
                target = target / "index.html"
            if not target.exists() and target.suffix in ("", ".html"):
                target, status = site.site_dir / "404.html", 404  # the theme's page, never a listing
            # The web editor (/admin/) must not reload itself when the record it saved rebuilds.
            if target.suffix == ".html" and target.is_file() and not url.path.startswith("/" + ADMIN_DIR):
                html = target.read_text("utf-8", errors="replace")
                problems = errors(site.problems)
                if problems:
                    html = with_overlay(html, problems)
                html = html.replace("</body>", _RELOAD_SCRIPT % version.number + "</body>", 1)
                self._send(html.encode("utf-8"), "text/html; charset=utf-8", status)
                return
            super().do_GET()

        def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def run_preview(config_file: Path, dev_addr: str) -> None:
    host, _, port = dev_addr.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="guong-sang-preview-"))
    watcher: _Watcher | None = None
    server: http.server.ThreadingHTTPServer | None = None
    try:  # from the folder's creation on: a preview stopped during its first build removes it too
        site = PreviewSite(config_file, site_dir)
        # Like a build, the preview writes docs/: it takes turns with builds of the same project.
        lock = [project_lock(config_file.resolve().parent)]
        say = lambda message: print(message, flush=True)  # noqa: E731
        print("Đang dựng toàn bộ trang lần đầu…", flush=True)
        with hold_locks(lock, say=say, what="thư mục docs/ và build/ của dự án"):
            first = site.full_build()
        _report(first)
        version = _Version()
        root = site.project.root
        # The media folder too: editors copy a record's photo in after writing the record, or
        # replace one; the build's check would see it, this preview must as well.
        media = site.project.media_dir
        watcher = _Watcher([site.project.entries_dir, *([media] if media.is_dir() else [])])
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), make_handler(site, version))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        watched = " và ".join(f"{folder.relative_to(root) if folder.is_relative_to(root) else folder}/"
                              for folder in watcher.roots)
        print(f"Xem trước tại http://{host or '127.0.0.1'}:{port}/ — sửa tệp trong {watched}, trang tự cập nhật. Nhấn Ctrl+C để dừng.", flush=True)
        while True:
            watcher.event.wait()
            time.sleep(0.02)  # let an editor's save (write + rename) finish
            changed = watcher.take()
            if not changed:
                continue
            with hold_locks(lock, say=say, what="thư mục docs/ và build/ của dự án"):
                # Fast path, then show it; the settle path follows unless another edit is waiting.
                update = site.apply(changed, settle=False)
                version.bump()
                _report(update)
                if not errors(update.problems) and not update.full_build and not watcher.event.is_set():
                    fast = len(update.rendered)
                    started = time.perf_counter()
                    site.settle(update, interrupted=watcher.event.is_set)
                    version.bump()
                    if not watcher.event.is_set():
                        print(f"Xem trước: cập nhật thêm {len(update.rendered) - fast} trang liên quan trong {time.perf_counter() - started:.2f} giây.", flush=True)
    except KeyboardInterrupt:
        print("Đã dừng xem trước.", flush=True)
    finally:
        if watcher is not None:
            watcher.stop()
        if server is not None:
            server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _report(update: Update) -> None:
    for problem in sorted(update.problems):
        print(str(problem), flush=True)
    what = "dựng toàn bộ" if update.full_build else f"{len(update.rendered)} trang"
    print(f"Xem trước: {what} trong {update.seconds:.2f} giây.", flush=True)
