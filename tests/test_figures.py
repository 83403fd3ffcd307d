"""A photo alone in its paragraph becomes a <figure> (markup.Figures), shown by example without
a build, so `make mutation` can judge it: the image text is the caption, its title the credit,
and a processed photo is served as <picture> with every variant and its size."""

from __future__ import annotations

import markdown

from generator.images.library import Photo, Variant
from generator.markup import BODY_SIZES, Figures


class OnePhoto:
    """The photo library of a project holding one processed photo, images/le-ky.jpg."""

    def __init__(self):
        jpeg = (Variant("anh/le-ky-480.jpg", 480, 320), Variant("anh/le-ky-960.jpg", 960, 640))
        webp = (Variant("anh/le-ky-480.webp", 480, 320), Variant("anh/le-ky-960.webp", 960, 640))
        self.le_ky = Photo("images/le-ky.jpg", 1600, 1067, (("image/webp", webp),), jpeg, Variant("anh/le-ky-og.jpg", 1200, 630))
        self.asked: list[str] = []

    def photo(self, src: str) -> Photo | None:
        self.asked.append(src)
        return self.le_ky if src == "images/le-ky.jpg" else None


def html(text: str, photos=None) -> str:
    return markdown.markdown(text, extensions=[Figures(photos)])


def test_a_processed_photo_becomes_a_picture_with_caption_and_credit():
    photos = OnePhoto()
    assert html('![Lễ ký kết](/images/le-ky.jpg "Báo Quảng Trị")', photos) == (
        '<figure class="gs-figure"><picture>'
        f'<source sizes="{BODY_SIZES}" srcset="anh/le-ky-480.webp 480w, anh/le-ky-960.webp 960w" type="image/webp" />'
        '<img alt="Lễ ký kết" decoding="async" height="1067" loading="lazy" '
        f'sizes="{BODY_SIZES}" src="anh/le-ky-960.jpg" srcset="anh/le-ky-480.jpg 480w, anh/le-ky-960.jpg 960w" width="1600" />'
        '</picture><figcaption><span class="gs-caption">Lễ ký kết</span> '
        '<span class="gs-credit">Ảnh: Báo Quảng Trị</span></figcaption></figure>'
    )
    assert photos.asked == ["images/le-ky.jpg"]  # the leading "/" of the editor's path is not part of the name


def test_a_credit_already_saying_anh_or_nguon_is_kept_as_written():
    assert '<span class="gs-credit">Nguồn: TTXVN</span>' in html('![Hội nghị](images/x.png "Nguồn: TTXVN")')
    assert '<span class="gs-credit">Ảnh: Minh Hà</span>' in html('![Hội nghị](images/x.png "Ảnh: Minh Hà")')


def test_an_unprocessed_image_keeps_its_img_and_gets_a_caption_or_a_credit_alone():
    assert html('![Sơ đồ](images/so-do.svg)', OnePhoto()) == (
        '<figure class="gs-figure"><img alt="Sơ đồ" src="images/so-do.svg" />'
        '<figcaption><span class="gs-caption">Sơ đồ</span></figcaption></figure>'
    )
    assert html('![](images/so-do.svg "Minh Hà")') == (
        '<figure class="gs-figure"><img alt="" src="images/so-do.svg" />'
        '<figcaption><span class="gs-credit">Ảnh: Minh Hà</span></figcaption></figure>'
    )
    assert html('![](images/so-do.svg)') == '<figure class="gs-figure"><img alt="" src="images/so-do.svg" /></figure>'


def test_an_image_inside_text_stays_an_image():
    for text in ('Xem ![sơ đồ](images/a.svg) dưới đây', '![sơ đồ](images/a.svg) và chú thích',
                 '![a](images/a.svg)![b](images/b.svg)'):
        assert "<figure" not in html(text, OnePhoto())
