"""Open data of a small project, byte for byte (generator/opendata.py, no build): the JSON as
people diff it (one value a line, Vietnamese readable), the CSV as Excel opens it (a byte order
mark, every cell quoted, CRLF), and the package descriptor. The sample's data: test_portal_files.py."""

from __future__ import annotations

from conftest import index_of
from generator.opendata import data_files
from generator.siteinfo import SiteInfo


def files_of(project) -> dict[str, bytes]:
    project.add_unit()
    project.write("don-vi/con.md", "---\nid: con\nname: Chi bộ Ấp Bắc\nkind: Chi bộ\nparent: so-gd-dt\nshort_name: CB\n"
                                   "website: https://a.vn/\ndescription: Mô tả.\n---\n")
    project.add_model("cu", unit="con", year="2022")
    return {file.path: file.data for file in data_files(index_of(project), SiteInfo("Thử", "https://vd.vn/"))}


def test_the_json_has_one_value_a_line_indented_by_one_space(project):
    assert files_of(project)["du-lieu/don-vi.json"].decode("utf-8") == (
        '[\n {\n  "id": "con",\n  "url": "https://vd.vn/don-vi/con/",\n  "name": "Chi bộ Ấp Bắc",\n  "short_name": "CB",\n'
        '  "kind": "Chi bộ",\n  "parent_id": "so-gd-dt",\n  "website": "https://a.vn/",\n  "description": "Mô tả.",\n'
        '  "models": 1,\n  "commendations": 0,\n  "news": 0\n },\n'
        ' {\n  "id": "so-gd-dt",\n  "url": "https://vd.vn/don-vi/so-gd-dt/",\n  "name": "Đảng ủy Sở Giáo dục và Đào tạo",\n'
        '  "short_name": null,\n  "kind": "Đảng bộ",\n  "parent_id": null,\n  "website": null,\n  "description": null,\n'
        '  "models": 0,\n  "commendations": 0,\n  "news": 0\n }\n]')


def test_the_csv_has_a_byte_order_mark_quoted_cells_and_crlf(project):
    assert files_of(project)["du-lieu/don-vi.csv"] == (
        '\ufeff"id","url","name","short_name","kind","parent_id","website","description","models","commendations","news"\r\n'
        '"con","https://vd.vn/don-vi/con/","Chi bộ Ấp Bắc","CB","Chi bộ","so-gd-dt","https://a.vn/","Mô tả.","1","0","0"\r\n'
        '"so-gd-dt","https://vd.vn/don-vi/so-gd-dt/","Đảng ủy Sở Giáo dục và Đào tạo","","Đảng bộ","","","","0","0","0"\r\n'
    ).encode("utf-8")


def test_the_package_descriptor_is_indented_by_one_space_too(project):
    files = files_of(project)
    assert list(files) == ["du-lieu/mo-hinh.json", "du-lieu/mo-hinh.csv", "du-lieu/khen-thuong.json",
                           "du-lieu/khen-thuong.csv", "du-lieu/don-vi.json", "du-lieu/don-vi.csv", "du-lieu/datapackage.json"]
    assert files["du-lieu/datapackage.json"].decode("utf-8").startswith(
        '{\n "profile": "tabular-data-package",\n "name": "guong-sang",\n "title": "Thử: dữ liệu mở",\n'
        ' "homepage": "https://vd.vn/du-lieu/",\n "resources": [\n  {\n   "profile": "tabular-data-resource",\n')
    assert files["du-lieu/khen-thuong.json"] == b"[]" and files["du-lieu/khen-thuong.csv"].count(b"\r\n") == 1
