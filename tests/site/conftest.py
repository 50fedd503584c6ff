"""Site-test fixtures: small temporary playbook projects and one strict build of the repo's site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_support import write_csv

from generator.keywords import schema
from generator.project import Project
from generator.site.build import build_site

REPO = Path(__file__).resolve().parents[2]

MKDOCS_YML = """\
site_name: Test playbook
site_description: A small test playbook site used by the site tests of the playbook project.
site_url: https://example.org/docs/
docs_dir: content
theme:
  name: material
  custom_dir: {overrides}
  font: false
nav:
  - Home: index.md
  - Long tail: long-tail.md
  - Plan:
      - plan/keywords.md
      - plan/pipeline.md
      - plan/committee.md
plugins:
  - search
  - playbook:
      today: "2026-11-28"
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""

INDEX_MD = """\
---
title: Test home
description: The home page of the small test playbook site, with links to the plan pages.
---

# Test home

See the [keyword research](plan/keywords.md) and the [long tail](long-tail.md#the-chart).
"""

LONG_TAIL_MD = """\
---
title: Long tail
description: Why many rare searches add up, with the chart of the current keyword analysis.
---

# Long tail

## The chart

<!-- playbook:longtail-chart -->

## Questions

### What is the long tail?

The many rare, specific searches that together outweigh the popular ones.

### Why write for it?

Specific searches convert better and face less competition.
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>chart</title></svg>\n'


def write_analysis(project: Project, keywords: list[str]) -> None:
    """A tiny analysis folder: opportunities.csv, clusters.csv, summary.json, longtail.svg."""
    rows = [
        {
            schema.KEYWORD: kw,
            schema.VOLUME: 100 - i,
            schema.DIFFICULTY: 20 + i,
            schema.RANK: i + 1,
            schema.SCORE: 90 - i,
            schema.INTENT: "question;informational",
            schema.CLUSTER: "crm",
            schema.CLUSTER_LABEL: "CRM | tools",
        }
        for i, kw in enumerate(keywords)
    ]
    cols = [
        schema.KEYWORD,
        schema.VOLUME,
        schema.DIFFICULTY,
        schema.RANK,
        schema.SCORE,
        schema.INTENT,
        schema.CLUSTER,
        schema.CLUSTER_LABEL,
    ]
    write_csv(project.analysis_dir / schema.OPPORTUNITIES_CSV, cols, rows)
    cluster = {
        schema.CL_ID: "crm",
        schema.CL_LABEL: "CRM | tools",
        schema.CL_PILLAR: keywords[0],
        schema.CL_KEYWORDS: len(keywords),
        schema.CL_VOLUME: 300,
        schema.CL_BEST_SCORE: 90,
        schema.CL_SUBTOPICS: "|".join(keywords[1:]),
    }
    write_csv(project.analysis_dir / schema.CLUSTERS_CSV, schema.CLUSTER_COLUMNS, [cluster])
    summary = {
        "rows_read": 5,
        "rows_kept": len(keywords),
        "rows_rejected": 5 - len(keywords),
        "sources": [{"path": "keywords/a.csv"}],
        "clusters": 1,
        "keywords_total_volume": 300,
        "long_tail": {
            "keywords": 2,
            "share_keywords": 0.6667,
            "share_volume": 0.5,
            "definition": "3+ words or volume <= 50",
        },
    }
    (project.analysis_dir / schema.SUMMARY_JSON).write_text(json.dumps(summary), encoding="utf-8")
    (project.analysis_dir / schema.LONGTAIL_SVG).write_text(SVG, encoding="utf-8")


@pytest.fixture
def make_project(tmp_path):
    """Create a small playbook project in tmp_path; returns its Project."""

    def make(
        analysis: list[str] | None = None,
        committee: str | None = None,
        briefs: dict[str, str] | None = None,
    ) -> Project:
        root = tmp_path / "project"
        (root / "content").mkdir(parents=True)
        (root / "mkdocs.yml").write_text(
            MKDOCS_YML.format(overrides=REPO / "overrides"), encoding="utf-8"
        )
        (root / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
        (root / "content" / "long-tail.md").write_text(LONG_TAIL_MD, encoding="utf-8")
        project = Project.at(root)
        if analysis:
            write_analysis(project, analysis)
        if committee is not None:
            project.committee_file.parent.mkdir(parents=True, exist_ok=True)
            project.committee_file.write_text(committee, encoding="utf-8")
        for name, text in (briefs or {}).items():
            project.briefs_dir.mkdir(parents=True, exist_ok=True)
            (project.briefs_dir / name).write_text(text, encoding="utf-8")
        return project

    return make


@pytest.fixture
def built(make_project, tmp_path):
    """Build a small project strictly; returns (project, site_dir)."""

    def run(**kwargs):
        project = make_project(**kwargs)
        result = build_site(project, strict=True, site_dir=tmp_path / "site")
        assert result.warnings == []
        return project, result.site_dir

    return run


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """One strict build of the repository's own site (shared by the tests that read it)."""
    out = tmp_path_factory.mktemp("repo-site")
    build_site(Project.at(REPO), strict=True, site_dir=out)
    return out
