"""The web editor (/admin/, generator/cms/): its configuration is the content model's.

Parity: for every kind, the form requires what `check` requires, offers exactly the values
`check` accepts, and refuses with `check`'s patterns and words. The browser side (saving
through decap-server, the preview) is tests/test_cms_browser.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import Enum

import pytest
import yaml
from hypothesis import given, strategies as st
from pydantic import BaseModel

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.cms import REQUIRED_MESSAGE, CmsSettings, decap_config
from generator.cms.config import MOMENT_FORMAT, DAY_FORMAT
from generator.cms.files import BUNDLE, find_bundle
from generator.loader import Kind
from generator.newentry import comment, entry_text, fields_of, layout, nested_model
from generator.schema import MOMENT_JSON_SCHEMA, SLUG_PATTERN, parse_moment
from generator.site import Project, check
from generator.siteinfo import SiteInfo
from generator.validate import _VOCABULARY_FIELDS, SCHEMAS
from generator.vietnamese import slugify

from conftest import REPO

CATALOGUE = load_catalogue(REPO / "entries")[0]
CONFIG = decap_config(CmsSettings(), CATALOGUE, SiteInfo())


def collection(kind: Kind) -> dict:
    return next(c for c in CONFIG["collections"] if c["name"] == kind.value)


def widgets(fields: list[dict], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], dict]:
    """Every form field by its path, nested objects included (the body is not front matter)."""
    found = {}
    for field in fields:
        if field["name"] == "body":
            continue
        path = prefix + (field["name"],)
        found[path] = field
        found.update(widgets(field.get("fields", []), path))
    return found


def schema_fields(model: type[BaseModel], prefix=(), parent_optional=False):
    """(path, FieldInfo, whether an optional object holds it) for every field, nested too."""
    for key, info in fields_of(model).items():
        path = prefix + (key,)
        yield path, info, parent_optional
        if (nested := nested_model(info)) is not None:
            yield from schema_fields(nested, path, parent_optional or not info.is_required())


@pytest.mark.parametrize("kind", list(Kind))
def test_one_collection_per_kind_with_every_field_of_the_schema(kind):
    form = widgets(collection(kind)["fields"])
    expected = {path for path, _, _ in schema_fields(SCHEMAS[kind])}
    if kind is Kind.UNIT:
        expected.discard(("slug",))  # a unit's address is its id
    assert set(form) == expected
    assert collection(kind)["folder"] == f"entries/{kind.value}"
    assert [f["name"] for f in collection(kind)["fields"]][:-1] == list(layout(kind))  # the `new` order


@pytest.mark.parametrize("kind", list(Kind))
def test_parity_required_fields(kind):
    """Required in the form exactly when check requires it. Inside an optional object (the
    image) a required field is optional in the form: Decap would demand it even with no
    image at all; its hint says when it is needed and check still refuses it missing."""
    form = widgets(collection(kind)["fields"])
    for path, info, in_optional in schema_fields(SCHEMAS[kind]):
        if path not in form:
            continue
        assert form[path]["required"] is (info.is_required() and not in_optional), path
        if info.is_required() and in_optional:
            assert "bắt buộc khi có" in form[path]["hint"]


@pytest.mark.parametrize("kind", list(Kind))
def test_parity_allowed_values(kind):
    form = widgets(collection(kind)["fields"])
    for field, list_name in _VOCABULARY_FIELDS[kind].items():
        vocabulary = getattr(CATALOGUE, list_name)
        options = form[(field,)]["options"]
        assert form[(field,)]["widget"] == "select"
        assert [o["value"] for o in options] == [t.slug for t in vocabulary.terms]  # stores slugs
        assert [o["label"] for o in options] == [t.label for t in vocabulary.terms]  # shows labels
        assert all(vocabulary.resolve(o["value"]) is not None for o in options)
    for path, info, _ in schema_fields(SCHEMAS[kind]):
        enum = next((a for a in _args(info.annotation) if isinstance(a, type) and issubclass(a, Enum)), None)
        if enum is not None:
            assert [o["value"] for o in form[path]["options"]] == [m.value for m in enum], path


def _args(annotation):
    args = getattr(annotation, "__args__", ())
    return [annotation] + [x for a in args for x in _args(a)]


@pytest.mark.parametrize("kind", list(Kind))
def test_parity_patterns(kind):
    form = widgets(collection(kind)["fields"])
    properties = SCHEMAS[kind].model_json_schema(by_alias=True)["properties"]
    for key, prop in properties.items():
        if (key,) not in form or "pattern" not in prop:
            continue
        if prop["pattern"] == MOMENT_JSON_SCHEMA["pattern"]:  # what it writes: the test below
            assert form[(key,)]["widget"] == "datetime" and form[(key,)]["format"] in (MOMENT_FORMAT, DAY_FORMAT)
        else:
            assert form[(key,)]["pattern"] == [prop["pattern"], prop["patternErrorMessage"]]
    patterned = {path for path, field in form.items() if "pattern" in field}
    assert patterned == ({("id",)} if kind is Kind.UNIT else {("slug",)})


@given(st.text(alphabet="abcz019-AĐđ ếá_.", max_size=12))
def test_the_slug_pattern_accepts_exactly_what_check_accepts(text):
    assert bool(re.match(SLUG_PATTERN, text)) == (slugify(text) == text and text != "")


def test_pattern_messages_are_checks_own_words(project):
    project.write("don-vi/Sai-Ma.md", "---\nid: Sai Mã\nname: Đơn vị\n---\n")
    project.add_unit()
    project.write("mo-hinh/b.md", "---\ntitle: B\nunit: so-gd-dt\nmovement: dan-van-kheo\nyear: 2024\nslug: Sai_Slug\n---\n")
    problems = {(p.path.rsplit("/", 1)[-1], p.field): p.message for p in check(Project.at(project.root)).problems}
    unit_form = widgets(collection(Kind.UNIT)["fields"])
    model_form = widgets(collection(Kind.MODEL)["fields"])
    assert problems[("Sai-Ma.md", "id")].startswith(unit_form[("id",)]["pattern"][1])
    assert problems[("b.md", "slug")].startswith(model_form[("slug",)]["pattern"][1])


def test_the_required_message_is_checks_own_words(project):
    project.write("tin-tuc/tin.md", "---\ntitle:\ndate: 2024-05-19\ncategory: dan-van\n---\n")
    [problem] = check(Project.at(project.root)).problems
    assert (problem.field, problem.message) == ("title", REQUIRED_MESSAGE)


@pytest.mark.parametrize("kind", list(Kind))
def test_labels_and_hints_come_from_the_same_metadata_as_the_new_templates(kind):
    form = widgets(collection(kind)["fields"])
    text = entry_text(kind, "Tên thử", dt.date(2026, 11, 25))
    for path, info, _ in schema_fields(SCHEMAS[kind]):
        if path not in form:
            continue
        assert form[path]["label"] == info.title
        help_text = info.description
        assert form[path]["hint"].lower().startswith(help_text.lower()), path
        assert help_text in text or help_text in comment(info), path  # the `new` file says the same


def _moment_format_to_strftime(decap_format: str) -> str:
    return decap_format.replace("YYYY", "%Y").replace("MM", "%m").replace("DD", "%d").replace("HH", "%H").replace("mm", "%M")


@pytest.mark.parametrize("decap_format", [MOMENT_FORMAT, DAY_FORMAT])
def test_dates_the_form_writes_are_read_by_check_in_vietnam_time(decap_format):
    written = dt.datetime(2024, 5, 19, 8, 30).strftime(_moment_format_to_strftime(decap_format))
    assert re.match(MOMENT_JSON_SCHEMA["pattern"], written)
    moment = parse_moment(written)
    if decap_format == MOMENT_FORMAT:
        assert moment.isoformat() == "2024-05-19T08:30:00+07:00"
    else:
        assert moment == dt.date(2024, 5, 19)


def test_relations_show_names_and_store_ids_and_slugs():
    news = widgets(collection(Kind.NEWS)["fields"])
    assert news[("units",)].items() >= {"widget": "relation", "collection": "don-vi", "value_field": "id",
                                     "display_fields": ["name"], "multiple": True}.items()
    assert news[("models",)]["value_field"] == "{{slug}}" and news[("models",)]["display_fields"] == ["title"]
    model = widgets(collection(Kind.MODEL)["fields"])
    assert model[("unit",)]["widget"] == "relation" and "multiple" not in model[("unit",)]
    assert widgets(collection(Kind.COMMENDATION)["fields"])[("recipient", "unit")]["collection"] == "don-vi"
    assert widgets(collection(Kind.UNIT)["fields"])[("parent",)]["collection"] == "don-vi"
    assert model[("draft",)].items() >= {"widget": "boolean", "default": False}.items()
    assert model[("image",)]["fields"][0]["widget"] == "image"
    assert [f["name"] for f in model[("image",)]["fields"]] == ["src", "caption", "credit"]
    assert model[("results",)]["widget"] == "list"


def test_file_names_follow_the_slug_rules():
    assert CONFIG["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert collection(Kind.MODEL)["slug"] == "{{slug}}" and collection(Kind.UNIT)["slug"] == "{{id}}"


def test_backends_come_from_mkdocs_extra_and_local_mode_from_cms_serve():
    github = decap_config(CmsSettings.from_extra({"cms": {"repo": "so-tt/trang", "base_url": "https://oauth.example.vn"}}, {}),
                          CATALOGUE, SiteInfo())
    assert github["backend"].items() >= {"name": "github", "repo": "so-tt/trang", "branch": "main", "base_url": "https://oauth.example.vn"}.items()
    assert github["publish_mode"] == "editorial_workflow" and "local_backend" not in github
    gitlab = CmsSettings.from_extra({"cms": {"backend": "gitlab", "repo": "a/b", "app_id": "abc", "media_folder": "docs/anh"}}, {})
    config = decap_config(gitlab, CATALOGUE, SiteInfo())
    assert config["backend"].items() >= {"name": "gitlab", "auth_type": "pkce", "app_id": "abc"}.items()
    assert (config["media_folder"], config["public_folder"]) == ("docs/anh", "anh")
    local = decap_config(CmsSettings.from_extra({}, {"GUONG_SANG_CMS_PROXY": "http://127.0.0.1:9/api/v1"}), CATALOGUE, SiteInfo())
    assert local["local_backend"]["url"] == "http://127.0.0.1:9/api/v1" and "publish_mode" not in local
    with pytest.raises(ValueError, match="github hoặc gitlab"):
        CmsSettings.from_extra({"cms": {"backend": "bitbucket"}}, {})


def test_the_build_serves_the_editor_from_the_site_itself(sample_site):
    admin = sample_site / "admin"
    assert (admin / "decap-cms.js").read_bytes() == find_bundle(REPO).read_bytes()
    page = (admin / "index.html").read_text("utf-8")
    assert '<html lang="vi">' in page and 'content="noindex, nofollow"' in page
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)  # nothing from another host
    config = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
    assert config["locale"] == "vi" and "local_backend" not in config
    assert [c["name"] for c in config["collections"]] == [k.value for k in Kind]
    assert "Disallow: /admin/" in (sample_site / "robots.txt").read_text("utf-8")
    assert "admin" not in (sample_site / "sitemap.xml").read_text("utf-8")
    settings = (admin / "gs-cms-settings.js").read_text("utf-8")
    styles = json.loads(settings.split("=", 1)[1].rstrip(";\n"))["previewStyles"]
    assert all((admin / style).resolve().is_file() for style in styles)  # the site's own stylesheets


def test_the_cms_command_prints_what_the_build_writes(sample_site, capsys):
    assert main(["--config", str(REPO / "mkdocs.yml"), "cms"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    built = yaml.safe_load((sample_site / "admin" / "config.yml").read_text("utf-8"))
    assert printed["collections"] == built["collections"]


def test_the_decap_bundle_is_pinned_by_the_lock_file():
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))
    manifest = json.loads((REPO / "package.json").read_text("utf-8"))
    assert manifest["dependencies"]["decap-cms"] == lock["packages"]["node_modules/decap-cms"]["version"]
    assert manifest["dependencies"]["decap-server"] == lock["packages"]["node_modules/decap-server"]["version"]
    assert (REPO / BUNDLE).is_file()


@pytest.mark.parametrize("planted", ["file", "folder", "hidden"])
def test_a_committed_node_modules_link_never_publishes_another_file_as_the_bundle(tmp_path, planted):
    """Without `npm ci`, node_modules/ is what the repository holds: links in it are not followed
    out of the project, nor into its hidden files, whatever part of the path is the link."""
    project = tmp_path / "project"
    secret = tmp_path / "outside" / "decap-cms" / "dist" / "decap-cms.js"
    secret.parent.mkdir(parents=True)
    secret.write_text("root:x:0:0:bí mật", "utf-8")
    (project / ".git").mkdir(parents=True)
    (project / ".git" / "config").write_text("token=bí mật", "utf-8")
    bundle = project / BUNDLE
    if planted == "folder":
        (project / "node_modules").symlink_to(tmp_path / "outside", target_is_directory=True)
    else:
        bundle.parent.mkdir(parents=True)
        bundle.symlink_to(secret if planted == "file" else project / ".git" / "config")
    found = find_bundle(project)
    assert found != bundle
    assert found is None or "bí mật" not in found.read_text("utf-8", errors="replace")


def test_an_installed_bundle_inside_the_project_is_used(tmp_path):
    bundle = tmp_path / BUNDLE
    bundle.parent.mkdir(parents=True)
    bundle.write_text("/* decap */", "utf-8")
    assert find_bundle(tmp_path) == bundle
