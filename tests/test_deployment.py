"""The CI files parse, run the README's build command, and call only commands that exist here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from conftest import REPO, github_build_cache_step
from generator.cli import make_parser

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml")) + [REPO / ".gitlab-ci.yml"]


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-zA-Z][\w-]*):", (REPO / "Makefile").read_text("utf-8"), re.M))


def generator_commands() -> set[str]:
    parser = make_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return set(subparsers.choices)


def shell_lines(node) -> list[str]:
    """Every shell line in a workflow: GitHub `run:` values and GitLab `script:` items."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script", "before_script", "after_script"):
                items = value if isinstance(value, list) else [value]
                for item in items:
                    found += [line.strip() for line in str(item).splitlines() if line.strip()]
            else:
                found += shell_lines(value)
    elif isinstance(node, list):
        for item in node:
            found += shell_lines(item)
    return found


def readme_build_command() -> str:
    match = re.search(r"\| `(make build)` \|", (REPO / "README.md").read_text("utf-8"))
    assert match, "README no longer documents `make build`"
    return match.group(1)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_runs_the_readme_build(path):
    document = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(document, dict)
    lines = shell_lines(document)
    assert readme_build_command() in lines
    assert "make test" in lines


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_command_a_workflow_calls_exists_in_the_repo(path):
    targets, commands = make_targets(), generator_commands()
    for line in shell_lines(yaml.safe_load(path.read_text("utf-8"))):
        words = shlex.split(line)
        if words[0] == "make":
            assert set(words[1:]) <= targets, f"{path.name}: {line}"
        if "generator" in words and "-m" in words:
            assert words[words.index("generator") + 1] in commands, f"{path.name}: {line}"
        for word in words:
            if word.startswith(("scripts/", ".ci/", "bench/")):
                assert (REPO / word).exists(), f"{path.name}: {word}"


def test_github_workflow_deploys_to_pages_and_rebuilds_daily():
    document = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    triggers = document.get("on", document.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"]
    steps = [step.get("uses", "") for job in document["jobs"].values() for step in job.get("steps", [])]
    assert any(uses.startswith("actions/upload-pages-artifact") for uses in steps)
    assert any(uses.startswith("actions/deploy-pages") for uses in steps)
    upload = next(s for j in document["jobs"].values() for s in j.get("steps", []) if "upload-pages" in s.get("uses", ""))
    site_dir = yaml.load((REPO / "mkdocs.yml").read_text("utf-8").split("\nplugins:")[0], Loader=yaml.BaseLoader)["site_dir"]
    assert upload["with"]["path"] == site_dir


def test_gitlab_pages_job_publishes_the_built_site():
    document = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text("utf-8"))
    assert document["pages"]["artifacts"]["paths"] == ["public"]
    assert "cp -r site public" in " ".join(document["pages"]["script"])
    assert any("schedule" in rule.get("if", "") for rule in document["pages"]["rules"])


def test_workflows_keep_the_same_build_cache_site_and_generated_pages_between_runs():
    # What the list must hold for a push to plan only the pages it touches is tested in
    # test_buildcache.py (a CI run after a one-record push); here, that both CIs keep it.
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text("utf-8"))
    pages_caches = gitlab["pages"]["cache"]  # a job's caches replace the global one: photos too
    kept = {path.rstrip("/") for cache in pages_caches for path in cache["paths"]}
    github = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = [s for j in github["jobs"].values() for s in j.get("steps", [])]
    cache = github_build_cache_step()
    assert cache["uses"].startswith("actions/cache")
    assert {"build/cache", "site", "docs/tin-tuc"} <= set(cache["with"]["path"].split())
    assert kept == set(cache["with"]["path"].split()) | {".cache/images"}
    build = next(i for i, s in enumerate(steps) if "make build" in s.get("run", ""))
    assert steps.index(cache) < build
