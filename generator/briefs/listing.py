"""``briefs list`` and ``briefs show`` as data (rows of dicts) and their text formats."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json

from generator.briefs.store import Brief
from generator.briefs.workflow import Workflow
from generator.errors import InputError

COLUMNS = ("id", "slug", "status", "title", "target_keyword", "sme", "journalist", "editor", "due", "due_stage")
TABLE_COLUMNS = ("id", "status", "due", "sme", "journalist", "title")
FORMATS = ("table", "csv", "json")


def brief_row(brief: Brief, workflow: Workflow) -> dict:
    """One brief as a flat row; ``due`` is the next due date of its current stage (ISO) or None."""
    nxt = workflow.next_due(brief.status, brief.due)
    return {
        "id": brief.id,
        "slug": brief.slug,
        "status": brief.status,
        "title": brief.title,
        "target_keyword": brief.target_keyword,
        "sme": brief.sme_id,
        "journalist": brief.journalist,
        "editor": brief.editor,
        "due": nxt[1].isoformat() if nxt else None,
        "due_stage": nxt[0] if nxt else None,
    }


def list_rows(briefs: list[Brief], workflow: Workflow, status: str | None = None, assignee: str | None = None) -> list[dict]:
    """Rows for ``briefs list``, filtered by status and/or person (sme, journalist or editor), sorted by id."""
    if status is not None and status not in workflow.statuses:
        close = difflib.get_close_matches(status, workflow.statuses, n=3, cutoff=0.5)
        hint = f". Closest: {', '.join(close)}" if close else f"; statuses: {', '.join(workflow.statuses)}"
        raise InputError(f"unknown status '{status}'{hint}")
    rows = []
    for brief in briefs:
        if status is not None and brief.status != status:
            continue
        if assignee is not None and assignee not in (brief.sme_id, brief.journalist, brief.editor):
            continue
        rows.append(brief_row(brief, workflow))
    return sorted(rows, key=lambda r: (r["id"], r["slug"]))


def format_rows(rows: list[dict], fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV (all columns) or a JSON array."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if r.get(k) is None else r[k]) for k in COLUMNS} for r in rows)
        return out.getvalue()
    if fmt == "table":
        return _table(rows)
    raise InputError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")


def _cell(value, width: int | None = None) -> str:
    text = "-" if value in (None, "") else " ".join(str(value).split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _table(rows: list[dict]) -> str:
    if not rows:
        return "No briefs.\n"
    cells = [[_cell(r[c], 60 if c == "title" else None) for c in TABLE_COLUMNS] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(TABLE_COLUMNS)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(TABLE_COLUMNS, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"{len(rows)} brief{'s' if len(rows) != 1 else ''}")
    return "\n".join(lines) + "\n"


def show_text(brief: Brief, workflow: Workflow) -> str:
    """A readable summary of one brief: identity, people, metrics, due dates, next statuses, history."""
    row = brief_row(brief, workflow)
    nxt = ", ".join(workflow.next_statuses(brief.status)) or "none (terminal)"
    lines = [
        f"{brief.id}  {_cell(brief.title)}",
        f"  file:           {brief.path}",
        f"  status:         {brief.status} (next: {nxt})",
        f"  target keyword: {_cell(brief.target_keyword)}",
        f"  sme:            {_cell(row['sme'])}",
        f"  journalist:     {_cell(row['journalist'])}",
        f"  editor:         {_cell(row['editor'])}",
        f"  next due:       {_cell(row['due'])}" + (f" ({row['due_stage']})" if row["due_stage"] else ""),
    ]
    metrics = ", ".join(f"{k} {_cell(v)}" for k, v in brief.metrics.items())
    if metrics:
        lines.append(f"  metrics:        {metrics}")
    if brief.due:
        lines.append("  due:")
        lines += [f"    {stage:<18} {day.isoformat()}" for stage, day in brief.due.items()]
    lines.append("  history:")
    lines += [f"    {_history_line(e)}" for e in brief.history] or ["    (none)"]
    return "\n".join(lines) + "\n"


def _history_line(entry) -> str:
    if not isinstance(entry, dict):
        return _cell(entry)
    at = entry.get("at")
    at = at.isoformat() if isinstance(at, dt.datetime | dt.date) else _cell(at)
    note = f"  ({_cell(entry.get('note'))})" if entry.get("note") else ""
    return f"{at}  {_cell(entry.get('from'))} -> {_cell(entry.get('to'))}  by {_cell(entry.get('by'))}{note}"
