"""What search engines and social networks read from a record page, and plain share links.

Open Graph and Twitter card tags (so a link pasted into Facebook or Zalo shows a card),
schema.org JSON-LD, and share links that are ordinary links: no third-party script is loaded.
The theme prints the tags from the page's meta (theme_overrides/main.html).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from .escaping import json_text, web_address
from .index import SiteIndex
from .records import Entry, as_datetime
from .schema import CommendationFields, ModelFields, NewsFields, RecipientKind, UnitFields
from .siteinfo import SiteInfo

# Share endpoints that take the page address in the query string and need no script on our page.
# Zalo documents only a script button (its SDK); this is the endpoint that button opens. It could
# not be checked from the offline build machine: confirm it before going live (one place to fix).
SHARE_TARGETS = (
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?{query}", "u"),
    ("zalo", "Zalo", "https://sp.zalo.me/share_to_zalo?{query}", "url"),
)


@dataclass(frozen=True)
class ShareLink:
    slug: str
    text: str
    href: str
    external: bool = True
    copy: bool = False  # the "copy link" link: the theme's script copies instead of following it


def share_links(entry: Entry, site: SiteInfo) -> list[ShareLink]:
    url = site.absolute(entry.url)
    links = [
        ShareLink(slug, text, template.format(query=urlencode({parameter: url})))
        for slug, text, template, parameter in SHARE_TARGETS
    ]
    mail = f"mailto:?subject={quote(entry.title, safe='')}&body={quote(url, safe='')}"
    links.append(ShareLink("email", "Thư điện tử", mail, external=False))
    links.append(ShareLink("copy", "Sao chép liên kết", url, external=False, copy=True))
    return links


def section_of(entry: Entry) -> str:
    """The record's main list value (category, movement, form), or its kind for units."""
    for name in ("category", "movement", "form"):
        if name in entry.terms:
            return entry.terms[name].label
    return entry.kind.label


def record_head(entry: Entry, index: SiteIndex, site: SiteInfo, share_image: str | None = None,
                logo: str | None = None) -> dict[str, Any]:
    """Page meta for a record: `social` [(attribute, key, content)…] and `jsonld` documents.

    `share_image` is the site-relative URL of the record's raster 1200×630 share image
    (generator/images/): a crop of its photo, or a card drawn with its title.
    """
    url = site.absolute(entry.url)
    image = site.absolute(share_image) if share_image else site.image_of(entry)
    description = entry.summary or entry.title
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site.name),
        ("property", "og:locale", "vi_VN"),
        ("property", "og:title", entry.title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:image", image),
        *([("property", "og:image:width", "1200"), ("property", "og:image:height", "630")] if share_image else []),
        ("property", "article:section", section_of(entry)),
    ]
    if entry.published_at is not None:
        tags.append(("property", "article:published_time", entry.published_at.isoformat()))
    tags += [("property", "article:tag", tag.label) for tag in entry.tags]
    tags += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", entry.title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image),
    ]
    documents = [record_jsonld(entry, index, site, image, logo), breadcrumbs_jsonld(entry, site)]
    return {"social": [list(tag) for tag in tags], "jsonld": [script_json(d) for d in documents]}


def modified_at(entry: Entry):
    """When the record last really changed: its `updated` field, else its publication date."""
    updated = getattr(entry.fields, "updated", None)
    if updated is not None:
        return as_datetime(updated)
    return entry.published_at


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to print inside <script>: Vietnamese kept readable, markup characters escaped."""
    return json_text(data)


def record_jsonld(entry: Entry, index: SiteIndex, site: SiteInfo, image: str | None = None,
                  logo: str | None = None) -> dict[str, Any]:
    url = site.absolute(entry.url)
    image = image or site.image_of(entry)
    fields = entry.fields
    publisher = {"@type": "Organization", "name": site.name, "url": site.url,
                 "logo": {"@type": "ImageObject", "url": site.absolute(logo)}} if logo else \
        {"@type": "Organization", "name": site.name, "url": site.url}
    data: dict[str, Any] = {"@context": "https://schema.org", "url": url, "inLanguage": "vi"}
    if entry.summary:
        data["description"] = entry.summary
    if entry.published_at is not None:
        data["datePublished"] = entry.published_at.isoformat()
    if (modified := modified_at(entry)) is not None:
        data["dateModified"] = modified.isoformat()
    if entry.tags:
        data["keywords"] = [tag.label for tag in entry.tags]

    def organization(unit_id: str | None) -> dict[str, Any] | None:
        unit = index.unit(unit_id)
        return {"@type": "Organization", "name": unit.title, "url": site.absolute(unit.url)} if unit else None

    if isinstance(fields, NewsFields):
        data.update({
            "@type": "NewsArticle",
            "headline": entry.title[:110],  # Google's limit for article headlines
            "mainEntityOfPage": url,
            "image": [image],
            "articleSection": section_of(entry),
            "publisher": publisher,
        })
        author = fields.author or fields.source
        if author:
            data["author"] = {"@type": "Person" if fields.author else "Organization", "name": author}
        if units := [u for u in (organization(unit) for unit in fields.units) if u]:
            data["about"] = units
    elif isinstance(fields, ModelFields):
        # A model is a project a unit runs; its page is an article about that project.
        project: dict[str, Any] = {"@type": "Project", "name": entry.title, "foundingDate": str(fields.year)}
        if unit := organization(fields.unit):
            project["parentOrganization"] = unit
        if "field" in entry.terms:
            project["knowsAbout"] = entry.terms["field"].label
        data.update({
            "@type": "Article",
            "headline": entry.title[:110],
            "name": entry.title,
            "articleSection": section_of(entry),
            "image": [image],
            "about": project,
            "publisher": publisher,
        })
        if unit:
            data["author"] = unit
    elif isinstance(fields, CommendationFields):
        recipient = fields.recipient
        person = recipient.kind is RecipientKind.INDIVIDUAL
        honoured: dict[str, Any] = {"@type": "Person" if person else "Organization", "name": recipient.name, "award": entry.title}
        if person and recipient.position:
            honoured["jobTitle"] = recipient.position
        if unit := organization(recipient.unit):
            honoured["affiliation" if person else "parentOrganization"] = unit
        # A commendation page is an article about who was honoured; schema.org's `award` says with what.
        data.update({
            "@type": "Article",
            "headline": entry.title[:110],
            "name": entry.title,
            "articleSection": section_of(entry),
            "dateCreated": (fields.decision.date.isoformat() if fields.decision and fields.decision.date else str(fields.year)),
            "image": [image],
            "about": honoured,
            "author": {"@type": "Organization", "name": entry.terms["authority"].label},
            "publisher": publisher,
        })
    elif isinstance(fields, UnitFields):
        data.update({"@type": "Organization", "name": entry.title})
        if fields.short_name:
            data["alternateName"] = fields.short_name
        if website := web_address(fields.website):
            data["sameAs"] = website
        if parent := organization(fields.parent):
            data["parentOrganization"] = parent
    return data


def breadcrumbs_jsonld(entry: Entry, site: SiteInfo) -> dict[str, Any]:
    trail = [("Trang chủ", ""), (entry.kind.plural_label, f"{entry.kind.value}/"), (entry.title, entry.url)]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": site.absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
