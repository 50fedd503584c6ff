"""Generated pages through real strict MkDocs builds of small projects."""

from __future__ import annotations

import json
import re

from site_support import HOSTILE

from generator.site.check import check_site

COMMITTEE = """\
cadence: {frequency: weekly, day: tuesday}
editor: {id: jo, name: Jo Park, role: Editor, email: jo@example.com, show_email: false}
journalists:
  - {id: sam, name: Sam Reed, role: Journalist, email: sam@example.com}
members:
  - id: ann
    name: Ann Public
    role: VP Sales
    expertise: [hiring, coaching]
    email: ann.public@example.com
    show_email: true
    monthly_capacity: 2
  - id: bob
    name: Bob Private
    role: Sales Manager
    expertise: [gpct]
    email: bob.private@example.com
    show_email: false
    monthly_capacity: 1
"""

BRIEF = """\
---
id: "2026-00{n}"
slug: brief-{n}
title: "{title}"
status: {status}
target_keyword: "{keyword}"
journalist: sam
sme: {{id: ann, name: Ann Public, role: VP Sales}}
due: {{committee_review: 2026-12-01, approved: 2026-12-05, published: 2027-01-05}}
created: 2026-11-28
---

Body.
"""


def html(site, uri):
    return (site / uri / "index.html").read_text(encoding="utf-8")


def article_text(page_html: str) -> str:
    body = page_html.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>", 1
    )[0]
    return re.sub(r"<[^>]+>", " ", body)


def test_empty_project_pages_name_the_commands(built):
    _, site = built()
    assert "playbook keywords analyze" in article_text(html(site, "plan/keywords"))
    assert "playbook briefs draft" in article_text(html(site, "plan/pipeline"))
    assert "thought_leadership/committee.yml" in article_text(html(site, "plan/committee"))
    long_tail = html(site, "long-tail")
    assert "No long-tail chart yet" in long_tail and "playbook:longtail-chart" not in long_tail
    assert not (site / "plan" / "longtail.svg").exists()


