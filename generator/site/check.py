"""Check a built site: internal links and anchors resolve, every page carries its SEO tags."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.errors import InputError
from generator.site.seo import MAX_DESCRIPTION

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
SKIP_SCHEMES = ("mailto", "tel", "javascript", "data")
NO_CANONICAL = ("404.html",)


@dataclass
class Report:
    pages: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [f"{problem}" for problem in self.problems]
        verdict = "OK" if self.ok else f"{len(self.problems)} problems"
        lines.append(f"Checked {self.pages} pages: {verdict}.")
        return "\n".join(lines)


class _PageParser(HTMLParser):
    """Collects ids, links, <title>, meta tags, canonical and JSON-LD of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.title: str | None = None
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.json_ld: list[str] = []
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        attr = LINK_ATTRS.get(tag)
        if attr and values.get(attr) is not None:
            rel = values.get("rel") or ""
            if tag == "link" and "canonical" in rel:
                self.canonical = values[attr]
            else:
                self.links.append(values[attr])
        if tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta[key] = values.get("content") or ""
        if tag == "title" or (tag == "script" and values.get("type") == "application/ld+json"):
            self._capture, self._buffer = tag, []

    def handle_data(self, data):
        if self._capture:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == self._capture:
            text = "".join(self._buffer)
            if tag == "title":
                self.title = text.strip()
            else:
                self.json_ld.append(text)
            self._capture = None


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def check_site(site_dir: Path | str) -> Report:
    """Link and SEO check of every HTML page under `site_dir`."""
    site = Path(site_dir)
    if not (site / "index.html").is_file():
        raise InputError(
            f"{site}: no built site here (index.html missing); run 'playbook site build' first"
        )
    pages = {
        path.relative_to(site).as_posix(): _parse(path) for path in sorted(site.rglob("*.html"))
    }
    base = urlsplit(pages["index.html"].canonical or "")
    report = Report(pages=len(pages))
    for name, page in pages.items():
        report.problems += [f"{name}: {p}" for p in _seo_problems(name, page)]
        report.problems += [f"{name}: {p}" for p in _link_problems(site, name, page, pages, base)]
    return report


def _seo_problems(name: str, page: _PageParser) -> list[str]:
    problems = []
    if not page.title:
        problems.append("no <title>")
    description = page.meta.get("description")
    if not description:
        problems.append("no meta description")
    elif len(description) > MAX_DESCRIPTION:
        problems.append(
            f"meta description is {len(description)} characters (at most {MAX_DESCRIPTION})"
        )
    if not page.canonical and name not in NO_CANONICAL:
        problems.append("no canonical link")
    if not page.meta.get("og:title"):
        problems.append("no og:title")
    if not page.json_ld:
        problems.append("no JSON-LD")
    for block in page.json_ld:
        try:
            json.loads(block)
        except ValueError as exc:
            problems.append(f"JSON-LD does not parse ({exc})")
    return problems


def _link_problems(site: Path, name: str, page: _PageParser, pages: dict, base) -> list[str]:
    problems = []
    for link in sorted(set(page.links)):
        target = _resolve(name, link, base)
        if target is None:
            continue
        path, fragment = target
        if path not in pages and not (site / path).is_file():
            problems.append(f"broken link '{link}' (no {path} in the site)")
        elif fragment and path in pages and fragment not in pages[path].ids:
            problems.append(f"broken link '{link}' (no anchor '#{fragment}' in {path})")
    return problems


def _resolve(name: str, link: str, base) -> tuple[str, str] | None:
    """The site-relative file and fragment a link points to; None for external links."""
    parts = urlsplit(link)
    if parts.scheme in SKIP_SCHEMES:
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not path.startswith(
            base.path
        ):
            return None
        path = "/" + path[len(base.path) :]
    if path.startswith("/"):
        prefix = base.path or "/"
        path = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
        path = _join("", path + ("/" if path.endswith(".") else ""))
    elif path:
        path = _join(name, path)
    else:
        path = name
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(parts.fragment)


def _join(name: str, relative: str) -> str:
    parts = name.split("/")[:-1]
    for piece in relative.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    joined = "/".join(parts)
    return joined + "/" if joined and relative.endswith("/") else joined
