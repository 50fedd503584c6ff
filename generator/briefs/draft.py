"""Draft one brief per chosen keyword cluster (``playbook briefs draft``).

Everything is read and rendered first (analysis, existing briefs, committee,
workflow, templates); files are written last, each created exclusively, so an
existing brief is never overwritten. ``refresh`` rewrites only the ``metrics``
block of existing briefs, through the store's surgical update.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.briefs import matching, rendering, store, wording
from generator.briefs.analysis_input import Analysis, Cluster, Keyword, load_analysis
from generator.briefs.slug import slugify, unique_slug
from generator.errors import InputError, NotFoundError
from generator.fsutil import file_lock
from generator.project import Project

HISTORY_BY = "playbook"
HISTORY_NOTE = "drafted from keyword analysis"
MEMBERS_USED = 20  # best-scored member keywords read per cluster (secondary keywords come from these)
POOL_SUBTOPICS = 30  # best subtopics whose words count for expert matching and personas


@dataclass
class DraftResult:
    """What a draft run did: files created, clusters skipped (brief exists), briefs refreshed."""

    created: list[Path] = field(default_factory=list)
    skipped_existing: list[Path] = field(default_factory=list)
    refreshed: list[Path] = field(default_factory=list)
    unassigned: list[tuple[str, str]] = field(default_factory=list)  # (brief id, reason)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Context:
    """Everything the per-brief functions need, read once."""

    today: dt.date
    at: str
    workflow: object
    committee: object | None
    template: rendering.Template
    taken_slugs: set[str]
    next_number: int
    sme_load: dict[str, int]
    journalist_load: dict[str, int]


def draft_briefs(
    project: Project | Path | str,
    top: int | None = None,
    clusters: list[str] | None = None,
    min_score: float | None = None,
    refresh: bool = False,
    today: dt.date | None = None,
    analysis_dir: Path | str | None = None,
    now: dt.datetime | None = None,
) -> DraftResult:
    """Draft briefs for the best clusters (by best score) that have none yet."""
    project = project if isinstance(project, Project) else Project.at(project)
    now = now or _now(today)
    today = today or now.date()
    analysis = load_analysis(analysis_dir or project.analysis_dir, base=project.root)
    chosen = choose_clusters(analysis, top, clusters, min_score)
    with file_lock(project.briefs_dir):  # one draft at a time: ids and slugs stay unique
        return _draft(project, analysis, chosen, clusters, refresh, today, now)


def _draft(project: Project, analysis: Analysis, chosen: list[Cluster], clusters, refresh: bool,
           today: dt.date, now: dt.datetime) -> DraftResult:
    existing = store.load_briefs(project.briefs_dir, store.SUMMARY_KEYS)
    ctx = _context(project, existing, today, now)
    by_cluster = {str(b.get("cluster")): b for b in existing}
    result = DraftResult()
    if ctx.committee is None:
        result.notes.append(f"{project.committee_file} not found: experts and journalists left unassigned")
    planned = []
    for cluster in chosen:
        if cluster.id in by_cluster:
            result.skipped_existing.append(by_cluster[cluster.id].path)
            continue
        planned.append(_plan(project, analysis, cluster, ctx, result))
    refreshes = _plan_refresh(analysis, existing, clusters, today) if refresh else []
    _write(planned, refreshes, result)
    return result


def _now(today: dt.date | None) -> dt.datetime:
    if today is not None:
        return dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def choose_clusters(analysis: Analysis, top: int | None, ids: list[str] | None, min_score: float | None) -> list[Cluster]:
    """The clusters to draft: named ones, or all, by best score; filtered by ``min_score``; first ``top``."""
    if ids:
        chosen = [_named_cluster(analysis, cid) for cid in dict.fromkeys(ids)]
        chosen.sort(key=lambda c: (-c.best_score, c.id))
    else:
        chosen = list(analysis.clusters)
    if min_score is not None:
        chosen = [c for c in chosen if c.best_score >= min_score]
    if top is not None:
        if top < 0:
            raise InputError(f"--top must be 0 or more, got {top}")
        chosen = chosen[:top] if top else chosen
    return chosen


def _named_cluster(analysis: Analysis, cluster_id: str) -> Cluster:
    cluster = analysis.cluster(cluster_id)
    if cluster is not None:
        return cluster
    ids = [c.id for c in analysis.clusters]
    close = difflib.get_close_matches(cluster_id, ids, n=3, cutoff=0.5)
    hint = f". Closest: {', '.join(close)}" if close else f" ({len(ids)} clusters there)"
    raise NotFoundError(f"no cluster '{cluster_id}' in {analysis.shown}/clusters.csv{hint}")


def _context(project: Project, existing: list, today: dt.date, now: dt.datetime) -> _Context:
    from generator.briefs.committee import load_committee
    from generator.briefs.workflow import load_workflow

    workflow = load_workflow(project.workflow_file)
    committee = load_committee(project.committee_file) if project.committee_file.is_file() else None
    open_briefs = [b for b in existing if b.status in workflow.open_statuses]
    return _Context(
        today=today,
        at=now.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        workflow=workflow,
        committee=committee,
        template=rendering.load_template(rendering.BRIEF_TEMPLATE, project.templates_dir),
        taken_slugs={p.stem for p in store.brief_paths(project.briefs_dir)} | {b.slug for b in existing},
        next_number=_next_number(existing, today.year),
        sme_load=_count(b.sme_id for b in open_briefs),
        journalist_load=_count(b.journalist for b in open_briefs),
    )


def _count(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return counts


def _next_number(existing: list, year: int) -> int:
    pattern = re.compile(rf"^{year}-(\d+)$")
    numbers = [int(m.group(1)) for b in existing if (m := pattern.match(b.id))]
    return max(numbers, default=0) + 1


# --------------------------------------------------------------------------- one brief


def _plan(project: Project, analysis: Analysis, cluster: Cluster, ctx: _Context, result: DraftResult):
    members = analysis.members(cluster.id, limit=MEMBERS_USED)
    front, reason = brief_front(cluster, members, ctx, analysis.any_imputed(cluster.id),
                                analysis.pillar_labels(cluster.id))
    if front["sme"] is None:
        result.unassigned.append((front["id"], reason))
    rendered = store.render_front_matter(front)
    front_text = "---\n" + rendered + "---"
    text = ctx.template.render({"front_matter": front_text, "brief": front, "cluster": cluster, "sme_reason": reason})
    return project.briefs_dir / f"{front['slug']}.md", text, rendered


def brief_front(
    cluster: Cluster, members: list[Keyword], ctx: _Context, imputed: bool, pillar_labels=(),
) -> tuple[dict, str]:
    """The front matter of a new brief (keys in contract order) and the expert-match reason."""
    target = cluster.pillar or (members[0].keyword if members else cluster.label or cluster.id)
    pillar_family = wording.intent_family([(label, 1) for label in pillar_labels], default=None)
    family = pillar_family or wording.intent_family(cluster.intent_mix)
    stage = wording.STAGE_OF[family]
    kind = wording.pillar_kind(target, pillar_family or "informational")
    head = [target, cluster.label]
    phrases = list(dict.fromkeys([*cluster.subtopics[:POOL_SUBTOPICS], *cluster.questions[:10]]))
    reader_id = wording.persona(head, phrases)
    reader = wording.PERSONA_LABEL[reader_id]
    due = ctx.workflow.due_dates(ctx.today)
    match = _match(head, phrases, ctx, due)
    expert = match.member.name if match.member else "a committee expert"
    questions = wording.questions(list(cluster.questions), target, kind)
    brief_id = f"{ctx.today.year}-{ctx.next_number:03d}"
    ctx.next_number += 1
    front = {
        "id": brief_id,
        "slug": unique_slug(slugify(target), ctx.taken_slugs),
        "title": wording.title(target, kind),
        "status": ctx.workflow.initial,
        "target_keyword": target,
        "secondary_keywords": _secondary(members, target, set(cluster.questions)),
        "cluster": cluster.id,
        "metrics": metrics(cluster, imputed, ctx.today),
        "search_intent": family,
        "buyer_journey_stage": stage,
        "persona": reader_id,
        "angle": wording.angle(target, stage, reader, expert),
        "gpct": wording.gpct(target, reader),
        "questions": questions,
        "outline": _outline(cluster, target, questions, reader),
        "word_count": wording.word_count(family, cluster.keywords),
        "internal_links": wording.internal_links(head, phrases),
        "cta": dict(zip(("url", "anchor"), wording.CTA[stage], strict=True)),
        "sme": _sme_value(match.member),
        "interview": wording.interview(target, reader, expert, questions),
        "journalist": _journalist(ctx),
        "editor": ctx.committee.editor.id if ctx.committee else None,
        "due": due,
        "created": ctx.today,
        "history": [{"from": None, "to": ctx.workflow.initial, "by": HISTORY_BY, "at": ctx.at, "note": HISTORY_NOTE}],
    }
    return front, match.reason


def metrics(cluster: Cluster, imputed: bool, today: dt.date) -> dict:
    """The machine-owned ``metrics`` block (the only thing ``--refresh`` rewrites).

    ``difficulty_imputed`` is true when a keyword's difficulty was missing (or the mean is unknown).
    """
    imputed = imputed or cluster.mean_difficulty is None
    return {
        "volume": None if cluster.total_volume is None else int(round(cluster.total_volume)),
        "difficulty": None if cluster.mean_difficulty is None else int(round(cluster.mean_difficulty)),
        "difficulty_imputed": imputed,
        "score": round(cluster.best_score, 1),
        "keywords": cluster.keywords,
        "refreshed": today,
    }


def _secondary(members: list[Keyword], target: str, questions: set[str], limit: int = 8) -> list[str]:
    picked = [m.keyword for m in members if m.keyword != target and m.keyword not in questions]
    return picked[:limit]


def _outline(cluster: Cluster, target: str, questions: list[str], reader: str) -> list[dict]:
    pillar_stems = matching.stems([target]).stems
    question_set = set(cluster.questions)
    subtopics = [s for s in cluster.subtopics if s not in question_set and s != target]

    def stem_words(text: str) -> frozenset[str]:
        return matching.stems([text]).stems - pillar_stems

    return wording.outline(subtopics, questions, reader, stem_words)


def _match(head: list[str], phrases: list[str], ctx: _Context, due: dict) -> matching.Match:
    if ctx.committee is None:
        return matching.Match(None, "no committee file")
    found = matching.topic(head, phrases)
    match = matching.match_expert(ctx.committee.members, found, ctx.sme_load, due.get("interviewing"))
    if match.member is not None:
        ctx.sme_load[match.member.id] = ctx.sme_load.get(match.member.id, 0) + 1
    return match


def _sme_value(member) -> dict | None:
    if member is None:
        return None
    return {"id": member.id, "name": member.name, "role": member.role}


def _journalist(ctx: _Context) -> str | None:
    if ctx.committee is None:
        return None
    chosen = matching.pick_journalist(ctx.committee.journalists, ctx.journalist_load)
    if chosen:
        ctx.journalist_load[chosen] = ctx.journalist_load.get(chosen, 0) + 1
    return chosen


# --------------------------------------------------------------------------- refresh + write


def _plan_refresh(analysis: Analysis, existing: list, ids: list[str] | None, today: dt.date) -> list:
    wanted = set(ids) if ids else None
    plans = []
    for brief in existing:
        cluster = analysis.cluster(str(brief.get("cluster")))
        if cluster is None or (wanted is not None and cluster.id not in wanted):
            continue
        plans.append((brief.path, metrics(cluster, analysis.any_imputed(cluster.id), today)))
    return plans


def _write(planned: list, refreshes: list, result: DraftResult) -> None:
    items = [(path, text) for path, text, _ in planned]
    created = store.create_briefs(items, rendered=[rendered for _, _, rendered in planned])
    for (path, _), new in zip(items, created, strict=True):
        (result.created if new else result.skipped_existing).append(path)
    for path, new_metrics in refreshes:
        store.update_brief(path, {"metrics": new_metrics})
        result.refreshed.append(path)
