"""What the sanitiser removes from an editor's raw HTML, and the warning that says so at its line
(generator/rawhtml.py), without a build: `make mutation` judges every change to it by these."""

from __future__ import annotations

from generator.markup import BodyRenderer
from generator.problems import Problem
from generator.rawhtml import removed_markup, sanitiser_warnings

POLICY = " không được phép nên đã bị xóa khỏi trang (chính sách HTML: xem Hướng dẫn biên tập)."


def removed(body: str) -> tuple[str, ...]:
    return BodyRenderer().render(body, "tin-tuc/a/").removed


def test_tags_attributes_and_link_kinds_the_page_loses_are_named_once_in_order():
    body = (
        '<p onclick="x()">Đoạn</p>\n<script>alert(1)</script>\n<script>alert(2)</script>\n'
        '<a href="javascript:alert(3)">xấu</a> <img src="data:image/png;base64,AA" alt="">\n'
        '<iframe src="https://example.org/"></iframe> <span data-x="1">s</span>\n'
    )
    assert removed(body) == ("onclick=", "<script>", "javascript:", "data:", "<iframe>", "data-x=")


def test_what_markdown_itself_writes_and_allowed_links_are_not_reported():
    body = (
        'Chữ **đậm**[^1] và [trang](https://example.org/ "Tiêu đề").\n\n'
        '<p class="a" id="b" style="color: red" rel="x">Đoạn</p>\n'
        '<a href="https://example.org/">web</a> <a href="MAILTO:ban@example.org">thư</a> '
        '<a href="tel:0233">gọi</a> <a href="http://example.org/">cũ</a> <a href="tin-tuc/">trong trang</a> '
        '<img src="images/a.png" alt="ảnh" width="10"><br/>\n\n'
        "| Cột |\n| :-: |\n| ô |\n\n[^1]: Chú thích.\n"
    )
    assert removed(body) == ()


def test_a_self_closing_tag_is_checked_like_any_other():
    assert removed('<img src="images/a.png" onerror="x()"/> <embed src="a.swf"/>') == ("onerror=", "<embed>")


def test_a_scheme_is_reported_in_lower_case_whatever_the_editor_typed():
    assert removed('<a href="JavaScript:alert(1)">x</a> <a href=" vbscript:x">y</a>') == ("javascript:", "vbscript:")


def test_each_warning_is_at_the_first_body_line_that_mentions_it():
    body = "Mở đầu.\n\n<P ONCLICK=1>Đoạn</P>\n<script>x()</script>\n<a href='javascript:y()'>z</a>"
    found = sanitiser_warnings("entries/tin-tuc/a.md", body, 7, ("onclick=", "<script>", "javascript:", "<iframe>"),
                               ["https://example.org/a.png"])
    assert found == [
        Problem("entries/tin-tuc/a.md", 9, "", "thuộc tính HTML “onclick”" + POLICY, "warning"),
        Problem("entries/tin-tuc/a.md", 10, "", "thẻ HTML <script>" + POLICY, "warning"),
        Problem("entries/tin-tuc/a.md", 11, "", "liên kết kiểu “javascript:” không được phép nên đã bị xóa khỏi trang.", "warning"),
        # Not found in the body (Markdown made it): the body's first line.
        Problem("entries/tin-tuc/a.md", 7, "", "thẻ HTML <iframe>" + POLICY, "warning"),
        Problem("entries/tin-tuc/a.md", 7, "", "ảnh “https://example.org/a.png” lấy từ trang web khác nên đã bị bỏ; "
                "hãy chép ảnh vào docs/images/.", "warning"),
    ]


def test_an_outside_photo_is_found_on_its_own_line():
    body = "Mở đầu.\n\n![Lễ ký kết](https://example.org/le.jpg)"
    (problem,) = sanitiser_warnings("entries/tin-tuc/a.md", body, 5, (), ["https://example.org/le.jpg"])
    assert problem.line == 7


def test_nothing_removed_gives_no_warning():
    assert sanitiser_warnings("entries/tin-tuc/a.md", "Nội dung.", 5, (), []) == []


def test_every_attribute_after_an_ignored_one_is_still_checked():
    assert removed('<p class="gs" id="a" onclick="x()">Đoạn</p>') == ("onclick=",)


def test_a_policy_without_attributes_for_every_tag_is_read_as_none_extra():
    assert removed_markup('<p title="t" onclick="x()">Đoạn</p>', {"p"}, {"p": {"title"}}) == ("onclick=",)


def test_a_tag_with_attributes_is_found_on_its_line():
    body = "Mở đầu.\n\n<SCRIPT src='https://example.org/a.js'></SCRIPT>"
    (problem,) = sanitiser_warnings("entries/tin-tuc/a.md", body, 5, ("<script>",), [])
    assert problem.line == 7


def test_a_removed_video_frame_is_reported_as_a_frame_not_as_a_photo_from_another_host():
    """A YouTube embed loses the whole <iframe>: one warning, not a second calling its address
    a photo to copy into docs/images/."""
    rendered = BodyRenderer().render('<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n'
                                     '<img src="https://example.org/a.png" alt="">', "tin-tuc/a/")
    assert rendered.removed == ("<iframe>",)
    assert rendered.external_sources == ["https://example.org/a.png"]
