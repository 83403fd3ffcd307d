"""Issue 14's named bugs, planted one at a time: the tests written for each must fail.

Each case copies the project's tracked files to a temporary folder, replaces one piece of code
with the bug (the same edit a careless change would make), and runs the tests that name that
bug there. A case passes when those tests FAIL on the bug. The unchanged code passes the same
tests in `make test`.

    .venv/bin/python bench/named_mutants.py            # every case (builds sites: ~5 min)
    .venv/bin/python bench/named_mutants.py related    # cases whose name contains "related"
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Bug:
    name: str
    file: str
    code: str  # exactly once in `file`
    bug: str
    tests: tuple[str, ...]


BUGS = [
    Bug("related records include the record itself", "generator/index.py",
        "if other.url != entry.url:", "if True:",
        ("tests/test_related.py",)),
    Bug("glossary meanings are not escaped", "generator/glossary.py",
        ".format(self.terms[word], word)", ".format(Markup(self.terms[word]), word)",
        ("tests/test_escaping_properties.py::test_abbreviations_keep_the_text_and_any_meaning_as_typed",
         "tests/test_escaping_properties.py::test_meanings_with_quotes_ampersands_and_markup_are_escaped")),
    Bug("Atom feeds without their language (RSS keeps it)", "generator/feeds.py",
        'generator.language("vi")', 'generator.language("vi"); generator._FeedGenerator__atom_feed_xml_lang = None',
        ("tests/test_portal.py::test_every_feed_is_valid",)),
    Bug("MkDocs' undated sitemap.xml.gz written", "generator/mkdocs_plugin.py",
        'config.theme.static_templates.discard("sitemap.xml")', "pass",
        ("tests/test_publishing.py::test_two_builds_of_the_same_input_are_byte_identical",)),
    Bug("Vietnamese order replaced by code-point order", "generator/vietnamese.py",
        # the original stays, renamed, below the plain one
        "def sort_key(text: str)", "def sort_key(text: str):\n    return text\n\n\ndef _original_sort_key(text: str)",
        ("tests/test_vietnamese.py::test_vietnamese_alphabetical_order",
         "tests/test_vietnamese.py::test_sort_key_puts_each_marked_letter_after_its_base_letter")),
    Bug("the body read one line early", "generator/loader.py",
        'after = "\\n".join(lines[end + 1 :])', 'after = "\\n".join(lines[end:])',
        ("tests/test_loader_properties.py::test_front_matter_and_body_read_back_as_written",)),
    Bug("no staging folder: the live site written directly", "generator/engine.py",
        "site_dir=str(staging)", "site_dir=str(target)",
        ("tests/test_engine_swap.py",
         "tests/test_atomic_build.py::test_two_builds_at_once_take_turns_and_a_reader_always_finds_a_complete_site")),
    Bug("the sitemap keeps a record made a draft for one more build", "generator/portal.py",
        "generated | previously_generated(self.docs_dir)", "generated",
        ("tests/test_unpublishing.py",)),
]


def tracked_copy(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def plant(root: Path, bug: Bug) -> None:
    path = root / bug.file
    text = path.read_text("utf-8")
    assert text.count(bug.code) == 1, f"{bug.file}: {bug.code!r} found {text.count(bug.code)} times"
    path.write_text(text.replace(bug.code, bug.bug, 1), "utf-8")


def main(selection: list[str]) -> int:
    chosen = [bug for bug in BUGS if not selection or any(s in bug.name for s in selection)]
    caught = 0
    for bug in chosen:
        with tempfile.TemporaryDirectory(prefix="named-mutant-") as folder:
            root = Path(folder)
            tracked_copy(root)
            plant(root, bug)
            started = time.monotonic()
            # The copy's own `generator` comes first on sys.path (the working folder).
            run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *bug.tests],
                                 cwd=root, capture_output=True, text=True)
            seconds = time.monotonic() - started
        failed = sorted(set(re.findall(r"^FAILED (\S+)", run.stdout, re.M)))
        summary = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
        ok = run.returncode == 1 and failed
        caught += bool(ok)
        print(f"{'CAUGHT ' if ok else 'MISSED '} {bug.name}  [{bug.file}: {bug.code!r} → {bug.bug.splitlines()[0]!r}]")
        for test in failed:
            print(f"    fails: {test}")
        print(f"    {summary}  ({seconds:.0f} s)")
    print(f"{caught} of {len(chosen)} named bugs caught by their tests")
    return 0 if caught == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
