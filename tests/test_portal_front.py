"""The portal reading of the sample: a front page led by photos, story pages that read like
news, and dates that search engines can trust."""

from __future__ import annotations

import json
import re

from test_build import SAMPLE_NEWS, read


def test_front_page_leads_with_a_photo_story_then_latest_grid_and_counts_last(sample_site):
    html = read(sample_site, "")
    main = html[html.index('<div class="gs-home">'):]
    lead = main.index('class="gs-front__lead"')
    latest = main.index('id="moi-nhat"')
    grid = main.index('id="noi-bat"')
    counts = main.index('class="gs-counts"')
    assert lead < latest < grid < counts
    lead_story = main[lead:latest]
    assert "<picture>" in lead_story and 'loading="lazy"' not in lead_story  # the LCP photo loads at once
    assert 'class="gs-story__summary"' in lead_story  # headline and sapo
    assert main[grid:counts].count("<picture>") >= 3
    # Every later photo waits until it is near the screen.
    assert main[latest:].count('loading="lazy"') == main[latest:].count("<img")


def test_story_page_has_breadcrumb_then_section_and_date_then_headline(sample_site):
    html = read(sample_site, SAMPLE_NEWS)
    article = html[html.index('<article class="gs-entry'):]
    crumbs, meta, headline = (article.index(s) for s in ('class="gs-breadcrumbs"', 'class="gs-entry__meta"', "<h1"))
    assert crumbs < meta < headline
    trail = article[crumbs:meta]
    assert "Học tập và làm theo Bác Hồ bằng" not in trail  # the title is the headline, not a crumb
    assert ">Học tập và làm theo Bác</a>" in trail  # the category is
    # …and only there: no label beside the date repeats it (it sat in both places before).
    assert "Học tập và làm theo Bác" not in article[meta:headline]


def test_latest_never_repeats_the_other_stories_on_the_same_page(sample_site):
    html = read(sample_site, SAMPLE_NEWS)

    def links(slug: str) -> set[str]:  # the stories a section lists (none when it is absent)
        section = html.split(f'id="__muc-{slug}"', 1)[-1].split("</section>", 1)[0] if f'id="__muc-{slug}"' in html else ""
        return set(re.findall(r'class="gs-teaser__title"><a href="([^"]+)"', section))

    # The sample's other three news are all related: the old page listed them twice.
    assert len(links("lien-quan")) == 3 and not links("lien-quan") & links("moi-nhat")


def test_updated_field_dates_the_sitemap_and_json_ld(sample_site):
    url = "mo-hinh/chi-so-hanh-phuc-petrolimex-quang-tri/"
    assert "<loc>http://127.0.0.1:8000/" + url + "</loc><lastmod>2025-02-01T09:00:00+07:00</lastmod>" in \
        (sample_site / "sitemap.xml").read_text("utf-8")
    html = read(sample_site, url)
    article = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert article["@type"] == "Article" and article["about"]["@type"] == "Project"
    assert article["dateModified"] == "2025-02-01T09:00:00+07:00"
    assert article["image"][0].endswith("-og.jpg")
    assert article["publisher"]["logo"]["url"].endswith(".jpg")


def test_news_json_ld_has_what_google_asks_of_a_news_article(sample_site):
    html = read(sample_site, SAMPLE_NEWS)
    article = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert article["@type"] == "NewsArticle"
    for key in ("headline", "datePublished", "dateModified", "image", "author", "publisher"):
        assert article.get(key), key
    assert article["image"][0].endswith(".jpg")  # raster, 1200 px wide (checked in test_portal)
