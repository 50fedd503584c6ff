"""Render the generated site pages: project data in, Markdown out.

Pure functions. Every value that comes from data goes through :func:`text`,
which makes it inert: HTML is escaped and every character Markdown (or its
extensions: tables, attr_list, emoji, footnotes) would interpret becomes a
numeric character reference, so a keyword such as
``<script>alert(1)</script> crm`` is shown as text.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from generator.keywords import schema
from generator.site.data import CLOSED_STATUSES, Analysis, BriefSet, as_date, number

CHART_MARKER = "<!-- playbook:longtail-chart -->"
CHART_NAME = "longtail.svg"
ANALYZE_HINT = "Run `playbook keywords analyze` to analyse the keyword exports in `keywords/`."

_MARKDOWN_CHARS = "\\`*_{}[]()#+!|~:^=$@\"'"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_CHARS}


def text(value) -> str:
    """Any value as inert Markdown text (HTML escaped, Markdown syntax neutralised)."""
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    return html.escape(flat, quote=False).translate(_ENTITIES)


def fmt_number(value, digits: int = 0) -> str:
    """A number with thousands separators; an em dash when unknown."""
    result = number(value)
    if result is None:
        return "—"
    if digits == 0:
        return f"{round(result):,}"
    return f"{result:,.{digits}f}"


def fmt_share(value) -> str:
    result = number(value)
    return "—" if result is None else f"{result * 100:.1f}%"


def front_matter(title: str, description: str) -> str:
    """YAML front matter for a generated page (titles/descriptions are our own constants)."""
    return f'---\ntitle: "{title}"\ndescription: "{description}"\n---\n\n'


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def note(kind: str, title: str, body: str) -> str:
    """An admonition block."""
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}\n'


# --- keyword research ---------------------------------------------------------


def chart_markdown(chart_url: str | None) -> str:
    """The long-tail chart image, or the note that says how to make it."""
    if chart_url is None:
        return note("info", "No long-tail chart yet", ANALYZE_HINT)
    return f"![Long-tail chart of the current keyword analysis]({chart_url}){{ .pb-chart }}\n"


def keywords_page(analysis: Analysis | None) -> str:
    """plan/keywords.md: summary figures, chart, top opportunities, clusters."""
    head = front_matter(
        "Keyword research",
        "The long-tail keyword plan behind the playbook: summary figures, the long-tail chart, "
        "top opportunities and topic clusters.",
    )
    head += "# Keyword research\n\n"
    if analysis is None:
        return head + note(
            "info", "No keyword analysis yet", ANALYZE_HINT + " This page then shows the results."
        )
    parts = [
        head,
        "What the current analysis of the keyword exports says. Regenerate it with "
        "`playbook keywords analyze`; the editorial pipeline drafts briefs from the clusters.\n",
        summary_markdown(analysis.summary),
        "## The long tail\n\n" + chart_markdown(CHART_NAME if analysis.chart else None),
        "## Top opportunities\n\n" + opportunities_table(analysis.top),
        "## Clusters\n\n" + clusters_markdown(analysis),
    ]
    return "\n".join(parts)


def summary_markdown(summary: dict) -> str:
    """The headline figures from summary.json."""
    long_tail = summary.get("long_tail") if isinstance(summary.get("long_tail"), dict) else {}
    figures = [
        ("Keywords analysed", fmt_number(summary.get("rows_kept"))),
        ("Rows read", fmt_number(summary.get("rows_read"))),
        (
            "Sources",
            fmt_number(len(summary["sources"]))
            if isinstance(summary.get("sources"), list)
            else "—",
        ),
        ("Clusters", fmt_number(summary.get("clusters"))),
        ("Total monthly volume", fmt_number(summary.get("keywords_total_volume"))),
        ("Long-tail share of keywords", fmt_share(long_tail.get("share_keywords"))),
        ("Long-tail share of volume", fmt_share(long_tail.get("share_volume"))),
    ]
    cells = "".join(
        f'<div class="pb-figure"><strong>{value}</strong>{label}</div>' for label, value in figures
    )
    definition = long_tail.get("definition")
    extra = f"\nLong tail here means: {text(definition)}.\n" if definition else ""
    return f'<div class="pb-figures">{cells}</div>\n{extra}'


def opportunities_table(rows: list[dict]) -> str:
    if not rows:
        return "No keywords in the analysis.\n"
    body = [
        [
            fmt_number(row.get(schema.RANK)),
            text(row.get(schema.KEYWORD)),
            fmt_number(row.get(schema.VOLUME)),
            fmt_number(row.get(schema.DIFFICULTY)),
            fmt_number(row.get(schema.SCORE), 1),
            text((row.get(schema.INTENT) or "").replace(";", ", ")),
            text(row.get(schema.CLUSTER_LABEL) or row.get(schema.CLUSTER)),
        ]
        for row in rows
    ]
    headers = ["Rank", "Keyword", "Volume", "Difficulty", "Score", "Intent", "Cluster"]
    return table(headers, body)


def clusters_markdown(analysis: Analysis) -> str:
    """Clusters as pillar → subtopics."""
    if not analysis.clusters:
        return "No clusters in the analysis.\n"
    rows = [
        [
            text(row.get(schema.CL_LABEL)),
            text(row.get(schema.CL_PILLAR)),
            fmt_number(row.get(schema.CL_KEYWORDS)),
            fmt_number(row.get(schema.CL_VOLUME)),
            fmt_number(row.get(schema.CL_BEST_SCORE), 1),
            subtopics(row.get(schema.CL_SUBTOPICS)),
        ]
        for row in analysis.clusters
    ]
    headers = ["Cluster", "Pillar", "Keywords", "Volume", "Best score", "Subtopics"]
    shown = len(analysis.clusters)
    more = (
        f"\nShowing the {shown} best clusters of {analysis.cluster_count:,}; "
        "the full list is in `keywords/analysis/clusters.csv`.\n"
        if analysis.cluster_count > shown
        else ""
    )
    return table(headers, rows) + more


def subtopics(value, limit: int = 6) -> str:
    items = [item for item in (value or "").split("|") if item.strip()]
    shown = ", ".join(text(item) for item in items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


# --- editorial pipeline -------------------------------------------------------------


def pipeline_page(briefs: BriefSet, today: date, weeks: int = 8, people: dict | None = None) -> str:
    """plan/pipeline.md: briefs by status and the calendar of upcoming due dates.

    `people` maps person ids to names (from the committee) for the Journalist/SME columns.
    """
    head = front_matter(
        "Editorial pipeline",
        "The editorial pipeline of the thought-leadership content machine: briefs by status "
        "and the calendar of upcoming due dates.",
    )
    head += "# Editorial pipeline\n\n"
    skipped = _skipped_note(briefs.skipped)
    if not briefs.briefs:
        return (
            head
            + skipped
            + note(
                "info",
                "No briefs yet",
                "Run `playbook briefs draft` to draft briefs from the keyword clusters "
                "(after `playbook keywords analyze`). This page then shows them by status.",
            )
        )
    parts = [
        head,
        f"{len(briefs.briefs)} briefs, as of {today.isoformat()}. Move a brief with "
        "`playbook briefs move ID STATUS --by PERSON`.\n",
        skipped,
        "## By status\n\n" + status_tables(briefs, people or {}),
        "## Calendar\n\n" + calendar_markdown(briefs, today, weeks),
    ]
    return "\n".join(part for part in parts if part)


def _skipped_note(skipped: list[str]) -> str:
    if not skipped:
        return ""
    body = "These brief files could not be read and are left out:\n\n" + "\n".join(
        f"- {text(item)}" for item in skipped
    )
    return note("warning", "Unreadable briefs", body) + "\n"


def _brief_key(front: dict) -> tuple[str, str]:
    return (str(front.get("id") or ""), str(front.get("slug") or ""))


def status_tables(briefs: BriefSet, people: dict) -> str:
    groups: dict[str, list[dict]] = {}
    for brief in briefs.briefs:
        groups.setdefault(str(brief.front.get("status") or "unknown"), []).append(brief.front)
    order = list(briefs.statuses) + sorted(set(groups) - set(briefs.statuses))
    out = []
    for status in order:
        if status not in groups:
            continue
        rows = [
            _status_row(front, briefs.statuses, people)
            for front in sorted(groups[status], key=_brief_key)
        ]
        out.append(
            f"**{text(status)}** ({len(rows)})\n\n"
            + table(["ID", "Title", "Target keyword", "Journalist", "SME", "Next due"], rows)
        )
    return "\n".join(out)


def _person(value, people: dict) -> str:
    if isinstance(value, dict):
        return text(value.get("name") or value.get("id"))
    return text(people.get(value, value) if isinstance(value, str) else value)


def people_names(committee: dict | None) -> dict[str, str]:
    """Person id -> name for everyone in committee.yml."""
    found = {}
    for key in ("members", "journalists", "editor"):
        for person in _as_list((committee or {}).get(key)):
            if isinstance(person, dict) and person.get("id") and person.get("name"):
                found[str(person["id"])] = str(person["name"])
    return found


def _status_row(front: dict, statuses: tuple[str, ...], people: dict) -> list[str]:
    upcoming = next_due(front, statuses)
    due = f"{text(upcoming[0])} {upcoming[1].isoformat()}" if upcoming else ""
    return [
        text(front.get("id")),
        text(front.get("title")),
        text(front.get("target_keyword")),
        _person(front.get("journalist"), people),
        _person(front.get("sme"), people),
        due,
    ]


def next_due(front: dict, statuses: tuple[str, ...]) -> tuple[str, date] | None:
    """The next stage after the brief's status that has a due date, with that date."""
    status = front.get("status")
    due = front.get("due") if isinstance(front.get("due"), dict) else {}
    if status in CLOSED_STATUSES or status not in statuses:
        return None
    later = statuses[statuses.index(status) + 1 :]
    for stage in later:
        when = as_date(due.get(stage))
        if when is not None:
            return stage, when
    return None


