"""The repository's own site: one real strict build, checked like a deployed site."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from generator.site.check import check_site

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
EXTERNAL = re.compile(
    r'<(script|link|img|iframe|source)\b[^>]*\b(src|href)="(https?:)?//[^"]*"[^>]*>'
)


def pages(site):
    return sorted(site.rglob("*.html"))


def test_generated_files_are_in_the_site(repo_site):
    for uri in ("plan/keywords", "plan/pipeline", "plan/committee"):
        assert (repo_site / uri / "index.html").is_file()
    robots = (repo_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("Sitemap: https://playbook.example.com/sitemap.xml\n")
    ET.fromstring((repo_site / "feed.xml").read_bytes())
    assert "https://playbook.example.com/plan/keywords/" in (repo_site / "sitemap.xml").read_text()
    assert (repo_site / "404.html").is_file()


def test_site_check_passes_on_the_real_build(repo_site):
    report = check_site(repo_site)
    assert report.ok, report.text()
    assert report.pages >= 27


def test_every_page_has_seo_tags_and_json_ld_that_parses(repo_site):
    titles = {}
    for path in pages(repo_site):
        html = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        assert title, path
        description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        assert 0 < len(description) <= 160, path
        blocks = [json.loads(block) for block in LD_JSON.findall(html)]
        assert blocks and blocks[0]["@context"] == "https://schema.org", path
        if "/page/" not in path.as_posix() and path.name == "index.html":
            titles.setdefault(title, []).append(path)
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}  # titles are unique


def test_question_pages_get_faq_json_ld(repo_site):
    html = (repo_site / "training" / "qualifying" / "index.html").read_text(encoding="utf-8")
    data = json.loads(LD_JSON.findall(html)[0])
    assert data["@type"] == "FAQPage"  # the page ends with "## Questions" / "### …?" + answers
    assert data["mainEntity"]
    assert all(q["name"].endswith("?") and q["acceptedAnswer"]["text"] for q in data["mainEntity"])
    keywords = (repo_site / "plan" / "keywords" / "index.html").read_text(encoding="utf-8")
    assert json.loads(LD_JSON.findall(keywords)[0])["@type"] == "WebPage"


def test_nothing_loads_from_another_site(repo_site):
    for path in pages(repo_site):
        html = path.read_text(encoding="utf-8")
        offenders = [
            m.group(0) for m in EXTERNAL.finditer(html) if 'rel="canonical"' not in m.group(0)
        ]
        assert offenders == [], path
        assert "fonts.googleapis" not in html and "unpkg.com" not in html, path
    assert (repo_site / "javascripts" / "vendor" / "mermaid.min.js").stat().st_size > 1_000_000


def test_plain_mkdocs_build_gives_the_same_site(repo_site, tmp_path):
    """Generated pages come from the plugin, so `mkdocs build` needs no playbook command."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "plain"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                   cwd=Path(__file__).resolve().parents[2], env=env, check=True)
    ours = {p.relative_to(repo_site): p.read_bytes() for p in repo_site.rglob("*") if p.is_file()}
    plain = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(plain) == sorted(ours)
    different = [str(name) for name in ours if ours[name] != plain[name]]
    assert different == []
