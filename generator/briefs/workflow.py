"""The editorial workflow: statuses, transitions with the roles allowed to make them, gates, due offsets.

``thought_leadership/workflow.yml`` is optional; without it the built-in default applies
(see :data:`DEFAULT_WORKFLOW_YAML`, the same text shipped as the sample file).
Roles: ``editor``, ``journalist``, ``sme`` (the brief's expert), ``committee`` (any member).
The editor may make any transition that exists in the graph; statuses listed in
``resume_previous`` (default: ``hold``) may only move back to the status held before.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from generator.briefs.where import shown
from generator.errors import ConfigError, WorkflowError, collected

ROLES = ("editor", "journalist", "sme", "committee")
NOTE_GATE = "note"

DEFAULT_WORKFLOW_YAML = """\
# The editorial workflow. This file is optional: without it `playbook` uses exactly
# these defaults. Edit statuses, transitions, roles, gates and due offsets here;
# `playbook committee check` validates the file.

# Every status, main path first. Statuses with no outgoing transition are terminal.
statuses: [pitch, committee_review, approved, assigned, interviewing, drafting,
           sme_review, editor_review, ready, published, changes_requested, hold, killed]

# The status a newly drafted brief gets.
initial: pitch

# from-status -> to-status -> roles that may make the move
# (editor, journalist, sme = the brief's expert, committee = any committee member).
# The editor may make any move listed here.
transitions:
  pitch:             {committee_review: [journalist, editor], hold: [editor], killed: [editor]}
  committee_review:  {approved: [committee, editor], pitch: [committee, editor], hold: [editor], killed: [committee, editor]}
  approved:          {assigned: [editor], hold: [editor], killed: [editor]}
  assigned:          {interviewing: [journalist, editor], hold: [editor], killed: [editor]}
  interviewing:      {drafting: [journalist, editor], hold: [editor], killed: [editor]}
  drafting:          {sme_review: [journalist, editor], hold: [editor], killed: [editor]}
  sme_review:        {editor_review: [sme, editor], changes_requested: [sme, editor], hold: [editor], killed: [editor]}
  editor_review:     {ready: [editor], changes_requested: [editor], hold: [editor], killed: [editor]}
  ready:             {published: [editor], hold: [editor], killed: [editor]}
  changes_requested: {drafting: [journalist, editor], hold: [editor], killed: [editor]}
  hold:              {pitch: [editor], committee_review: [editor], approved: [editor], assigned: [editor],
                      interviewing: [editor], drafting: [editor], sme_review: [editor], editor_review: [editor],
                      ready: [editor], changes_requested: [editor], killed: [editor]}

# Statuses that may only move back to the status the brief had before (or to a terminal one).
resume_previous: [hold]

# Due date of each stage, in days after the brief was created (main path, in order).
due_offsets: {committee_review: 3, approved: 7, assigned: 10, interviewing: 14, drafting: 21,
              sme_review: 28, editor_review: 32, ready: 35, published: 38}

# Checks before a brief may enter a status: a front-matter field that must be set
# (dotted paths allowed, e.g. interview.date) or `note` (the move needs --note).
gates:
  assigned: [journalist]
  interviewing: [sme]
  drafting: [interview.date]
  changes_requested: [note]
  hold: [note]
  killed: [note]
