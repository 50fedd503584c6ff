"""Benchmark: what the playbook MkDocs plugin adds to a plain Material build.

(a) the project's site built plain (generated pages written as static files, `playbook`
removed from the plugins) vs (b) the same site built with the plugin -> overhead %
(target <= 10%); (c) a synthetic 1,000-article blog built plain vs with the plugin
-> ratio (target <= 1.1x). Builds run in this process, in alternating order; figures are CPU seconds of
this process (best of --repeat), so other work on the machine does not skew the ratio.

    .venv/bin/python bench/bench_site.py [--posts 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import Project  # noqa: E402
from generator.site import data, pages  # noqa: E402
from generator.site.build import build_site  # noqa: E402

COPIED = ("mkdocs.yml", "content", "overrides", "keywords", "thought_leadership")


def copy_project(dest: Path) -> Project:
    dest.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return Project.at(dest)


def make_plain(project: Project) -> None:
    """Write what the plugin generates as static files and drop the plugin from mkdocs.yml."""
    plan = project.content_dir / "plan"
    plan.mkdir(parents=True, exist_ok=True)
    try:
        committee = data.read_committee(project)
    except ValueError:
        committee = None
    (plan / "keywords.md").write_text(
        pages.keywords_page(data.read_analysis(project)), encoding="utf-8"
    )
    briefs, people = data.read_briefs(project), pages.people_names(committee)
    (plan / "pipeline.md").write_text(
        pages.pipeline_page(briefs, date.today(), 8, people), encoding="utf-8"
    )
    (plan / "committee.md").write_text(pages.committee_page(committee), encoding="utf-8")
    chart = data.read_chart(project)
    if chart:
        (plan / pages.CHART_NAME).write_bytes(chart)
    (project.content_dir / "robots.txt").write_text(
        pages.robots_txt("https://playbook.example.com/")
    )
    (project.content_dir / "feed.xml").write_text("")
    yml = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(yml.replace("  - playbook\n", ""), encoding="utf-8")


POST = """\
---
date: {day}
categories: [{category}]
tags: [{tag}]
description: Synthetic article {n} for the site benchmark - how sales teams handle {topic}, step by step.
---

# How sales teams handle {topic} ({n})

{para}

## Why it matters

{para}

## Questions

### What is {topic}?

{para}

### How do I start with {topic}?

{para}
"""

TOPICS = [
    "gpct qualification",
    "sales compensation",
    "sales contests",
    "coaching cadence",
    "buyer matrix",
    "lead scoring",
    "hiring reps",
    "inbound marketing",
]
PARA = (
    "Sales leaders who measure the funnel can coach the one skill that moves a rep's numbers. "
    "Pick a metric, agree on a plan, review it every month and keep the notes. "
) * 3


def add_posts(project: Project, count: int) -> None:
    posts = project.blog_posts_dir
    posts.mkdir(parents=True, exist_ok=True)
    start = date(2024, 1, 1)
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        text = POST.format(
            day=start + timedelta(days=n % 700),
            category=topic.split()[0].title(),
            tag=topic.split()[-1],
            n=n + 1,
            topic=topic,
            para=PARA,
        )
        (posts / f"post-{n + 1:04d}.md").write_text(text, encoding="utf-8")


def best_of(projects: dict[str, Project], repeat: int, out: Path) -> dict[str, float]:
    times = {name: [] for name in projects}
    for round_ in range(repeat):
        items = list(projects.items())
        for name, project in items if round_ % 2 == 0 else items[::-1]:  # alternate the order
            started = time.process_time()
            build_site(project, strict=False, site_dir=out / name)
            times[name].append(time.process_time() - started)
    return {name: min(values) for name, values in times.items()}


HOOKS = (
    "on_config",
    "on_files",
    "on_page_markdown",
    "on_page_context",
    "on_template_context",
    "on_post_build",
)


def time_hooks() -> dict[str, float]:
    """Wrap the plugin's hooks so their own CPU time is summed into the returned dict."""
    from generator.site.plugin import PlaybookPlugin

    spent = {"total": 0.0}

    def timed(method):
        def wrapper(self, *args, **kwargs):
            started = time.process_time()
            try:
                return method(self, *args, **kwargs)
            finally:
                spent["total"] += time.process_time() - started

        return wrapper

    for name in HOOKS:
        setattr(PlaybookPlugin, name, timed(getattr(PlaybookPlugin, name)))
    return spent


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        root = Path(tmp)
        site = {"plain": copy_project(root / "plain"), "plugin": copy_project(root / "plugin")}
        make_plain(site["plain"])
        blog = {
            "blog-plain": copy_project(root / "blog-plain"),
            "blog-plugin": copy_project(root / "blog-plugin"),
        }
        make_plain(blog["blog-plain"])
        for project in blog.values():
            add_posts(project, args.posts)
        build_site(site["plugin"], strict=False, site_dir=root / "warm")  # imports, caches
        hooks = time_hooks()
        t = best_of(site, args.repeat, root / "out")
        overhead = (t["plugin"] / t["plain"] - 1) * 100
        print(f"(a) plain Material build of the project:  {t['plain']:.2f} s CPU")
        print(f"(b) with the playbook plugin:              {t['plugin']:.2f} s CPU")
        own = hooks["total"] / args.repeat
        print(
            f"    the plugin's hooks themselves:         {own:.3f} s CPU per build "
            f"({own / t['plain'] * 100:.1f}% of the plain build)"
        )
        print(f"    overhead {overhead:+.1f}% (target <= 10%): {verdict(overhead <= 10)}")
        b = best_of(blog, max(1, args.repeat - 1), root / "out")
        ratio = b["blog-plugin"] / b["blog-plain"]
        print(f"(c) {args.posts}-article blog, plain:          {b['blog-plain']:.2f} s CPU")
        print(f"    with the playbook plugin:              {b['blog-plugin']:.2f} s CPU")
        print(f"    ratio {ratio:.3f}x (target <= 1.1x): {verdict(ratio <= 1.1)}")
    return 0 if overhead <= 10 and ratio <= 1.1 else 1


if __name__ == "__main__":
    sys.exit(main())
