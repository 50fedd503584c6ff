"""The built site in headless Chromium: home, search, instant navigation, Mermaid, offline, no errors."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "formulas/",
    "calculators/",
    "demand-generation/long-tail/",
    "plan/keywords/",
    "plan/pipeline/",
    "plan/committee/",
    "blog/",
    "tags/",
]


@pytest.fixture
def offline(page, site_url):
    """Every request that leaves the local server (the site must make none: no CDN, no API)."""
    external: list[str] = []

    def seen(request):
        if not request.url.startswith((site_url, "data:", "blob:")):
            external.append(request.url)

    page.on("request", seen)
    return external


def test_home_renders(page, site_url, offline):
    page.goto(site_url)
    assert page.title() == "The Sales Acceleration Playbook"
    assert page.locator("article h1").first.is_visible()
    assert page.locator(".md-tabs").count() == 1
    assert page.console_errors == [] and offline == []


def test_search_finds_gpct(page, site_url, offline):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("GPCT", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert "gpct" in results.first.inner_text().lower()
    assert page.console_errors == [] and offline == []


def serve_sitemap_for(page, built_site, site_url):
    """Rewrite sitemap.xml's site_url to the test server's URL.

    Material's instant navigation only intercepts URLs listed in sitemap.xml; it swaps the
    scheme and host of those URLs for the current ones but keeps no port, so on a random
    local port nothing would match. On the real host (site_url) the sitemap matches as is.
    """
    home = (built_site / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', home).group(1)
    body = (built_site / "sitemap.xml").read_text(encoding="utf-8").replace(canonical, site_url)
    page.route(
        site_url + "sitemap.xml",
        lambda route: route.fulfill(body=body, content_type="application/xml"),
    )


def test_instant_navigation_keeps_the_page_alive(page, built_site, site_url, offline):
    serve_sitemap_for(page, built_site, site_url)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__still_here = true")
    page.locator("a.md-tabs__link", has_text="Calculators").click()
    page.wait_for_url(site_url + "calculators/")
    page.locator("article h1", has_text="Calculators").wait_for()
    assert page.evaluate("window.__still_here === true")  # no full reload: instant navigation
    assert page.console_errors == [] and offline == []


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_offline_without_errors(page, site_url, offline, path):
    page.goto(site_url + path)
    diagrams = page.locator("div.mermaid")
    if diagrams.count():  # rendered by the site's own Mermaid (into a closed shadow root)
        page.wait_for_function("() => document.querySelector('div.mermaid').offsetHeight > 50")
        assert page.evaluate("typeof window.mermaid") == "object"
    assert page.console_errors == []
    assert offline == []


def test_404_page(page, site_url, offline):
    response = page.goto(site_url + "no/such/page/")
    assert response.status == 404  # python's http.server answers 404 with its own body
    page.goto(site_url + "404.html")
    assert "Page not found" in page.locator("article").inner_text()
    assert offline == []