def calendar_markdown(briefs: BriefSet, today: date, weeks: int) -> str:
    """Next due milestones of open briefs: overdue, then week by week."""
    items = []
    for brief in briefs.briefs:
        upcoming = next_due(brief.front, briefs.statuses)
        if upcoming:
            items.append((upcoming[1], _brief_key(brief.front), upcoming[0], brief.front))
    items.sort(key=lambda item: (item[0], item[1]))
    monday = today - timedelta(days=today.weekday())
    end = monday + timedelta(weeks=weeks)
    overdue = [item for item in items if item[0] < today]
    rows = [
        [
            f"week of {(when - timedelta(days=when.weekday())).isoformat()}",
            when.isoformat(),
            text(front.get("id")),
            text(front.get("title")),
            text(stage),
        ]
        for when, _, stage, front in items
        if today <= when < end
    ]
    out = ""
    if overdue:
        out += (
            f"**Overdue:** {len(overdue)} briefs are past their next due date: "
            + ", ".join(
                f"{text(front.get('id'))} ({text(stage)} {when.isoformat()})"
                for when, _, stage, front in overdue
            )
            + ".\n\n"
        )
    if not rows:
        return out + f"Nothing is due in the {weeks} weeks from {monday.isoformat()}.\n"
    return out + table(["Week", "Due", "ID", "Title", "Stage"], rows)


