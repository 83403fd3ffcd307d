"""A record's body rendered for its page (generator/markup.py), by example without a build: links
relative to the page, nothing loaded from another host, only our classes, anchors for headings,
abbreviations, and the Markdown extensions editors use. Photos as figures: test_figures.py."""

from __future__ import annotations

from generator.markup import BodyRenderer, is_external, relative_url
from generator.search_lead import IGNORE_ATTRIBUTE

from test_figures import OnePhoto

PAGE = "tin-tuc/le-ky-ket/"  # two folders deep: links go up twice, then down


def render(body: str, **options) -> str:
    return BodyRenderer(**options).render(body, PAGE).html


def test_links_from_a_page_go_up_to_the_root_and_down_again():
    assert relative_url("tin-tuc/le-ky-ket/", "images/a.jpg") == "../../images/a.jpg"
    assert relative_url("don-vi/", "tin-tuc/") == "../tin-tuc/"
    assert relative_url("", "tin-tuc/") == "tin-tuc/"
    assert relative_url("tin-tuc/", "") == "../"
    assert relative_url("", "") == "./"


def test_external_addresses_are_those_of_another_host_or_scheme():
    for url in ("https://baoquangtri.vn/", "http://a.vn/x.jpg", "//cdn.vn/a.js", "mailto:vp@quangtri.gov.vn", "tel:02333852266"):
        assert is_external(url), url
    for url in ("images/a.jpg", "/images/a.jpg", "#muc-1", "tin-tuc/a/", "thu-muc/mailto:x"):
        assert not is_external(url), url


def test_links_and_images_inside_the_site_are_made_relative_to_the_page():
    assert render("Xem [đơn vị](/don-vi/so-gd-dt/) và [ảnh](images/a.jpg).") == (
        '<p>Xem <a href="../../don-vi/so-gd-dt/" rel="noopener noreferrer">đơn vị</a> và '
        '<a href="../../images/a.jpg" rel="noopener noreferrer">ảnh</a>.</p>')
    assert render("![](/images/a.jpg)") == '<figure class="gs-figure"><img alt="" src="../../images/a.jpg"></figure>'


def test_only_leading_slashes_are_dropped_from_a_path():
    assert render('[Bảng](/XLSX/bao-cao.xlsx) <img src="/Xa.jpg" srcset="/Xe.jpg 2x">') == (
        '<p><a href="../../XLSX/bao-cao.xlsx" rel="noopener noreferrer">Bảng</a> '
        '<img src="../../Xa.jpg" srcset="../../Xe.jpg 2x"></p>')


def test_anchors_and_other_sites_are_linked_as_written():
    assert render('[mục](#ket-qua), [báo](https://baoquangtri.vn/a "Báo Quảng Trị"), [thư](mailto:vp@qt.vn)') == (
        '<p><a href="#ket-qua" rel="noopener noreferrer">mục</a>, '
        '<a href="https://baoquangtri.vn/a" title="Báo Quảng Trị" rel="noopener noreferrer">báo</a>, '
        '<a href="mailto:vp@qt.vn" rel="noopener noreferrer">thư</a></p>')


def test_an_image_from_another_host_is_dropped_and_reported():
    rendered = BodyRenderer().render('Ảnh <img src="https://cdn.vn/a.jpg" alt="ngoài"> và <img src="//cdn.vn/b.jpg">', PAGE)
    assert rendered.html == '<p>Ảnh <img alt="ngoài"> và <img></p>'
    assert rendered.external_sources == ["https://cdn.vn/a.jpg", "//cdn.vn/b.jpg"]
    assert BodyRenderer().render("Không có ảnh.", PAGE).external_sources == []


def test_a_srcset_is_kept_only_if_every_candidate_is_on_the_site():
    assert render('<img src="a.jpg" srcset="/images/a-480.jpg 480w, images/a-960.jpg 960w,">') == (
        '<p><img src="../../a.jpg" srcset="../../images/a-480.jpg 480w, ../../images/a-960.jpg 960w"></p>')
    assert render('<img src="a.jpg" srcset="images/a.jpg 1x, https://cdn.vn/a.jpg 2x">') == '<p><img src="../../a.jpg"></p>'
    assert render('<img src="a.jpg" srcset="images/a.jpg, //cdn.vn/a.jpg">') == '<p><img src="../../a.jpg"></p>'
    assert render('<img src="a.jpg" srcset="images/a.jpg">') == '<p><img src="../../a.jpg" srcset="../../images/a.jpg"></p>'


def test_image_attributes_editors_may_set_are_kept_and_others_removed():
    assert render('<img src="a.jpg" alt="A" width="10" height="5" title="T" sizes="100vw" loading="lazy" '
                  'decoding="async" style="x" onclick="x()">') == (
        '<p><img src="../../a.jpg" alt="A" width="10" height="5" title="T" sizes="100vw" loading="lazy" decoding="async"></p>')


