"""``report.md``: the readable summary of an analysis, rendered from a Jinja2 template.

Deterministic: the same analysis gives the same bytes (no timestamps).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from generator.keywords import schema

TEMPLATE_DIR = Path(__file__).with_name("templates")
CLUSTERS_SHOWN = 15
SUBTOPICS_SHOWN = 5
_PIPE = re.compile(r"(?<!\\)\|")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value) -> str:
    """Escape Markdown (and table pipes) in a cell; missing → empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def num(value) -> str:
    """1234.5 → 1,235; missing → –."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{round(float(value)):,}"


def pct(value) -> str:
    return f"{100 * float(value):.1f}%"


def fixed(value) -> str:
    return f"{float(value):.2f}"


def range_text(seg: dict) -> str:
    if seg.get("min_volume") is None:
        return "–"
    return f"{num(seg['min_volume'])} – {num(seg['max_volume'])}"


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(md=md, num=num, pct=pct, fixed=fixed, range_text=range_text)
    return env


def _top_rows(opportunities: pd.DataFrame, top: int) -> list[dict]:
    rows = []
    for row in opportunities.head(top).to_dict("records"):
        used = row[schema.DIFFICULTY_USED]
        row["difficulty"] = "" if pd.isna(used) else f"{used:g}" + ("*" if row[schema.DIFFICULTY_IMPUTED] else "")
        rows.append(row)
    return rows


def _cluster_rows(clusters: pd.DataFrame) -> list[dict]:
    rows = []
    for row in clusters.head(CLUSTERS_SHOWN).to_dict("records"):
        for key in (schema.CL_SUBTOPICS, schema.CL_QUESTIONS):
            items = [s.replace("\\|", "|") for s in _PIPE.split(str(row[key] or "")) if s][:SUBTOPICS_SHOWN]
            row[key] = "; ".join(md(item) for item in items)
        rows.append(row)
    return rows


def _rejected_reasons(rejected: pd.DataFrame | None) -> list[tuple[str, int]]:
    if rejected is None or not len(rejected):
        return []
    kinds = rejected[schema.REJECT_REASON].astype(str).str.replace(r" '.*$", "", regex=True)
    counts = kinds.value_counts()
    return sorted(((str(k), int(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0]))


def render_report(analysis, summary: dict, rejected: pd.DataFrame | None = None) -> str:
    """Markdown text of report.md for ``analysis`` and its ``summary`` dict."""
    top = int(summary.get("settings", {}).get("top", 25))
    template = _environment().get_template("report.md.j2")
    return template.render(
        summary=summary,
        top=_top_rows(analysis.opportunities, top),
        clusters=_cluster_rows(analysis.clusters),
        more_clusters=max(len(analysis.clusters) - CLUSTERS_SHOWN, 0),
        rejected_reasons=_rejected_reasons(rejected),
    )