# --- committee --------------------------------------------------------------------


COMMITTEE_HINT = (
    "Describe the committee in `thought_leadership/committee.yml` (members with their expertise, "
    "journalists, editor, cadence) and check it with `playbook committee check`."
)


def committee_page(committee: dict | None, problem: str | None = None) -> str:
    """plan/committee.md: members with role and expertise; e-mail only when opted in."""
    head = front_matter(
        "Thought-leadership committee",
        "Who sits on the thought-leadership committee, their roles and expertise, "
        "and how the committee meets.",
    )
    head += "# Thought-leadership committee\n\n"
    if problem:
        return head + note(
            "warning", "The committee file cannot be read", text(problem) + "\n\n" + COMMITTEE_HINT
        )
    if not committee:
        return head + note("info", "No committee yet", COMMITTEE_HINT)
    parts = [
        head,
        "The subject-matter experts interviewed for articles, the journalist who writes them "
        "and the editor who approves them.\n",
        "## Members\n\n" + people_table(_as_list(committee.get("members")), members=True),
        "## Journalists and editor\n\n"
        + people_table(
            _as_list(committee.get("journalists")) + _as_list(committee.get("editor")),
            members=False,
        ),
        cadence_markdown(committee.get("cadence")),
    ]
    return "\n".join(part for part in parts if part)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _contact(person: dict) -> str:
    if person.get("show_email") is True and person.get("email"):
        address = text(person["email"])
        return f'<a href="mailto:{address}">{address}</a>'
    return "—"


def people_table(people: list, members: bool) -> str:
    rows = []
    for person in people:
        if not isinstance(person, dict):
            person = {"name": person}
        row = [text(person.get("name") or person.get("id")), text(person.get("role"))]
        if members:
            expertise = person.get("expertise")
            tags = expertise if isinstance(expertise, list) else [expertise] if expertise else []
            row += [
                ", ".join(text(tag) for tag in tags),
                fmt_number(person.get("monthly_capacity")),
            ]
        rows.append(row + [_contact(person)])
    if not rows:
        return "None listed yet.\n"
    headers = ["Name", "Role"] + (["Expertise", "Briefs a month"] if members else []) + ["Contact"]
    return table(headers, rows)


def cadence_markdown(cadence) -> str:
    if not cadence:
        return ""
    if isinstance(cadence, dict):
        lines = [
            f"- **{text(key).replace('&#95;', ' ')}:** {text(value)}"
            for key, value in cadence.items()
        ]
        body = "\n".join(lines)
    else:
        body = text(cadence)
    return "## Cadence\n\n" + body + "\n"


# --- other generated files ------------------------------------------------------------


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