"""

_KNOWN_KEYS = {"statuses", "initial", "transitions", "resume_previous", "due_offsets", "gates", "terminal"}


@dataclass(frozen=True)
class Workflow:
    """A validated workflow graph."""

    statuses: tuple[str, ...]
    initial: str
    transitions: dict[str, dict[str, tuple[str, ...]]]
    open_statuses: tuple[str, ...]
    terminal: tuple[str, ...]
    due_offsets: dict[str, int]
    gates: dict[str, tuple[str, ...]]
    resume_previous: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    def next_statuses(self, status: str) -> list[str]:
        """Statuses reachable in one move from ``status`` (in file order)."""
        return list(self.transitions.get(status, {}))

    def roles_for(self, status: str, to: str) -> tuple[str, ...]:
        """Roles allowed to move from ``status`` to ``to`` (empty when the move does not exist)."""
        return self.transitions.get(status, {}).get(to, ())

    def check_move(self, status: str, to: str, role: str | set[str] | tuple[str, ...], brief_id: str = "") -> None:
        """Raise WorkflowError unless ``to`` follows ``status`` and one of ``role`` may make the move.

        The editor may make any existing move.
        """
        roles = {role} if isinstance(role, str) else set(role)
        label = f"brief {brief_id} is" if brief_id else "status is"
        if status not in self.transitions and status not in self.statuses:
            raise WorkflowError(f"{label} '{status}', which the workflow does not know; statuses: {', '.join(self.statuses)}")
        allowed = self.roles_for(status, to)
        if not allowed:
            nxt = ", ".join(self.next_statuses(status)) or "none (terminal)"
            raise WorkflowError(f"{label} '{status}'; cannot move to '{to}'. Allowed next: {nxt}.")
        if "editor" not in roles and not roles & set(allowed):
            who = " or ".join(allowed)
            subject = f"brief {brief_id}" if brief_id else "a brief"
            raise WorkflowError(
                f"only {who} may move {subject} from '{status}' to '{to}' (role: {', '.join(sorted(roles))})"
            )

    def due_dates(self, start: dt.date) -> dict[str, dt.date]:
        """One due date per stage: ``start`` plus the stage's offset."""
        return {stage: start + dt.timedelta(days=days) for stage, days in self.due_offsets.items()}

    def owner_role(self, stage: str) -> str:
        """Who moves a brief into ``stage`` on the main path (the first non-editor role, else editor)."""
        return self._owners.get(stage, "editor")

    @functools.cached_property
    def _owners(self) -> dict[str, str]:
        order = [self.initial, *(s for s in self.due_offsets if s != self.initial)]
        owners = {}
        for before, stage in zip(order, order[1:], strict=False):
            owners[stage] = next((r for r in self.roles_for(before, stage) if r != "editor"), "editor")
        return owners

    def is_terminal(self, status: str) -> bool:
        return status in self.terminal

    def stage_of(self, status: str) -> str | None:
        """The main-path stage a status counts as (side states count as where they lead back to)."""
        if status in self.due_offsets or status == self.initial:
            return status
        for target in self.next_statuses(status):
            if target in self.due_offsets and target not in self.resume_previous:
                return target
        return None

    def next_due(self, status: str, due: dict[str, dt.date]) -> tuple[str, dt.date] | None:
        """The (stage, date) the brief must reach next, or None (terminal, paused or no dates)."""
        if self.is_terminal(status) or status in self.resume_previous:
            return None
        stage = self.stage_of(status)
        order = list(self.due_offsets)
        if stage is None:
            return None
        later = order[order.index(stage) + 1 :] if stage in order else order
        for name in later:
            if name in due:
                return name, due[name]
        return None


def load_workflow(path: Path | str | None) -> Workflow:
    """Load and validate ``workflow.yml``; the built-in default when ``path`` is None or absent."""
    if path is None or not Path(path).is_file():
        return parse_workflow(DEFAULT_WORKFLOW_YAML, None)
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown(path)}: not UTF-8 text; save it as UTF-8") from exc
    return parse_workflow(text, path)


def default_workflow() -> Workflow:
    return parse_workflow(DEFAULT_WORKFLOW_YAML, None)


def parse_workflow(text: str, path: Path | None) -> Workflow:
    """Validate workflow YAML text; every problem is collected and raised once (with lines)."""
    from generator.briefs.yamlnodes import by_line, line_of, load_with_nodes

    label = shown(path) if path else "built-in workflow"
    data, node = load_with_nodes(text, label)
    if not isinstance(data, dict):
        raise ConfigError(f"{label}:1: the workflow must be a mapping with statuses, initial and transitions")
    problems = by_line(_validate(data, lambda *keys: f"{label}:{line_of(node, *keys)}"))
    errors = [p for p in problems if not p.startswith("warning:")]
    if errors:
        raise ConfigError(collected(errors, label))
    return _build(data, path)


def workflow_warnings(text: str, path: Path | None) -> list[str]:
    """Non-fatal remarks (unknown keys) about a workflow file."""
    from generator.briefs.yamlnodes import by_line, line_of, load_with_nodes

    label = shown(path) if path else "built-in workflow"
    data, node = load_with_nodes(text, label)
    if not isinstance(data, dict):
        return []
    problems = by_line(_validate(data, lambda *keys: f"{label}:{line_of(node, *keys)}"))
    return [p.removeprefix("warning: ") for p in problems if p.startswith("warning:")]


def _validate(data: dict, at) -> list[str]:
    problems = [f"warning: {at(k)}: unknown key '{k}' (ignored)" for k in data if k not in _KNOWN_KEYS]
    statuses = data.get("statuses")
    if not isinstance(statuses, list) or not statuses or not all(isinstance(s, str) for s in statuses):
        return problems + [f"{at('statuses')}: 'statuses' must be a non-empty list of names"]
    known = set(statuses)
    problems += [f"{at('statuses')}: status '{s}' is listed twice" for s in _dupes(statuses)]
    initial = data.get("initial")
    if initial not in known:
        problems.append(f"{at('initial')}: initial status '{initial}' is not one of the statuses")
    problems += _validate_transitions(data.get("transitions"), known, at)
    problems += _validate_lists(data, known, at)
    if not problems or all(p.startswith("warning:") for p in problems):
        problems += _validate_graph(data, at)
    return problems


