"""From brief to article: start a blog post, check it against its brief, publish it.

The post is ``content/blog/posts/<brief slug>.md``, a Material for MkDocs blog
post (``date``, ``categories``, ``tags``, ``description``, ``draft: true``,
``brief: <id>``). Publishing moves the brief to ``published`` through the workflow
(only from a status that leads there, ``ready`` by default; from any other status
the error shows the path still to go) and flips ``draft`` to ``false`` in place.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.briefs import matching, rendering, store
from generator.errors import InputError, NotFoundError, OutputError, WorkflowError
from generator.fsutil import atomic_write_bytes, atomic_write_text, create_exclusive, file_lock
from generator.project import Project

DESCRIPTION_RANGE = (50, 160)
MIN_ANSWER_WORDS = 20  # a question counts as answered by a heading or paragraph with this much prose
DESCRIPTION_TODO = "TODO: one sentence for search results and social cards (50-160 characters)"
CATEGORIES = {
    "hiring": "Hiring", "training": "Training", "management": "Management",
    "demand-generation": "Demand generation", "formulas": "Sales formulas",
}
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|href=[\"']([^\"']+)", re.M)
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_DRAFT_LINE = re.compile(r"^draft[ \t]*:[ \t]*(?P<value>[^#\r\n]*?)[ \t]*(?P<comment>#[^\r\n]*)?(?P<eol>\r?\n|$)", re.M)


# --------------------------------------------------------------------------- start


def post_path(project: Project, brief: store.Brief) -> Path:
    return project.blog_posts_dir / f"{brief.slug}.md"


def start_article(project: Project | Path | str, key: str, today: dt.date | None = None) -> Path:
    """Create the blog post for brief ``key``; never overwrites an existing post."""
    project = project if isinstance(project, Project) else Project.at(project)
    brief = store.find_brief(project.briefs_dir, key)
    path = post_path(project, brief)
    if path.exists():
        raise OutputError(f"{_rel(project, path)}: already exists and is never overwritten; "
                          f"check it with 'playbook briefs check {brief.id}'")
    text = render_article(project, brief, today or dt.date.today())
    if not create_exclusive(path, text):
        raise OutputError(f"{_rel(project, path)}: already exists and is never overwritten")
    return path


def render_article(project: Project, brief: store.Brief, today: dt.date) -> str:
    """The starter post: front matter from data, outline and TODO notes from the template."""
    view = _brief_view(brief)
    links = [{"anchor": link["anchor"], "target": _md_target(project, link["url"])} for link in view["internal_links"]]
    front = {
        "date": today,
        "slug": brief.slug,
        "categories": categories(view["internal_links"]),
        "tags": [t[:60] for t in [view["target_keyword"], *view["secondary_keywords"][:2]] if t],
        "description": DESCRIPTION_TODO,
        "draft": True,
        "brief": brief.id,
    }
    template = rendering.load_template(rendering.ARTICLE_TEMPLATE, project.templates_dir)
    sections = max(1, len(view["outline"]))
    return template.render({
        "front_matter": "---\n" + store.render_front_matter(front) + "---",
        "brief": view,
        "links": links,
        "cta_target": _md_target(project, view["cta"]["url"]),
        "words_per_section": int(round(view["word_count"]["min"] / sections, -1)),
    })


def _brief_view(brief: store.Brief) -> dict:
    """The brief's fields with safe defaults, so a hand-edited brief still renders."""
    f = brief.front
    word_count = f.get("word_count") if isinstance(f.get("word_count"), dict) else {}
    return {
        "id": brief.id, "slug": brief.slug, "title": brief.title or brief.target_keyword or brief.slug,
        "target_keyword": brief.target_keyword, "angle": str(f.get("angle") or ""),
        "secondary_keywords": [str(k) for k in _list(f.get("secondary_keywords"))],
        "questions": [str(q) for q in _list(f.get("questions"))],
        "outline": [_section(s) for s in _list(f.get("outline")) if isinstance(s, dict)],
        "internal_links": [_link(x) for x in _list(f.get("internal_links")) if isinstance(x, dict) and x.get("url")],
        "cta": _link(f.get("cta")) if isinstance(f.get("cta"), dict) else {"url": "/", "anchor": ""},
        "word_count": {"min": _int(word_count.get("min"), 0), "max": _int(word_count.get("max"), 10**9)},
    }


