"""The editorial calendar: remaining stage due dates per week, committee meetings, capacity flags, ICS export.

Each stage is owned by whoever moves a brief into it on the main path (see
``Workflow.owner_role``). A week flags an owner who has more items due in that
calendar month than their monthly capacity, or an item due on a day they are unavailable.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.briefs.agenda import is_active, md_cell
from generator.briefs.committee import Committee
from generator.briefs.store import Brief
from generator.briefs.workflow import Workflow
from generator.fsutil import atomic_write_bytes

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PRODID = "-//playbook//editorial calendar//EN"


@dataclass(frozen=True)
class Item:
    """One stage due date of one brief."""

    day: dt.date
    brief: Brief
    stage: str
    owner: str | None


def owner_of(brief: Brief, workflow: Workflow, stage: str) -> str | None:
    """The person (id) responsible for reaching ``stage``; ``committee`` for committee decisions."""
    role = workflow.owner_role(stage)
    return {"sme": brief.sme_id, "journalist": brief.journalist, "editor": brief.editor}.get(role, role)


def remaining_items(briefs: list[Brief], workflow: Workflow) -> list[Item]:
    """Due dates still ahead of each active brief (stages after its current one), by date."""
    order = list(workflow.due_offsets)
    items = []
    for brief in briefs:
        if not is_active(brief, workflow):
            continue
        stage, due = workflow.stage_of(brief.status), brief.due
        later = order[order.index(stage) + 1 :] if stage in order else order
        items += [Item(due[s], brief, s, owner_of(brief, workflow, s)) for s in later if s in due]
    return sorted(items, key=lambda i: (i.day, i.brief.id, order.index(i.stage)))


def meeting_days(committee: Committee, start: dt.date, end: dt.date) -> list[dt.date]:
    """Committee meetings in [start, end) from the cadence (weekly or biweekly on ``day``)."""
    day = str(committee.cadence.get("day", "")).lower()
    if day not in WEEKDAYS:
        return []
    step = 14 if str(committee.cadence.get("frequency", "weekly")).lower() in ("biweekly", "fortnightly") else 7
    first = start + dt.timedelta(days=(WEEKDAYS.index(day) - start.weekday()) % 7)
    return [first + dt.timedelta(days=n) for n in range(0, (end - first).days, step)] if first < end else []


def calendar_markdown(briefs: list[Brief], committee: Committee, workflow: Workflow, start: dt.date, weeks: int) -> str:
    """The calendar for ``weeks`` weeks from the Monday of ``start``'s week, as Markdown."""
    monday = start - dt.timedelta(days=start.weekday())
    end = monday + dt.timedelta(weeks=weeks)
    items = remaining_items(briefs, workflow)
    # capacity is in briefs: several stages of one brief due in a month count once
    monthly = Counter((owner, y, m) for owner, y, m, _ in {(i.owner, i.day.year, i.day.month, i.brief.id) for i in items})
    meetings = meeting_days(committee, monday, end)
    lines = [f"# Editorial calendar: {monday.isoformat()} to {(end - dt.timedelta(days=1)).isoformat()}", ""]
    for week in range(weeks):
        lo = monday + dt.timedelta(weeks=week)
        hi = lo + dt.timedelta(days=7)
        week_items = [i for i in items if lo <= i.day < hi]
        lines += _week_lines(lo, week_items, [m for m in meetings if lo <= m < hi], committee, monthly)
    return "\n".join(lines).rstrip("\n") + "\n"


def _week_lines(monday: dt.date, items: list[Item], meetings: list[dt.date], committee: Committee, monthly: Counter) -> list[str]:
    entries = [(m, 0, f"- {m.isoformat()} ({m:%a}): committee meeting") for m in meetings]
    for n, item in enumerate(items, start=1):
        flag = _flags(item, committee, monthly)
        text = (
            f"- {item.day.isoformat()} ({item.day:%a}): {item.brief.id} → {item.stage}: "
            f"{md_cell(item.brief.title)} (owner: {md_cell(item.owner)}){flag}"
        )
        entries.append((item.day, n, text))
    lines = [f"## Week of {monday.isoformat()} ({len(items)} due)", ""]
    lines += [text for _, _, text in sorted(entries)] or ["- nothing due"]
    return lines + [""]


def _flags(item: Item, committee: Committee, monthly: Counter) -> str:
    person = committee.by_id.get(item.owner or "")
    if person is None:
        return ""
    flags = []
    capacity = getattr(person, "monthly_capacity", None)
    count = monthly[(item.owner, item.day.year, item.day.month)]
    if capacity is not None and count > capacity:
        flags.append(f"over capacity: {count} briefs due this month, capacity {capacity}")
    if item.day in getattr(person, "unavailable", ()):
        flags.append(f"{person.name} unavailable")
    return f" **[{'; '.join(flags)}]**" if flags else ""


def build_ics(briefs: list[Brief], workflow: Workflow, stamp: dt.datetime | None = None) -> bytes:
    """An RFC 5545 calendar: one all-day VEVENT per stage due date of every brief not killed/abandoned."""
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Editorial calendar")
    order = list(workflow.due_offsets)
    for brief in sorted(briefs, key=lambda b: b.id):
        if workflow.is_terminal(brief.status) and brief.status not in workflow.due_offsets:
            continue
        for stage in sorted(brief.due, key=lambda s: order.index(s) if s in order else len(order)):
            cal.add_component(_event(Event(), brief, workflow, stage, stamp))
    return cal.to_ical()


def _event(event, brief: Brief, workflow: Workflow, stage: str, stamp: dt.datetime):
    day = brief.due[stage]
    event.add("uid", f"{brief.id}-{stage}@playbook")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", f"{brief.id} {stage}: {' '.join(brief.title.split())}")
    owner = owner_of(brief, workflow, stage)
    event.add(
        "description",
        f"Brief {brief.id} ({brief.slug}) should reach '{stage}' today.\n"
        f"Status: {brief.status}\nTarget keyword: {brief.target_keyword}\nOwner: {owner or '-'}",
    )
    event.add("categories", [stage])
    return event


def write_ics(path: Path | str, data: bytes) -> None:
    """Write the ICS file atomically."""
    atomic_write_bytes(path, data)
