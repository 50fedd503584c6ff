"""The committee meeting agenda (Markdown) and each person's load against capacity.

Load of a person for the month of DATE: their active briefs (not terminal, not paused)
whose next due date falls in that month or earlier (overdue); members count as the
brief's ``sme``, journalists as its ``journalist``. ``active`` counts every active brief.
"""

from __future__ import annotations

import datetime as dt

from generator.briefs.committee import Committee
from generator.briefs.store import Brief
from generator.briefs.workflow import Workflow


def md_cell(value) -> str:
    """A value made safe for one Markdown table cell."""
    if value in (None, ""):
        return "–"
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _table(header: list[str], rows: list[list]) -> list[str]:
    if not rows:
        return ["_None._", ""]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def is_active(brief: Brief, workflow: Workflow) -> bool:
    return not workflow.is_terminal(brief.status) and brief.status not in workflow.resume_previous


def overdue(briefs: list[Brief], workflow: Workflow, today: dt.date) -> list[tuple[Brief, str, dt.date]]:
    """Briefs whose next due date is before ``today``: (brief, stage, date), oldest first."""
    late = []
    for brief in briefs:
        nxt = workflow.next_due(brief.status, brief.due)
        if nxt and nxt[1] < today:
            late.append((brief, nxt[0], nxt[1]))
    return sorted(late, key=lambda item: (item[2], item[0].id))


def _month_end(day: dt.date) -> dt.date:
    first_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def load_rows(briefs: list[Brief], committee: Committee, workflow: Workflow, today: dt.date) -> list[dict]:
    """One row per member and journalist: active briefs, load this month, capacity, state."""
    month_end = _month_end(today)
    people = [(m, "sme", m.monthly_capacity) for m in committee.members]
    people += [(j, "journalist", j.monthly_capacity) for j in committee.journalists]
    active = [b for b in briefs if is_active(b, workflow)]
    rows = []
    for person, field, capacity in people:
        mine = [b for b in active if (b.sme_id if field == "sme" else b.journalist) == person.id]
        due = [b for b in mine if (n := workflow.next_due(b.status, b.due)) and n[1] <= month_end]
        rows.append(_load_row(person, field, len(mine), len(due), capacity))
    return rows


def _load_row(person, field: str, active: int, load: int, capacity: int | None) -> dict:
    if capacity is None:
        state = "no capacity set"
    else:
        state = "over" if load > capacity else "full" if load == capacity else "ok"
    return {
        "id": person.id,
        "name": person.name,
        "as": field,
        "active": active,
        "load": load,
        "capacity": capacity,
        "state": state,
    }


def format_load(rows: list[dict], today: dt.date) -> str:
    """The load table as text."""
    header = ("id", "name", "as", "active", "load", "capacity", "state")
    cells = [[("-" if r[h] is None else str(r[h])) for h in header] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(header)]
    lines = [f"Load for {today:%B %Y} (briefs due by {_month_end(today).isoformat()} or overdue)"]
    lines.append("  ".join(h.upper().ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def agenda_markdown(briefs: list[Brief], committee: Committee, workflow: Workflow, today: dt.date) -> str:
    """The meeting agenda: pitches to review, pending interviews, overdue items, load vs capacity."""
    lines = [f"# Committee agenda: {today.isoformat()}", "", _cadence_line(committee), ""]
    lines += _review_section(briefs, workflow)
    lines += _interview_section(briefs, committee)
    lines += _overdue_section(briefs, workflow, today)
    lines += _load_section(briefs, committee, workflow, today)
    return "\n".join(lines).rstrip("\n") + "\n"


def _cadence_line(committee: Committee) -> str:
    cadence = committee.cadence
    parts = [str(cadence[k]) for k in ("frequency", "day", "time", "timezone") if cadence.get(k)]
    editor = f"Chair: {committee.editor.name} (editor)."
    return f"Meeting: {' '.join(parts)}. {editor}" if parts else editor


def _review_section(briefs: list[Brief], workflow: Workflow) -> list[str]:
    waiting = [b for b in briefs if b.status == "committee_review"]
    rows = [
        [b.id, b.title, b.target_keyword, *(b.metrics.get(k) for k in ("volume", "difficulty", "score", "keywords")),
         b.sme_id, _due(workflow, b)]
        for b in waiting
    ]
    header = ["ID", "Title", "Target keyword", "Volume", "Difficulty", "Score", "Keywords", "Proposed SME", "Due"]
    return [f"## 1. Awaiting committee review ({len(rows)})", "", *_table(header, rows)]


def _due(workflow: Workflow, brief: Brief) -> str | None:
    nxt = workflow.next_due(brief.status, brief.due)
    return nxt[1].isoformat() if nxt else None


def _interview_section(briefs: list[Brief], committee: Committee) -> list[str]:
    pending = [b for b in briefs if b.status == "interviewing" or (b.status == "assigned" and b.sme_id)]
    rows = [
        [b.id, b.title, _name(committee, b.sme_id), _name(committee, b.journalist), b.status,
         _interview_date(b), b.due.get("drafting")]
        for b in pending
    ]
    header = ["ID", "Title", "SME", "Journalist", "Status", "Interview", "Draft due"]
    return [f"## 2. Pending interviews ({len(rows)})", "", *_table(header, rows)]


def _interview_date(brief: Brief):
    interview = brief.front.get("interview")
    return interview.get("date") if isinstance(interview, dict) else None


def _name(committee: Committee, person_id: str | None) -> str | None:
    if person_id is None:
        return None
    person = committee.by_id.get(person_id)
    return person.name if person else person_id


def _overdue_section(briefs: list[Brief], workflow: Workflow, today: dt.date) -> list[str]:
    late = overdue(briefs, workflow, today)
    rows = [[b.id, b.title, b.status, stage, day.isoformat(), (today - day).days] for b, stage, day in late]
    header = ["ID", "Title", "Status", "Next stage", "Was due", "Days late"]
    return [f"## 3. Overdue ({len(rows)})", "", *_table(header, rows)]


def _load_section(briefs: list[Brief], committee: Committee, workflow: Workflow, today: dt.date) -> list[str]:
    rows = load_rows(briefs, committee, workflow, today)
    cells = [[r["name"], r["as"], r["active"], r["load"], r["capacity"], r["state"]] for r in rows]
    header = ["Person", "As", "Active", f"Due by {_month_end(today).isoformat()}", "Monthly capacity", "State"]
    return ["## 4. Load against capacity", "", *_table(header, cells)]
