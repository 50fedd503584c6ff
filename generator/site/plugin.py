"""The `playbook` MkDocs plugin: generated content-plan pages and the site's SEO.

Registered as the ``playbook`` entry point, so a plain ``mkdocs build`` and
``playbook site build`` produce the same site. The project root is the folder
of ``mkdocs.yml``.
"""

from __future__ import annotations

import html
import posixpath
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from generator.project import Project
from generator.site import data, pages, seo

log = get_plugin_logger("playbook")

CHART_URI = "plan/" + pages.CHART_NAME
FEED_URI = "feed.xml"


class PlaybookConfig(Config):
    top_keywords = config_options.Type(int, default=25)
    top_clusters = config_options.Type(int, default=40)
    calendar_weeks = config_options.Type(int, default=8)
    today = config_options.Optional(config_options.Type(str))  # ISO date, for reproducible builds


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds plan/keywords.md, plan/pipeline.md, plan/committee.md, robots.txt, feed.xml and SEO tags."""

    def on_config(self, config):
        self.project = Project.at(Path(config.config_file_path).parent)
        self.has_chart = False
        self.posts: list[seo.PageFacts] = []
        self.titles: dict[str, str] = {}
        return config

    def on_files(self, files: Files, *, config) -> Files:
        chart = data.read_chart(self.project)
        self.has_chart = chart is not None
        generated: dict[str, str | bytes] = dict(self._generated_pages())
        generated["robots.txt"] = pages.robots_txt(config.site_url)
        generated[FEED_URI] = ""  # placeholder so links validate; written in on_post_build
        if chart is not None:
            generated[CHART_URI] = chart
        for uri, content in generated.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, content=content))
        return files

    def _generated_pages(self) -> dict[str, str]:
        today = _today(self.config.today)
        analysis = data.read_analysis(
            self.project, self.config.top_keywords, self.config.top_clusters
        )
        briefs = data.read_briefs(self.project)
        for skipped in briefs.skipped:
            log.warning(
                f"thought_leadership/briefs/{skipped}; the brief is left out of the pipeline page"
            )
        try:
            committee, problem = data.read_committee(self.project), None
        except ValueError as exc:
            committee, problem = None, str(exc)
            log.warning(f"thought_leadership/{problem}; the committee page shows a notice instead")
        return {
            "plan/keywords.md": pages.keywords_page(analysis),
            "plan/pipeline.md": pages.pipeline_page(
                briefs, today, self.config.calendar_weeks, pages.people_names(committee)
            ),
            "plan/committee.md": pages.committee_page(committee, problem),
        }

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if pages.CHART_MARKER not in markdown:
            return markdown
        url = None
        if self.has_chart:
            url = posixpath.relpath(CHART_URI, posixpath.dirname(page.file.src_uri) or ".")
        return markdown.replace(pages.CHART_MARKER, pages.chart_markdown(url))

    def on_page_context(self, context, *, page, config, nav):
        facts = self._facts(page, config)
        if self._checked(page):
            self._lint(page, facts)
        if facts.published is not None:
            self.posts.append(facts)
        feed = get_relative_url(FEED_URI, page.url)
        context["playbook_head"] = seo.head_tags(facts, page.content or "", feed)
        _escape_meta(page)
        return context

    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html":
            facts = seo.PageFacts(
                title="Page not found",
                description=config.site_description or "",
                url="",
                site_name=config.site_name,
            )
            context["playbook_head"] = seo.head_tags(
                facts, "", urlsplit(config.site_url or "/").path.rstrip("/") + "/" + FEED_URI
            )
        return context

    def on_post_build(self, *, config) -> None:
        site_url = config.site_url or ""
        feed = seo.atom_feed(
            config.site_name, site_url, self._feed_url(config) or FEED_URI, self.posts
        )
        Path(config.site_dir, FEED_URI).write_text(feed, encoding="utf-8")

    # --- helpers --------------------------------------------------------------------

    @staticmethod
    def _feed_url(config) -> str | None:
        return (config.site_url or "/").rstrip("/") + "/" + FEED_URI

    @staticmethod
    def _checked(page) -> bool:
        """Pages the SEO lint covers: not the blog plugin's archive/category/pagination views."""
        generated_by = page.file.generated_by or ""
        return not generated_by.startswith("material/")

    def _facts(self, page, config) -> seo.PageFacts:
        meta = page.meta or {}
        title = str(meta.get("title") or page.title or config.site_name)
        published, updated = _post_dates(page)
        authors = tuple(
            getattr(author, "name", str(author)) for author in getattr(page, "authors", []) or []
        )
        return seo.PageFacts(
            title=title,
            description=str(meta.get("description") or config.site_description or ""),
            url=page.canonical_url or "",
            site_name=config.site_name,
            published=published,
            updated=updated,
            authors=authors,
        )

    def _lint(self, page, facts: seo.PageFacts) -> None:
        uri = page.file.src_uri
        problem = seo.description_problem((page.meta or {}).get("description"))
        if problem:
            log.warning(f"{uri}: {problem}")
        other = self.titles.setdefault(facts.title, uri)
        if other != uri:
            log.warning(
                f"{uri}: title '{facts.title}' is also used by {other}; give each page its own title"
            )


def _today(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError as exc:
        raise PluginError(f"plugins.playbook.today: '{value}' is not a YYYY-MM-DD date") from exc


def _escape_meta(page) -> None:
    """HTML-escape the front-matter title/description Material prints unescaped.

    MkDocs' Jinja2 environment does not autoescape, and drafted articles take their
    description from data, so a quote or tag in it must not become markup.
    """
    meta = page.meta or {}
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)


def _post_dates(page) -> tuple[date | None, date | None]:
    """Created/updated dates of a blog post (Material's Post), else (None, None)."""
    post_date = getattr(getattr(page, "config", None), "date", None)
    created = getattr(post_date, "created", None)
    if created is None:
        return None, None
    updated = getattr(post_date, "updated", None)
    return _day(created), _day(updated) if updated else None


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value