def test_analysis_shows_figures_chart_opportunities_and_clusters(built):
    _, site = built(analysis=["crm for startups", "best crm | free", "what is a crm"])
    page = html(site, "plan/keywords")
    text = article_text(page)
    assert "66.7%" in text and "Keywords analysed" in text
    assert 'src="../longtail.svg"' in page
    assert (site / "plan" / "longtail.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "best crm | free" in text.replace("&#124;", "|")  # a pipe in a cell stays in its cell
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert any("best crm" in row and row.count("<td") == 7 for row in rows)
    assert 'src="plan/longtail.svg"' in html(site, "long-tail").replace("../", "")


def test_hostile_keyword_is_shown_as_text(built):
    from bs4 import BeautifulSoup

    _, site = built(analysis=[HOSTILE, "crm *bold* [link](http://x)", "crm tools"])
    page = html(site, "plan/keywords")
    soup = BeautifulSoup(page, "html.parser")
    cells = [td.get_text() for td in soup.find_all("td")]
    assert HOSTILE in cells and "crm *bold* [link](http://x)" in cells
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert not soup.find_all("em") and not soup.find_all("a", href="http://x")
    assert "<script>alert" not in (site / "search" / "search_index.json").read_text(
        encoding="utf-8"
    )


def test_committee_hides_emails_unless_opted_in(built):
    _, site = built(committee=COMMITTEE)
    page = html(site, "plan/committee")
    text = article_text(page)
    assert (
        "Ann Public" in text and "Bob Private" in text and "Sam Reed" in text and "Jo Park" in text
    )
    assert 'href="mailto:ann.public@example.com"' in page.replace("&#64;", "@")
    for private in ("bob.private", "sam@example", "jo@example"):
        assert private not in page.replace("&#64;", "@")
    assert "hiring, coaching" in text


def test_pipeline_groups_briefs_by_status_and_skips_broken_ones(make_project, tmp_path):
    from generator.site.build import build_site

    briefs = {
        "a.md": BRIEF.format(n=1, title="Hiring <b>reps</b>", status="pitch", keyword="hire reps"),
        "b.md": BRIEF.format(n=2, title="GPCT guide", status="approved", keyword="gpct"),
        "broken.md": "---\ntitle: [unclosed\n---\n",
    }
    project = make_project(briefs=briefs, committee=COMMITTEE)
    result = build_site(project, strict=False, site_dir=tmp_path / "site")
    assert result.warnings == [
        "playbook: thought_leadership/briefs/broken.md: front matter is not valid YAML "
        + result.warnings[0].split("not valid YAML ", 1)[1]
    ]
    page = html(result.site_dir, "plan/pipeline")
    text = article_text(page)
    assert text.index("pitch") < text.index("approved")
    assert "Hiring &lt;b&gt;reps&lt;/b&gt;" in page and "<b>reps</b>" not in page
    assert "committee&#95;review 2026-12-01" in page or "committee_review 2026-12-01" in text
    assert "broken.md" in text and "Unreadable briefs" in text
    assert "Sam Reed" in text  # journalist id resolved through committee.yml


def test_broken_brief_fails_the_strict_build(make_project, tmp_path):
    import pytest

    from generator.errors import PlaybookError
    from generator.site.build import build_site

    project = make_project(briefs={"broken.md": "no front matter\n"})
    with pytest.raises(PlaybookError, match=r"broken\.md: no front matter .*--no-strict"):
        build_site(project, strict=True, site_dir=tmp_path / "site")


def test_seo_tags_and_faq_json_ld(built):
    _, site = built(analysis=["crm for startups", "crm tools"])
    page = html(site, "long-tail")
    assert '<meta property="og:title" content="Long tail">' in page
    assert '<link rel="canonical" href="https://example.org/docs/long-tail/">' in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(blocks[0])
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [
        "What is the long tail?",
        "Why write for it?",
    ]
    assert data["mainEntity"][1]["acceptedAnswer"]["text"].startswith("Specific searches")
    assert (
        json.loads(re.findall(r'ld\+json">(.*?)</script>', html(site, "plan/keywords"))[0])["@type"]
        == "WebPage"
    )
    assert "Sitemap: https://example.org/docs/sitemap.xml" in (site / "robots.txt").read_text()
    assert check_site(site).ok, check_site(site).text()


POST = """\
---
date: 2026-11-20
description: What GPCT qualification asks, and why it helps with inbound buyers who arrive with a problem.
---

# What is GPCT?

Goals, plans, challenges, timeline.
"""


def test_blog_post_gets_article_json_ld_and_a_feed_entry(make_project, tmp_path):
    import xml.etree.ElementTree as ET

    from generator.site.build import build_site

    project = make_project()
    yml = project.mkdocs_yml.read_text(encoding="utf-8")
    yml = yml.replace("  - search\n", "  - search\n  - blog:\n      blog_dir: blog\n")
    yml = yml.replace(
        "  - Long tail: long-tail.md\n",
        "  - Long tail: long-tail.md\n  - Blog:\n      - blog/index.md\n",
    )
    project.mkdocs_yml.write_text(yml, encoding="utf-8")
    (project.content_dir / "blog" / "posts").mkdir(parents=True)
    (project.content_dir / "blog" / "index.md").write_text(
        "---\ntitle: Blog\ndescription: Articles of the test site, written by the journalist and committee.\n---\n\n# Blog\n",
        encoding="utf-8",
    )
    (project.content_dir / "blog" / "posts" / "gpct.md").write_text(POST, encoding="utf-8")
    site = build_site(project, strict=True, site_dir=tmp_path / "site").site_dir
    page = html(site, "blog/2026/11/20/what-is-gpct")
    data = json.loads(re.findall(r'ld\+json">(.*?)</script>', page)[0])
    assert data["@type"] == "Article" and data["headline"] == "What is GPCT?"
    assert data["datePublished"] == "2026-11-20"
    assert data["mainEntityOfPage"] == "https://example.org/docs/blog/2026/11/20/what-is-gpct/"
    assert '<meta property="og:type" content="article">' in page
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [
        "What is GPCT?"
    ]
    assert check_site(site).ok, check_site(site).text()


def test_front_matter_title_and_description_cannot_inject_markup(make_project, tmp_path):
    from bs4 import BeautifulSoup

    from generator.site.build import build_site

    project = make_project()
    hostile = 'Crm "tips" <script>alert(1)</script> & more'
    (project.content_dir / "long-tail.md").write_text(
        f"---\ntitle: '{hostile}'\ndescription: '{hostile}'\n---\n\n# Long tail\n\nText.\n",
        encoding="utf-8",
    )
    site = build_site(project, strict=True, site_dir=tmp_path / "site").site_dir
    soup = BeautifulSoup(html(site, "long-tail"), "html.parser")
    assert not [
        s for s in soup.find_all("script") if "alert" in s.get_text() and "ld+json" not in str(s)
    ]
    assert soup.find("meta", attrs={"name": "description"})["content"] == hostile
    assert soup.find("meta", attrs={"property": "og:description"})["content"] == hostile
    assert soup.title.get_text() == f"{hostile} - Test playbook"
    data = json.loads(soup.find("script", type="application/ld+json").get_text())
    assert data["description"] == hostile