def _list(value) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _section(section: dict) -> dict:
    return {"h2": str(section.get("h2") or ""), "h3": [str(h) for h in _list(section.get("h3"))]}


def _link(link: dict) -> dict:
    return {"url": str(link.get("url") or ""), "anchor": str(link.get("anchor") or link.get("url") or "")}


def categories(links: list[dict]) -> list[str]:
    """Blog categories from the playbook sections the brief links to (else 'Sales formulas')."""
    found = []
    for link in links:
        parts = _url_parts(link["url"])
        if parts and parts[0] in CATEGORIES:
            found.append(CATEGORIES[parts[0]])
    return list(dict.fromkeys(found))[:2] or [CATEGORIES["formulas"]]


def _md_target(project: Project, url: str) -> str:
    """A playbook URL as a relative link from a blog post to the page's Markdown file."""
    parts = _url_parts(url)
    if not parts:
        return url
    flat = project.content_dir.joinpath(*parts).with_suffix(".md")
    page = "/".join(parts) + ".md" if flat.is_file() else "/".join([*parts, "index.md"])
    return "../../" + page


def _rel(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class CheckReport:
    """The article checks for one brief; ``ok`` when every check passes."""

    brief_id: str
    article: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def text(self) -> str:
        lines = [f"Checking {self.article} against brief {self.brief_id}"]
        for check in self.checks:
            mark = "✓" if check.ok else "✗"
            lines.append(f"  {mark} {check.name}" + (f": {check.detail}" if check.detail else ""))
        n = len(self.failed)
        lines.append("All checks passed." if not n else f"{n} of {len(self.checks)} checks failed.")
        return "\n".join(lines) + "\n"


@dataclass
class _Post:
    front: dict
    h1: str | None
    blocks: list[tuple[str, int]]  # (heading or paragraph, words of prose answering it), in order
    first_paragraph: str
    words: int
    link_targets: list[str]


def check_article(project: Project | Path | str, key: str) -> CheckReport:
    """Lint brief ``key``'s post against the brief (see the module notes for each check)."""
    project = project if isinstance(project, Project) else Project.at(project)
    brief = store.find_brief(project.briefs_dir, key)
    path = post_path(project, brief)
    post = _read_post(project, brief, path)
    view = _brief_view(brief)
    report = CheckReport(brief.id, _rel(project, path))
    report.checks += _keyword_checks(view["target_keyword"], post)
    report.checks += [_question_check(q, post) for q in view["questions"]]
    report.checks.append(_word_count_check(post.words, view["word_count"]))
    report.checks.append(_description_check(post.front.get("description")))
    report.checks += [_link_check(link["url"], post.link_targets) for link in view["internal_links"]]
    if view["cta"]["anchor"]:
        report.checks.append(_link_check(view["cta"]["url"], post.link_targets, "call to action"))
    return report


def _read_post(project: Project, brief: store.Brief, path: Path) -> _Post:
    if not path.is_file():
        raise NotFoundError(f"{_rel(project, path)}: no article for brief {brief.id}; "
                            f"create it with 'playbook briefs start {brief.id}'")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{_rel(project, path)}: not UTF-8 text; save it as UTF-8") from exc
    front_text, body = store.split_front_matter(text, _rel(project, path), "blog post")
    return _parse_body(store.parse_front(front_text, _rel(project, path)), body)


def _parse_body(front: dict, body: str) -> _Post:
    clean = _COMMENT.sub("", _FENCE.sub("", body))
    blocks, h1, first = [], None, ""
    heading_at = None  # index of the heading whose section is being read
    for block in re.split(r"\n[ \t]*\n", clean):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        for i, line in enumerate(lines):
            heading = _HEADING.match(line.strip())
            if heading:
                blocks.append((heading.group(2), 0))
                heading_at = len(blocks) - 1
                h1 = h1 if h1 is not None or len(heading.group(1)) != 1 else heading.group(2)
                continue
            paragraph = " ".join(lines[i:])
            words = len(_WORDS.findall(paragraph))
            blocks.append((paragraph, words))
            if heading_at is not None:
                text, answered = blocks[heading_at]
                blocks[heading_at] = (text, answered + words)
            first = first or paragraph
            break
    prose = re.sub(r"\]\([^)]*\)|<[^>]+>", " ", clean)
    targets = [next(g for g in m.groups() if g) for m in _LINK.finditer(clean)]
    return _Post(front, h1, blocks, first, len(_WORDS.findall(prose)), targets)


def _normal(text: str) -> str:
    """Words only, case-folded; Markdown escapes and HTML entities undone first."""
    plain = html.unescape(re.sub(r"\\(.)", r"\1", str(text)))
    return " " + " ".join(_WORDS.findall(plain.casefold().replace("-", " "))) + " "


def _keyword_checks(keyword: str, post: _Post) -> list[Check]:
    kw = _normal(keyword)
    title = str(post.front.get("title") or post.h1 or "")
    where = (("title", title), ("H1", post.h1 or ""), ("first paragraph", post.first_paragraph))
    return [
        Check(f"target keyword in the {name}", kw.strip() != "" and kw in _normal(text),
              f"\"{keyword}\"" + ("" if text else f" (no {name} found)"))
        for name, text in where
    ]


def _question_check(question: str, post: _Post) -> Check:
    """Answered: a heading or paragraph holds most of the question's key words and has
    at least :data:`MIN_ANSWER_WORDS` words of prose (a heading: in its section)."""
    wanted = matching.stems([question]).stems
    need = max(1, math.ceil(len(wanted) * 0.6))
    covers = [(len(wanted & matching.stems([text]).stems), words) for text, words in post.blocks]
    best = max((hits for hits, _ in covers), default=0)
    if best < need:
        return Check(f"question answered: {question}", False,
                     f"no heading or paragraph covers it ({best}/{len(wanted)} key words)")
    answered = any(hits >= need and words >= MIN_ANSWER_WORDS for hits, words in covers)
    return Check(f"question answered: {question}", answered,
                 "" if answered else f"covered by a heading but not answered yet (under {MIN_ANSWER_WORDS} words)")


def _word_count_check(words: int, word_count: dict) -> Check:
    low, high = word_count["min"], word_count["max"]
    shown = f"{low}-{high}" if high < 10**9 else f"at least {low}"
    return Check(f"word count {words} (brief: {shown})", low <= words <= high)


def _description_check(value) -> Check:
    text = " ".join(str(value).split()) if value else ""
    low, high = DESCRIPTION_RANGE
    if text.startswith("TODO"):
        return Check("description written", False, "replace the TODO in the front matter")
    return Check(f"description length {len(text)} characters ({low}-{high})", low <= len(text) <= high)


def _link_check(url: str, targets: list[str], what: str = "internal link") -> Check:
    want = _url_parts(url)
    found = any(_tail_matches(_url_parts(t), want) for t in targets)
    return Check(f"{what} to {url}", found, "" if found else "not linked yet")


def _url_parts(url: str) -> list[str]:
    """Path parts of a link, normalised: no '.', '..', '.md' suffix or trailing 'index'."""
    path = urlsplit(str(url)).path if re.match(r"[a-z]+://", str(url)) else re.split(r"[#?]", str(url))[0]
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and parts[-1].endswith(".md"):
        parts[-1] = parts[-1][:-3]
    if parts and parts[-1] in ("index", "README"):
        parts.pop()
    return parts


def _tail_matches(parts: list[str], want: list[str]) -> bool:
    if not want:
        return not parts
    return len(parts) >= len(want) and parts[-len(want):] == want


# --------------------------------------------------------------------------- publish


def publish_article(
    project: Project | Path | str, key: str, by: str, force: bool = False, note: str | None = None,
    at: str | None = None,
) -> store.Brief:
    """Move the brief to ``published`` and set ``draft: false`` in its post, when the checks pass.

    ``force`` publishes despite failed checks and needs ``note`` (recorded in the history).
    """
    from generator.briefs import moves

    project = project if isinstance(project, Project) else Project.at(project)
    if force and not (note and note.strip()):
        raise WorkflowError("--force needs --note TEXT saying why the failed checks are accepted")
    committee, workflow = moves.load_context(project)
    committee.person(by)
    brief = store.find_brief(project.briefs_dir, key)
    _check_path(brief, workflow)
    report = check_article(project, brief.id)
    history_note = _history_note(report, force, note)
    if not report.ok and not force:
        names = "; ".join(c.name for c in report.failed)
        raise WorkflowError(f"brief {brief.id}: {len(report.failed)} article check(s) failed ({names}); "
                            f"fix the article (see 'playbook briefs check {brief.id}') or pass --force --note TEXT")
    workflow.check_move(brief.status, "published", moves.roles_on(brief, committee, by), brief.id)
    moves.check_gates(brief, workflow, "published", history_note)
    post = project.root / report.article
    before = post.read_bytes()
    set_draft_false(post)
    try:
        return moves.move_brief(project, brief.id, "published", by, history_note, at)
    except BaseException:
        atomic_write_bytes(post, before)  # the post goes live only with its brief
        raise


def _history_note(report: CheckReport, force: bool, note: str | None) -> str:
    if report.ok:
        return note.strip() if note and note.strip() else "article checks passed"
    names = ", ".join(c.name for c in report.failed)
    return f"published with --force: {note.strip() if note else ''} (failed checks: {names})"


def _check_path(brief: store.Brief, workflow) -> None:
    if "published" in workflow.next_statuses(brief.status):
        return
    if brief.status == "published":
        raise WorkflowError(f"brief {brief.id} is already published")
    path = _shortest_path(workflow, brief.status, "published")
    if not path:
        raise WorkflowError(f"brief {brief.id} is '{brief.status}', from which 'published' cannot be reached")
    before = path[-2]
    raise WorkflowError(
        f"brief {brief.id} is '{brief.status}'; it can be published only from '{before}'. "
        f"Path: {' → '.join(path)} (move it with 'playbook briefs move')"
    )


def _shortest_path(workflow, start: str, goal: str) -> list[str]:
    """Shortest status path from ``start`` to ``goal``, avoiding paused and terminal side states."""
    avoid = set(workflow.resume_previous) | (set(workflow.terminal) - {goal})
    previous, queue = {start: None}, deque([start])
    while queue:
        status = queue.popleft()
        for nxt in workflow.next_statuses(status):
            if nxt in previous or nxt in avoid:
                continue
            previous[nxt] = status
            if nxt == goal:
                path = [goal]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return path[::-1]
            queue.append(nxt)
    return []


def set_draft_false(path: Path) -> None:
    """Set ``draft: false`` in the post's front matter, changing only that line (or adding it)."""
    with file_lock(path):
        text = path.read_text(encoding="utf-8")
        new = draft_false_text(text, path)
        if new != text:
            atomic_write_text(path, new)


def draft_false_text(text: str, path: Path | str) -> str:
    """``text`` with ``draft: false`` in its front matter; everything else byte for byte."""
    front_text, body = store.split_front_matter(text, path, "blog post")
    start = text.index("\n") + 1
    match = _DRAFT_LINE.search(front_text)
    if match:
        comment = f" {match.group('comment')}" if match.group("comment") else ""
        line = f"draft: false{comment}{match.group('eol')}"
        new_front = front_text[: match.start()] + line + front_text[match.end():]
    else:
        eol = "\r\n" if front_text.endswith("\r\n") else "\n"
        new_front = front_text + ("" if not front_text or front_text.endswith("\n") else eol) + f"draft: false{eol}"
    new = text[:start] + new_front + text[start + len(front_text):]
    before = yaml.safe_load(front_text) or {}
    after = yaml.safe_load(store.split_front_matter(new, path, "blog post")[0]) or {}
    if after != {**before, "draft": False} or store.split_front_matter(new, path, "blog post")[1] != body:
        raise OutputError(f"{path}: could not set 'draft: false' safely; edit the front matter by hand")
    return new
