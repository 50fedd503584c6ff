"""Search-engine metadata for every page: Open Graph tags, JSON-LD, the blog feed.

Pure functions over page facts (title, description, URL, HTML); the plugin
calls them. Everything is escaped here, because MkDocs' Jinja2 environment
does not autoescape.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.sax.saxutils import escape as xml_escape

MAX_DESCRIPTION = 160

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageFacts:
    title: str
    description: str
    url: str  # absolute canonical URL ("" when site_url is unset)
    site_name: str
    published: date | None = None  # set for blog posts
    updated: date | None = None
    authors: tuple[str, ...] = ()


def plain(fragment: str) -> str:
    """Text of an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", _HEADERLINK.sub("", fragment))).split())


def description_problem(description) -> str | None:
    """Why a front-matter description is unusable, or None."""
    if not description or not str(description).strip():
        return "no 'description' in the front matter; add one (at most 160 characters)"
    length = len(str(description))
    if length > MAX_DESCRIPTION:
        return f"description is {length} characters; shorten it to {MAX_DESCRIPTION} or fewer"
    return None


def questions_and_answers(content: str) -> list[tuple[str, str]]:
    """(question, answer) pairs: h2/h3 headings ending with '?' followed by a paragraph."""
    pairs = []
    headings = list(_HEADING.finditer(content))
    for index, match in enumerate(headings):
        if match.group(1) not in ("2", "3"):
            continue
        question = plain(match.group(2))
        if not question.endswith("?"):
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(content)
        section = content[match.end() : end]
        answer = " ".join(plain(p) for p in _PARAGRAPH.findall(section))
        if answer and section.lstrip().startswith("<p"):
            pairs.append((question, answer))
    return pairs


def json_ld(facts: PageFacts, content: str) -> dict:
    """Article for blog posts, FAQPage for Q&A pages, WebPage otherwise."""
    if facts.published is not None:
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": facts.title,
            "description": facts.description,
            "datePublished": facts.published.isoformat(),
            "dateModified": (facts.updated or facts.published).isoformat(),
            "publisher": {"@type": "Organization", "name": facts.site_name},
        }
        if facts.authors:
            data["author"] = [{"@type": "Person", "name": name} for name in facts.authors]
        if facts.url:
            data["mainEntityOfPage"] = facts.url
        return data
    pairs = questions_and_answers(content)
    if pairs:
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "name": facts.title,
            "mainEntity": [
                {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                for q, a in pairs
            ],
        }
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": facts.title,
        "description": facts.description,
    }
    if facts.url:
        data["url"] = facts.url
    return data


def script_json(data: dict) -> str:
    """JSON safe inside a <script> element (no '</script>' break-out)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def head_tags(facts: PageFacts, content: str, feed_url: str | None) -> str:
    """The extra <head> tags for one page."""
    attr = lambda value: html.escape(value, quote=True)  # noqa: E731
    kind = "article" if facts.published else "website"
    tags = [
        f'<meta property="og:type" content="{kind}">',
        f'<meta property="og:title" content="{attr(facts.title)}">',
        f'<meta property="og:description" content="{attr(facts.description)}">',
        f'<meta property="og:site_name" content="{attr(facts.site_name)}">',
        '<meta name="twitter:card" content="summary">',
    ]
    if facts.url:
        tags.append(f'<meta property="og:url" content="{attr(facts.url)}">')
    if facts.published:
        tags.append(
            f'<meta property="article:published_time" content="{facts.published.isoformat()}">'
        )
    if feed_url:
        tags.append(
            f'<link rel="alternate" type="application/atom+xml" title="{attr(facts.site_name)}" '
            f'href="{attr(feed_url)}">'
        )
    tags.append(
        f'<script type="application/ld+json">{script_json(json_ld(facts, content))}</script>'
    )
    return "\n".join(tags)


def _stamp(day: date) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=UTC).isoformat()


def atom_feed(site_name: str, site_url: str, feed_url: str, posts: list[PageFacts]) -> str:
    """An Atom feed of the blog posts, newest first (ties by URL)."""
    ordered = sorted(posts, key=lambda post: (post.published or date.min, post.url), reverse=True)
    updated = max((post.updated or post.published for post in ordered), default=date(1970, 1, 1))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_escape(site_name)}</title>",
        f'  <link href="{xml_escape(site_url)}"/>',
        f'  <link rel="self" href="{xml_escape(feed_url)}"/>',
        f"  <id>{xml_escape(feed_url)}</id>",
        f"  <updated>{_stamp(updated)}</updated>",
    ]
    for post in ordered:
        lines += _atom_entry(post, site_name)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _atom_entry(post: PageFacts, site_name: str) -> list[str]:
    published = post.published or date(1970, 1, 1)
    authors = post.authors or (site_name,)
    return [
        "  <entry>",
        f"    <title>{xml_escape(post.title)}</title>",
        f'    <link href="{xml_escape(post.url)}"/>',
        f"    <id>{xml_escape(post.url)}</id>",
        f"    <published>{_stamp(published)}</published>",
        f"    <updated>{_stamp(post.updated or published)}</updated>",
        *[f"    <author><name>{xml_escape(name)}</name></author>" for name in authors],
        f"    <summary>{xml_escape(post.description)}</summary>",
        "  </entry>",
    ]
