"""Mutation score per module from the last `make mutation` run (mutmut's mutants/*.meta files).

Prints a Markdown table for bench/RESULTS.md, then every mutant that survived or found no
test, so that each one is either killed by a new test or listed there as equivalent.

    .venv/bin/python bench/mutation_report.py [--survivors-only]
"""

from __future__ import annotations

import argparse
import json
from fnmatch import fnmatch
from collections import Counter
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py): a test failed (1, 3), the mutant ran too long (SIGXCPU
# or mutmut's own timeout), no test ran the mutated function (33, 5), every test passed (0).
KILLED = {1, 3}
TIMEOUT = {36, -24, 24, 152, 255}
# -9 (SIGKILL: the runner's limit ran out) is left "suspicious", counted as not killed: on the
# loaded machine it was a mutant that survived many slow tests (e.g. load_glossary's 86).
NO_TESTS = {33, 5}
SURVIVED = {0}
NOT_RUN = {None, 34}


def status(code: int | None) -> str:
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    if code in NO_TESTS:
        return "no tests"
    if code in SURVIVED:
        return "survived"
    if code in NOT_RUN:
        return "not run"
    return "suspicious"


# Survivors judged equivalent (no test can tell them from the original) or out of mutmut's
# reach, by mutant name (fnmatch pattern) → reason. Listed in bench/RESULTS.md; counted as
# "equivalent" and left out of the score. Every other survivor needs a test.
EQUIVALENT = {
    # mutmut 3 switches mutants on at call time through a trampoline; these factories run once,
    # at import, before the worker sets its mutant, so their mutants can never be switched on.
    # What they build (the open data columns) is checked value by value in test_portal_files.py.
    "generator.opendata.x__field__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__term__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__unit_name__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__unit_id__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__count__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__period__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__decision__mutmut_*": "import-time factory (column table built on import)",
    "generator.opendata.x__common__mutmut_*": "import-time factory (column table built on import)",
    # unicodedata.digit's default is used only for a character that isdigit() but has no digit
    # value; Unicode has none (every Numeric_Type=Digit character has a digit value).
    "generator.vietnamese.x__rank_other__mutmut_2": "digit() default never used (no digit without a value)",
    "generator.vietnamese.x__rank_other__mutmut_4": "digit() default never used (no digit without a value)",
    "generator.vietnamese.x__rank_other__mutmut_5": "digit() default never used (no digit without a value)",
    # Other scripts rank 1000 + code point, far above letters (10–41) and digits (0–9): 1001 + is the same order.
    "generator.vietnamese.x__rank_other__mutmut_7": "a constant offset above every letter rank: same order",
    "generator.vietnamese.x_format_short_date__mutmut_3": "a numeric pattern (dd/MM/yyyy) prints the same digits in every locale",
    "generator.vietnamese.x_format_short_date__mutmut_6": "a numeric pattern (dd/MM/yyyy) prints the same digits in every locale",
    # An entry is always a member of each group it looks in for related records (its own unit,
    # category…), so the group exists and .get's default is never used; and taking more
    # candidates than limit + 1 from each sorted group cannot change the newest `limit`.
    **{f"generator.index.xǁSiteIndexǁrelated__mutmut_{n}": "the group always exists (the entry is in it)" for n in (5, 7)},
    "generator.index.xǁSiteIndexǁrelated__mutmut_9": "more candidates than limit + 1 per sorted group: same top `limit`",
    # `unit(None)` and `unit("")` find nothing either way: no unit has an empty id.
    "generator.index.xǁSiteIndexǁunit__mutmut_2": "looking up None/'' finds nothing, as the guard returns",
    # The labels of the unit and model taxonomies are read only for models' units (statistics),
    # set first by the model record itself (models are indexed before commendations); units and
    # models are named on pages by their own records' titles.
    "generator.index.x__memberships__mutmut_22": "a news record's model label is never read (no page lists the model taxonomy)",
    "generator.index.x__memberships__mutmut_34": "a commendation's unit label is never read (only models' unit terms are)",
    "generator.index.x__related_groups__mutmut_3": "keys is empty there: `=` and `+=` give the same list",
    "generator.index.x__related_groups__mutmut_28": "only units reach that branch; a unit without parent adds (parent, None), a group that never exists",
    # Slicing from None is slicing from 0; the FileNotFoundError raised to take the "no file"
    # branch is caught on the next line, its argument never read.
    "generator.glossary.xǁGlossaryǁ_abbreviate__mutmut_7": "text[None:i] is text[0:i] (the first slice starts at 0)",
    "generator.glossary.x_load_glossary__mutmut_6": "the exception's argument is never read (caught at once)",
    # web_address keeps only http(s) results after safe_url, so safe_url's own scheme list
    # (http(s) or also mailto/tel) cannot change what it returns.
    "generator.escaping.x_web_address__mutmut_7": "the result's scheme is checked again against http(s)",
    "generator.escaping.x_json_text__mutmut_11": "ensure_ascii=None is falsy like False (json tests it for truth)",
    "generator.escaping.x_percent_encode_unsafe__mutmut_10": "codec names are case-insensitive (UTF-8)",
    # The collector reads tags and attributes only; HTMLParser unescapes attribute values
    # whatever convert_charrefs says (it concerns text, which is not looked at).
    **{f"generator.rawhtml.xǁ_Collectorǁ__init____mutmut_{n}": "convert_charrefs concerns text, never read here" for n in (1, 2)},
    # Needles are lower case already (HTMLParser lowercases tag and attribute names): stripping
    # "X" besides ">" from their end changes none.
    "generator.rawhtml.x_sanitiser_warnings__mutmut_8": "needles are lower case: an extra 'X' to strip is never there",
    # The exit status of a child whose build died between fork and the tie: nobody waits for it
    # (its parent is gone), and the moment cannot be reached from a test.
    **{f"generator.publish.children.x_tied_to_this_process__mutmut_{n}": "exit status of an orphan nobody waits for"
       for n in (9, 10)},
    # The build lock: the holder's line (its pid and "\n") is always longer than 1 byte, so
    # truncating to 1 before writing it changes nothing; `told` None is falsy like False; the
    # others change the wait by at most one poll (0.2 s), below what a loaded machine can time;
    # the holder writes ASCII digits, which every encoding tried here reads the same.
    "generator.publish.lock.xǁFileLockǁacquire__mutmut_35": "truncate to 1 byte, then a longer line is written over it",
    "generator.publish.lock.x__acquire__mutmut_3": "told=None is falsy like False",
    **{f"generator.publish.lock.x__acquire__mutmut_{n}": "at most one extra 0.2 s poll (timing below noise)" for n in (18, 30, 31)},
    **{f"generator.publish.lock.x__holder__mutmut_{n}": "the holder file holds ASCII digits (read alike)" for n in (2, 4)},
    # Sweeping leftovers: rmtree refuses a link and a plain file with ignore_errors anyway, so
    # testing is_dir() "or" instead of "and" removes nothing more; ignore_errors matters only
    # when a removal fails (a folder the background remover is deleting at the same moment),
    # which tests running as root cannot provoke by permissions.
    "generator.publish.swap.x_remove_leftovers__mutmut_2": "rmtree with ignore_errors leaves links and files alone anyway",
    **{f"generator.publish.swap.x_remove_leftovers__mutmut_{n}": "a failing removal is not provokable as root (race with the remover)"
       for n in (5, 7, 8)},
    # Longest first matters only between words starting at the same place, i.e. a word and its
    # own prefix ("GD", "GD&ĐT"); reverse alphabetical order also puts a word before its prefix.
    **{f"generator.glossary.xǁGlossaryǁ__post_init____mutmut_{n}": "reverse A-Z order also puts a word before its prefix"
       for n in (3, 6)},
    # csv.writer's default line terminator is "\r\n" already; codec names are case-blind.
    # (Renumbered 2026-12-01: the numbers written last session had moved onto other mutants.)
    "generator.opendata.x_csv_bytes__mutmut_9": "csv.writer's default lineterminator is the same \\r\\n",
    "generator.opendata.x_csv_bytes__mutmut_17": "codec names are case-insensitive (UTF-8-SIG)",
    **{f"generator.opendata.x_data_files__mutmut_{n}": "codec names are case-insensitive (UTF-8)" for n in (18, 39)},
    # The pager always shows page 1 (it is in the set), so starting the window at 2 instead of
    # 1, or counting gaps from 1 instead of 0 before it, shows the same links.
    **{f"generator.listings.xǁListingPageǁpager__mutmut_{n}": "page 1 is always shown: the window or gap from 1 is the same"
       for n in (15, 27)},
    # paginate.Page's page defaults to 1 (and None is read as 1); building page 1 again
    # instead of reusing the first Page gives an equal page.
    **{f"generator.listings.x_paginate_listing__mutmut_{n}": "paginate's page defaults to 1 (None too)" for n in (3, 6)},
    "generator.listings.x_paginate_listing__mutmut_23": "page 1 rebuilt instead of reused: an equal page",
    # Python-Markdown's image (inline or by reference) always sets src and alt, even empty ones,
    # so the defaults of .get are never used; a missing title popped as None is falsy like "".
    **{f"generator.markup.xǁ_FigureProcessorǁ_to_figure__mutmut_{n}": "Markdown's <img> always has src and alt; no title: None ≡ ''"
       for n in (3, 5, 8, 10, 34, 36, 39)},
    "generator.markup.xǁ_FigureProcessorǁ_to_figure__mutmut_135": "an empty tail and no tail serialise alike",
    "generator.markup.xǁBodyRendererǁrender__mutmut_80": "nh3's default link_rel is the same \"noopener noreferrer\"",
    # nh3 parses and writes the HTML again, so Markdown's XHTML (<img />) or HTML output, in
    # any letter case, cleans to the same; the processor's name is never looked up and its md
    # never read.
    **{f"generator.markup.xǁBodyRendererǁ__post_init____mutmut_{n}": "nh3 re-serialises: Markdown's XHTML or HTML cleans alike"
       for n in (9, 30)},
    "generator.markup.xǁHeadingIdsǁextendMarkdown__mutmut_2": "the processor's registry name is never looked up",
    "generator.markup.xǁHeadingIdsǁextendMarkdown__mutmut_7": "the heading processor never reads its md",
    **{f"generator.markup.xǁHeadingIdsǁextendMarkdown__mutmut_{n}": "the processor's registry name is never looked up" for n in (8, 9)},
    **{f"generator.markup.xǁFiguresǁextendMarkdown__mutmut_{n}": "the processor's registry name is never looked up" for n in (2, 11, 12)},
    "generator.markup.xǁFiguresǁextendMarkdown__mutmut_7": "the figure processor never reads its md",
    "generator.markup.xǁ_FigureProcessorǁ__init____mutmut_1": "the figure processor never reads its md",
    # Priorities: heading ids 5 → 6 still run after attr_list (8) and before figures (4);
    # figures 4 → 5 still run before the search lead (4, registered after them).
    "generator.markup.xǁHeadingIdsǁextendMarkdown__mutmut_10": "priority 6: the same order among tree processors",
    "generator.markup.xǁFiguresǁextendMarkdown__mutmut_13": "priority 5: the same order among tree processors",
    "generator.feeds.x_feed_files__mutmut_2": "FeedWriter keeps the index but never reads it",
    # feedgen 1.0.0 writes an entry's elements without a namespace in their tags ("link", the
    # Atom namespace is the root's default), and every link of an entry is one _item registered
    # (the page and the enclosure): splitting at "}" and .get's default never matter.
    **{f"generator.feeds.xǁAtomLinkAttributesǁextend_atom__mutmut_{n}": "feedgen's tags have no namespace part; every link is registered"
       for n in (1, 2, 5, 6, 7, 8, 15, 17)},
    # pretty=None is falsy like False; feedgen's lastBuildDate is `updated` under another name
    # and updated(None) only reads it; add_entry prepends only for order="prepend".
    **{f"generator.feeds.xǁFeedWriterǁfiles__mutmut_{n}": "pretty=None is falsy like False" for n in (4, 28)},
    **{f"generator.feeds.xǁFeedWriterǁ_generator__mutmut_{n}": "feedgen: lastBuildDate is updated; updated(None) is a read"
       for n in (33, 34)},
    **{f"generator.feeds.xǁFeedWriterǁ_generator__mutmut_{n}": "feedgen appends for any order but \"prepend\"" for n in (36, 40, 41)},
    # RSS and Atom are feedgen's defaults for an extension; the base class's extend_rss returns
    # the item unchanged.
    **{f"generator.feeds.xǁFeedWriterǁ_item__mutmut_{n}": "extension flags: feedgen's defaults, a no-op extend_rss"
       for n in (14, 17, 18, 22)},
    "generator.feeds.xǁFeedWriterǁjson_feed__mutmut_38": "the JSON feed holds news only, whose fields always have `image`",
    "generator.feeds.xǁFeedWriterǁjson_feed__mutmut_86": "codec names are case-insensitive (UTF-8)",
    "generator.feeds.xǁFeedWriterǁ__init____mutmut_1": "FeedWriter keeps the index but never reads it",
    # feedgen's guid() sets the Atom id too (the next line), and a link's rel defaults to "alternate".
    "generator.feeds.xǁFeedWriterǁ_item__mutmut_32": "feedgen: guid(url) sets the Atom id as well",
    "generator.feeds.xǁFeedWriterǁ_item__mutmut_42": "feedgen: a link's rel defaults to \"alternate\"",
    # The MkDocs plugin's project always has editor settings (extra.cms has defaults), so
    # `project.cms is not None` is always true there.
    "generator.engine.x_open_cache__mutmut_24": "the plugin's project always has CMS settings (never None)",
    # loader.read_source flags front matter that may hold invisible or control characters (or a
    # YAML escape that could make one); without the flag clean_tree finds nothing to change.
    "generator.validate.x__validate_one__mutmut_48": "cleaning unflagged front matter changes nothing (the flag is a shortcut)",
    **{f"generator.validate.x__validate_one__mutmut_{n}": "Known.slugs caches the same slugify(stem) the fallback computes"
       for n in (89, 94, 95, 97)},
    "generator.validate.x__check_slug__mutmut_56": "Known.slugs caches the same slugify(stem) the fallback computes",
    **{f"generator.validate.x_validate__mutmut_{n}": "CheckedPhotos caches check_photo's same answer" for n in (11, 16)},
    # CheckedPhotos only remembers check_photo's answer for unchanged files (a cache).
    **{f"generator.validate.x__validate_one__mutmut_{n}": "CheckedPhotos caches check_photo's same answer"
       for n in (139, 142, 176, 179)},
    # The background rm -r child reads and prints nothing and is never waited for: where its
    # standard streams point, or whether it leads its own session, shows in no output.
    **{f"generator.publish.swap.x_remove_in_background__mutmut_{n}": "stream/session flags of a silent detached child"
       for n in (2, 3, 4, 7, 8, 9, 10, 17)},
}


def equivalent_reason(name: str) -> str | None:
    return next((reason for pattern, reason in EQUIVALENT.items() if fnmatch(name, pattern)), None)


def load(mutants: Path) -> dict[str, dict[str, str]]:
    """module → mutant name → status."""
    found: dict[str, dict[str, str]] = {}
    for meta in sorted(mutants.glob("generator/**/*.py.meta")):
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        module = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        found[module] = {
            name: "equivalent" if status(code) == "survived" and equivalent_reason(name) else status(code)
            for name, code in codes.items()
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    args = parser.parse_args()
    results = load(args.mutants)
    if not results:
        raise SystemExit("No mutation results: run `make mutation` first.")

    print("| module | mutants | killed | timeout | survived | no tests | equivalent or out of reach | not run | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    total: Counter[str] = Counter()
    for module, by_name in results.items():
        counts = Counter(by_name.values())
        total.update(counts)
        print(_row(module, len(by_name), counts))
    print(_row("**all**", sum(total.values()), total))

    same = sorted({equivalent_reason(n) for by_name in results.values() for n, s in by_name.items() if s == "equivalent"})
    if same:
        print("\nEquivalent or out of reach (bench/mutation_report.py, EQUIVALENT):")
        for reason in same:
            names = [n for by_name in results.values() for n, s in by_name.items() if s == "equivalent" and equivalent_reason(n) == reason]
            print(f"- {reason}: {', '.join(n.split('.', 1)[1] for n in names)}")
    lost = [(name, s) for by_name in results.values() for name, s in by_name.items() if s in {"survived", "no tests", "suspicious"}]
    if lost:
        print("\nNot killed (see them with `.venv/bin/mutmut show NAME`):")
        for name, s in lost:
            print(f"- {name} ({s})")


def _row(module: str, count: int, counts: Counter[str]) -> str:
    caught = counts["killed"] + counts["timeout"]
    tried = count - counts["not run"] - counts["equivalent"]
    score = f"{100 * caught / tried:.1f} %" if tried else "–"
    cells = [counts[s] for s in ("killed", "timeout", "survived", "no tests", "equivalent", "not run")]
    return f"| {module} | {count} | " + " | ".join(map(str, cells)) + f" | {score} |"


if __name__ == "__main__":
    main()
