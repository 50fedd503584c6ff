"""Read the project's data for the generated site pages.

Cheap readers only (csv, json, yaml — no pandas), so the MkDocs plugin adds
little to a build. Every reader returns plain Python data and never raises on
a missing file: the pages say which command creates it instead.
"""

from __future__ import annotations

import csv
import heapq
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from generator.keywords import schema
from generator.project import Project

DEFAULT_STATUSES = (
    "pitch",
    "committee_review",
    "approved",
    "assigned",
    "interviewing",
    "drafting",
    "sme_review",
    "changes_requested",
    "editor_review",
    "ready",
    "published",
    "hold",
    "killed",
)
CLOSED_STATUSES = ("published", "killed")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster


def safe_load(text: str):
    """yaml.safe_load, with the C loader when PyYAML has it."""
    return yaml.load(text, Loader=_LOADER)


@dataclass
class Analysis:
    """The parts of keywords/analysis/ the site shows."""

    summary: dict
    top: list[dict]
    clusters: list[dict]
    cluster_count: int
    chart: bytes | None


@dataclass
class BriefInfo:
    path: Path
    front: dict


@dataclass
class BriefSet:
    briefs: list[BriefInfo] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: reason"
    statuses: tuple[str, ...] = DEFAULT_STATUSES


def number(value) -> float | None:
    """A CSV cell as a float, or None when blank or not a number."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(result) else result


def read_analysis(project: Project, top: int = 25, clusters: int = 40) -> Analysis | None:
    """The current keyword analysis, or None when `playbook keywords analyze` has not run."""
    folder = project.analysis_dir
    opportunities = folder / schema.OPPORTUNITIES_CSV
    if not opportunities.is_file():
        return None
    chart = folder / schema.LONGTAIL_SVG
    cluster_rows, cluster_count = _read_clusters(folder / schema.CLUSTERS_CSV, clusters)
    return Analysis(
        summary=_read_json(folder / schema.SUMMARY_JSON),
        top=_top_opportunities(opportunities, top),
        clusters=cluster_rows,
        cluster_count=cluster_count,
        chart=chart.read_bytes() if chart.is_file() else None,
    )


def read_chart(project: Project) -> bytes | None:
    """The long-tail chart SVG of the current analysis, if any."""
    chart = project.analysis_dir / schema.LONGTAIL_SVG
    return chart.read_bytes() if chart.is_file() else None


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _rows(path: Path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _top_opportunities(path: Path, top: int) -> list[dict]:
    """The `top` best-ranked rows (rank ascending, ties by keyword).

    The analysis writes rows in rank order, so reading stops as soon as ranks
    1..top have been seen in order; any other file is scanned in full.
    """

    def key(row: dict) -> tuple:
        rank = number(row.get(schema.RANK))
        return (rank if rank is not None else math.inf, row.get(schema.KEYWORD) or "")

    rows = _rows(path)
    head = []
    for expected, row in enumerate(rows, start=1):
        head.append(row)
        if number(row.get(schema.RANK)) != expected:
            break
        if expected == top:
            rows.close()
            return head
    return heapq.nsmallest(top, [*head, *rows], key=key)


def _read_clusters(path: Path, limit: int) -> tuple[list[dict], int]:
    """The first `limit` clusters by best score (ties by id) and the total count."""
    if not path.is_file():
        return [], 0
    rows = list(_rows(path))

    def key(row: dict) -> tuple:
        return (-(number(row.get(schema.CL_BEST_SCORE)) or 0.0), row.get(schema.CL_ID) or "")

    return sorted(rows, key=key)[:limit], len(rows)


def split_front_matter(text: str) -> dict:
    """The YAML front matter of a Markdown file as a dict (ValueError when malformed)."""
    if not text.startswith("---"):
        raise ValueError("no front matter (the file must start with '---')")
    end = text.find("\n---", 3)
    if end < 0:
        raise ValueError("front matter is not closed by a '---' line")
    try:
        data = safe_load(text[3:end])
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not valid YAML ({_first_line(exc)})") from exc
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping of keys")
    return data


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def read_briefs(project: Project) -> BriefSet:
    """Every readable brief; unreadable ones are listed in `skipped` with the reason."""
    result = BriefSet(statuses=_read_statuses(project.workflow_file))
    if not project.briefs_dir.is_dir():
        return result
    for path in sorted(project.briefs_dir.glob("*.md")):
        try:
            front = split_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            result.skipped.append(f"{path.name}: {exc}")
            continue
        result.briefs.append(BriefInfo(path, front))
    return result


def _read_statuses(path: Path) -> tuple[str, ...]:
    """Status order from workflow.yml when it lists them, else the default workflow's."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return DEFAULT_STATUSES
    statuses = data.get("statuses") if isinstance(data, dict) else None
    if isinstance(statuses, list) and all(isinstance(s, str) for s in statuses):
        return tuple(statuses)
    if isinstance(statuses, dict):
        return tuple(str(s) for s in statuses)
    return DEFAULT_STATUSES


def read_committee(project: Project) -> dict | None:
    """committee.yml as a dict, None when absent; ValueError when unreadable."""
    path = project.committee_file
    if not path.is_file():
        return None
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path.name} cannot be read ({_first_line(exc)})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} is not a mapping of keys")
    return data


def as_date(value) -> date | None:
    """A front-matter date (date, datetime or ISO text) as a date, else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