def _dupes(items: list) -> list:
    seen, dupes = set(), []
    for item in items:
        if item in seen and item not in dupes:
            dupes.append(item)
        seen.add(item)
    return dupes


def _validate_transitions(transitions, known: set, at) -> list[str]:
    if not isinstance(transitions, dict) or not transitions:
        return [f"{at('transitions')}: 'transitions' must map each status to {{next status: [roles]}}"]
    problems = []
    for src, targets in transitions.items():
        if src not in known:
            problems.append(f"{at('transitions', src)}: unknown status '{src}' in transitions; add it to statuses or fix the name")
        if not isinstance(targets, dict):
            problems.append(f"{at('transitions', src)}: transitions from '{src}' must map next status to a list of roles")
            continue
        for dst, roles in targets.items():
            where = at("transitions", src, dst)
            if dst not in known:
                problems.append(f"{where}: unknown status '{dst}' in transition {src} -> {dst}; add it to statuses or fix the name")
            if not isinstance(roles, list) or not roles:
                problems.append(f"{where}: transition {src} -> {dst} needs a list of roles ({', '.join(ROLES)})")
                continue
            problems += [f"{where}: unknown role '{r}' in {src} -> {dst}; use {', '.join(ROLES)}" for r in roles if r not in ROLES]
    return problems


def _validate_lists(data: dict, known: set, at) -> list[str]:
    problems = []
    offsets = data.get("due_offsets") or {}
    if not isinstance(offsets, dict):
        problems.append(f"{at('due_offsets')}: 'due_offsets' must map stage to a number of days")
        offsets = {}
    for stage, days in offsets.items():
        if stage not in known:
            problems.append(f"{at('due_offsets', stage)}: unknown status '{stage}' in due_offsets")
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            problems.append(f"{at('due_offsets', stage)}: due offset for '{stage}' must be a whole number of days >= 0, found {days!r}")
    gates = data.get("gates") or {}
    if not isinstance(gates, dict):
        return problems + [f"{at('gates')}: 'gates' must map status to a list of required fields"]
    for stage, needs in gates.items():
        if stage not in known:
            problems.append(f"{at('gates', stage)}: unknown status '{stage}' in gates")
        if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
            problems.append(f"{at('gates', stage)}: gates for '{stage}' must be a list of field names or 'note'")
    for name in ("resume_previous", "terminal"):
        values = data.get(name) or []
        if not isinstance(values, list):
            problems.append(f"{at(name)}: '{name}' must be a list of statuses")
            continue
        problems += [f"{at(name)}: unknown status '{s}' in {name}" for s in values if s not in known]
    return problems


def _validate_graph(data: dict, at) -> list[str]:
    statuses, transitions = data["statuses"], data["transitions"]
    problems = []
    reached = _reachable(data["initial"], transitions)
    for status in statuses:
        if status not in reached:
            problems.append(f"{at('statuses')}: status '{status}' is unreachable from '{data['initial']}'; add a transition into it")
    terminal = [s for s in statuses if not transitions.get(s)]
    if not terminal:
        problems.append(f"{at('transitions')}: no terminal status (every status has a way out); add one such as 'published'")
    for status in data.get("terminal") or []:
        if transitions.get(status):
            problems.append(f"{at('transitions', status)}: '{status}' is declared terminal but has transitions")
    return problems


def _reachable(initial: str, transitions: dict) -> set[str]:
    seen, todo = {initial}, [initial]
    while todo:
        for nxt in transitions.get(todo.pop(), {}) or {}:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _build(data: dict, path: Path | None) -> Workflow:
    statuses = tuple(data["statuses"])
    transitions = {
        src: {dst: tuple(roles) for dst, roles in (data["transitions"].get(src) or {}).items()}
        for src in statuses
        if data["transitions"].get(src)
    }
    terminal = tuple(s for s in statuses if s not in transitions)
    return Workflow(
        statuses=statuses,
        initial=data["initial"],
        transitions=transitions,
        open_statuses=tuple(s for s in statuses if s not in terminal),
        terminal=terminal,
        due_offsets={k: int(v) for k, v in (data.get("due_offsets") or {}).items()},
        gates={k: tuple(v) for k, v in (data.get("gates") or {}).items()},
        resume_previous=tuple(data.get("resume_previous") or ()),
        path=path,
    )