def test_only_the_classes_this_module_gives_are_kept():
    assert render('<span class="gs-caption">a</span> <span class="gs-credit">b</span> <span class="gs-figure">c</span> '
                  '<span class="md-button">d</span> <span class="gs-caption x">e</span>') == (
        '<p><span class="gs-caption">a</span> <span class="gs-credit">b</span> <span class="gs-figure">c</span> '
        '<span>d</span> <span>e</span></p>')


def test_scripts_and_obsolete_tags_are_removed_and_named_for_check():
    rendered = BodyRenderer().render('<center>giữa</center><script>alert(1)</script>\n\n'
                                     '<a href="javascript:alert(1)" hreflang="vi" title="x" onclick="y">x</a>', PAGE)
    assert rendered.html == 'giữa\n\n\n<p><a hreflang="vi" title="x" rel="noopener noreferrer">x</a></p>'
    assert rendered.removed == ("<center>", "<script>", "javascript:", "onclick=")
    assert "<script>" in rendered.unsanitised
    for tag in ("strike", "tt", "acronym"):
        assert render(f"<{tag}>chữ</{tag}>") == "<p>chữ</p>", tag


def test_figures_pictures_and_sources_pass_the_sanitiser():
    assert render('![Lễ ký kết](images/le-ky.jpg "Báo Quảng Trị")', photos=OnePhoto()) == (
        '<figure class="gs-figure"><picture>'
        '<source sizes="(min-width: 60em) 720px, 100vw" srcset="../../anh/le-ky-480.webp 480w, ../../anh/le-ky-960.webp 960w" type="image/webp">'
        '<img alt="Lễ ký kết" decoding="async" height="1067" loading="lazy" sizes="(min-width: 60em) 720px, 100vw" '
        'src="../../anh/le-ky-960.jpg" srcset="../../anh/le-ky-480.jpg 480w, ../../anh/le-ky-960.jpg 960w" width="1600">'
        '</picture><figcaption><span class="gs-caption">Lễ ký kết</span> <span class="gs-credit">Ảnh: Báo Quảng Trị</span>'
        '</figcaption></figure>')
    assert render('<source srcset="a.webp" type="image/webp" width="4" height="3" media="x">') == (
        '<p><source srcset="../../a.webp" type="image/webp" width="4" height="3"></p>')


def test_headings_get_vietnamese_anchors_that_never_clash():
    assert render("## Đảng bộ\n\n## Đảng bộ\n\n### Đảng bộ\n\n## Riêng {#rieng}\n\n## Riêng\n\n## !!!\n\n#### !!!") == (
        '<h2 id="dang-bo">Đảng bộ</h2>\n<h2 id="dang-bo_1">Đảng bộ</h2>\n<h3 id="dang-bo_2">Đảng bộ</h3>\n'
        '<h2 id="rieng">Riêng</h2>\n<h2 id="rieng_1">Riêng</h2>\n'
        f'<h2 {IGNORE_ATTRIBUTE}="" id="muc">!!!</h2>\n<h4 {IGNORE_ATTRIBUTE}="" id="muc_1">!!!</h4>')
    # An anchor the editor set is kept, and taken: the heading it would be is numbered.
    assert render("## Tổng kết {#ket-qua}\n\n## Kết quả") == (
        '<h2 id="ket-qua">Tổng kết</h2>\n<h2 id="ket-qua_1">Kết quả</h2>')
    assert render("# Một\n\n##### Năm\n\n###### Sáu") == '<h1 id="mot">Một</h1>\n<h5 id="nam">Năm</h5>\n<h6 id="sau">Sáu</h6>'
    assert render("## Chữ *nghiêng* ở giữa") == '<h2 id="chu-nghieng-o-giua">Chữ <em>nghiêng</em> ở giữa</h2>'


def test_abbreviations_of_the_glossary_are_explained():
    assert render("UBND tỉnh và HĐND", glossary={"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}) == (
        '<p><abbr title="Ủy ban nhân dân">UBND</abbr> tỉnh và <abbr title="Hội đồng nhân dân">HĐND</abbr></p>')
    assert render("UBND tỉnh") == "<p>UBND tỉnh</p>"


def test_tables_lists_footnotes_and_attributes_of_markdown_work():
    assert render("| Năm | Số |\n|---|---|\n| 2024 | 3 |") == (
        "<table>\n<thead>\n<tr>\n<th>Năm</th>\n<th>Số</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>2024</td>\n<td>3</td>\n</tr>\n"
        "</tbody>\n</table>")
    assert render('<table><tr><th scope="col" colspan="2" rowspan="1" align="left">a</th></tr>'
                  '<tr><td colspan="2" rowspan="1" align="right" scope="x">b</td></tr></table>') == (
        '<table><tbody><tr><th scope="col" colspan="2" rowspan="1" align="left">a</th></tr>'
        '<tr><td colspan="2" rowspan="1" align="right">b</td></tr></tbody></table>')
    # sane_lists: a numbered list does not swallow the bullets after it.
    assert render("1. một\n2. hai\n\n* ba") == "<ol>\n<li>một</li>\n<li>hai</li>\n</ol>\n<ul>\n<li>ba</li>\n</ul>"


def test_the_first_blocks_are_the_search_lead_and_the_rest_is_marked():
    rendered = BodyRenderer(lead=2).render("Một.\n\nHai.\n\nBa *đậm*.\n\nBốn.", PAGE)
    assert rendered.html == (f"<p>Một.</p>\n<p>Hai.</p>\n<p {IGNORE_ATTRIBUTE}=\"\">Ba <em>đậm</em>.</p>\n"
                             f"<p {IGNORE_ATTRIBUTE}=\"\">Bốn.</p>")
    assert (rendered.lead_text, rendered.rest_text) == ("Một. Hai.", "Ba  đậm . Bốn.")
    assert BodyRenderer().render("\n".join(f"Đoạn {n}.\n" for n in range(1, 7)), PAGE).lead_text == (
        "Đoạn 1. Đoạn 2. Đoạn 3. Đoạn 4. Đoạn 5.")


def test_one_renderer_renders_body_after_body_afresh():
    renderer = BodyRenderer(glossary={"UBND": "Ủy ban nhân dân"})
    first = renderer.render("## Kết quả\n\nChữ[^1]\n\n[^1]: Một.", PAGE)
    second = renderer.render("## Kết quả\n\nUBND", "")
    assert second.html == '<h2 id="ket-qua">Kết quả</h2>\n<p><abbr title="Ủy ban nhân dân">UBND</abbr></p>'
    assert "fn:1" in first.html and "fn:1" not in second.html


def test_footnotes_link_both_ways_with_a_vietnamese_title():
    """Found by these examples: nh3 dropped the ids footnote links point at, and the back link
    said "Jump back to footnote 1 in the text" to Vietnamese readers."""
    assert render("Chữ[^1] và[^nguon]\n\n[^1]: Ghi chú.\n[^nguon]: Báo Quảng Trị.") == (
        '<p>Chữ<sup id="fnref:1"><a href="#fn:1" rel="noopener noreferrer">1</a></sup> và'
        '<sup id="fnref:nguon"><a href="#fn:nguon" rel="noopener noreferrer">2</a></sup></p>\n'
        '<div>\n<hr>\n<ol>\n'
        '<li id="fn:1">\n<p>Ghi chú.&nbsp;<a href="#fnref:1" title="Quay lại chỗ chú thích 1 trong bài" '
        'rel="noopener noreferrer">↩</a></p>\n</li>\n'
        '<li id="fn:nguon">\n<p>Báo Quảng Trị.&nbsp;<a href="#fnref:nguon" title="Quay lại chỗ chú thích 2 trong bài" '
        'rel="noopener noreferrer">↩</a></p>\n</li>\n</ol>\n</div>')
    # Other ids an editor writes on these tags are not kept (they could clash with the page's).
    assert render('<sup id="main">1</sup> <ul><li id="fn-x">a</li></ul>') == '<p><sup>1</sup> </p><ul><li>a</li></ul><p></p>'


def test_table_columns_keep_the_alignment_the_editor_wrote():
    """Found by these examples: the alignment came as a style attribute, which the sanitiser removes."""
    assert render("| Đơn vị | Số mô hình |\n|:--|--:|\n| Sở GD | 3 |") == (
        '<table>\n<thead>\n<tr>\n<th align="left">Đơn vị</th>\n<th align="right">Số mô hình</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td align="left">Sở GD</td>\n<td align="right">3</td>\n</tr>\n</tbody>\n</table>')


def test_only_a_paragraph_holding_just_a_photo_becomes_a_figure():
    assert render("Mở đầu.\n\n![Sơ đồ](images/a.svg)\n\n[![Ảnh](images/b.svg)](images/b.svg)\n\n* ![c](images/c.svg)") == (
        '<p>Mở đầu.</p>\n'
        '<figure class="gs-figure"><img alt="Sơ đồ" src="../../images/a.svg">'
        '<figcaption><span class="gs-caption">Sơ đồ</span></figcaption></figure>\n'
        # A linked photo stays a link, a photo in a list stays in its item.
        '<p><a href="../../images/b.svg" rel="noopener noreferrer"><img alt="Ảnh" src="../../images/b.svg"></a></p>\n'
        '<ul>\n<li><img alt="c" src="../../images/c.svg"></li>\n</ul>')


def test_a_photo_inside_a_line_or_in_raw_html_is_served_as_its_published_jpeg():
    """Not a figure, but the original is never published (it may hold GPS): the photo's JPEG
    for browsers stands in, whichever way the editor wrote the image."""
    page = render('Biểu tượng ![lá cờ](images/le-ky.jpg) giữa dòng.\n\n<img src="/images/le-ky.jpg" alt="Lễ ký">\n\n'
                  "<IMG SRC='images/khong-xu-ly.svg' alt=''>", photos=OnePhoto())
    assert '<img alt="lá cờ" src="../../anh/le-ky-960.jpg">' in page
    assert '<img src="../../anh/le-ky-960.jpg" alt="Lễ ký">' in page
    assert '<img src="../../images/khong-xu-ly.svg" alt="">' in page  # a drawing, served as it is
