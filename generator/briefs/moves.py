"""Moving and assigning briefs: workflow + role + gate checks, then a locked surgical update.

Roles come from ``committee.yml``: the editor (who may make any move the workflow
has), journalists, and members (``committee``; also ``sme`` on briefs they are the expert of).
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from generator.briefs import store
from generator.briefs.committee import Committee, Member, load_committee
from generator.briefs.workflow import NOTE_GATE, Workflow, load_workflow
from generator.errors import NotFoundError, WorkflowError
from generator.project import Project


def roles_on(brief: store.Brief, committee: Committee, person_id: str) -> set[str]:
    """The roles ``person_id`` holds on this brief."""
    roles = {committee.role_of(person_id)}
    if brief.sme_id == person_id:
        roles.add("sme")
    return roles


def previous_status(brief: store.Brief) -> str | None:
    """The status the brief had before entering its current one (from the history)."""
    for entry in reversed(brief.history):
        if isinstance(entry, dict) and entry.get("to") == brief.status:
            return entry.get("from")
    return None


def check_gates(brief: store.Brief, workflow: Workflow, to: str, note: str | None) -> None:
    """Raise WorkflowError when a field the target status needs is not set."""
    missing = [need for need in workflow.gates.get(to, ()) if not _gate_met(brief, need, note)]
    if not missing:
        return
    hints = [("--note TEXT" if m == NOTE_GATE else f"'{m}'") for m in missing]
    how = "; set it with 'playbook briefs assign'" if {"journalist", "sme", "interview.date"} & set(missing) else ""
    raise WorkflowError(f"brief {brief.id} cannot move to '{to}' without {' and '.join(hints)}{how}")


def _gate_met(brief: store.Brief, need: str, note: str | None) -> bool:
    if need == NOTE_GATE:
        return bool(note and note.strip())
    value: Any = brief.front
    for part in need.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, dict) and "id" in value:
        value = value["id"]
    return value not in (None, "", [], {})


def check_resume(brief: store.Brief, workflow: Workflow, to: str) -> None:
    """From a paused status (hold), only the previous status or a terminal one may follow."""
    if brief.status not in workflow.resume_previous or workflow.is_terminal(to):
        return
    before = previous_status(brief)
    if before and to != before:
        raise WorkflowError(
            f"brief {brief.id} is on '{brief.status}' (was '{before}'); it can only resume to '{before}'"
            f" or move to {', '.join(s for s in workflow.next_statuses(brief.status) if workflow.is_terminal(s))}"
        )


def plan_move(committee: Committee, workflow: Workflow, to: str, by: str, note: str | None, at: str | None = None):
    """A :func:`store.modify_brief` plan that validates and performs one move."""

    def plan(brief: store.Brief):
        _check_status_name(workflow, to)
        check_resume(brief, workflow, to)
        workflow.check_move(brief.status, to, roles_on(brief, committee, by), brief.id)
        check_gates(brief, workflow, to, note)
        entry = {"from": brief.status, "to": to, "by": by, "at": at or store.now_iso(), "note": note}
        return {"status": to}, entry

    return plan


def _check_status_name(workflow: Workflow, to: str) -> None:
    if to in workflow.statuses:
        return
    close = difflib.get_close_matches(to, workflow.statuses, n=3, cutoff=0.5)
    hint = f". Closest: {', '.join(close)}" if close else f"; statuses: {', '.join(workflow.statuses)}"
    raise WorkflowError(f"unknown status '{to}'{hint}")


def load_context(project: Project) -> tuple[Committee, Workflow]:
    """The project's committee and workflow."""
    return load_committee(project.committee_file), load_workflow(project.workflow_file)


def move_brief(project: Project, key: str, to: str, by: str, note: str | None = None, at: str | None = None) -> store.Brief:
    """Move brief ``key`` (id or slug) to status ``to`` as person ``by``; returns the updated brief."""
    committee, workflow = load_context(project)
    committee.person(by)
    brief = store.find_brief(project.briefs_dir, key)
    return store.modify_brief(brief.path, plan_move(committee, workflow, to, by, note, at))


def assign_brief(project: Project, key: str, journalist: str | None = None, sme: str | None = None,
                 interview_date: dt.date | None = None) -> store.Brief:
    """Set the brief's journalist, expert and/or interview date (people validated against the committee)."""
    if journalist is None and sme is None and interview_date is None:
        raise WorkflowError("nothing to assign; pass --journalist PERSON, --sme PERSON and/or --interview-date DATE")
    committee = load_committee(project.committee_file)
    changes: dict[str, Any] = {}
    if journalist is not None:
        changes["journalist"] = _journalist_id(committee, journalist)
    if sme is not None:
        changes["sme"] = sme_value(committee.member(sme))
    brief = store.find_brief(project.briefs_dir, key)
    if interview_date is not None:
        interview = brief.front.get("interview")
        changes["interview"] = {**(interview if isinstance(interview, dict) else {}), "date": interview_date}
    return store.update_brief(brief.path, changes)


def _journalist_id(committee: Committee, person_id: str) -> str:
    role = committee.role_of(person_id)
    if role not in ("journalist", "editor"):
        names = ", ".join(j.id for j in committee.journalists) or "none listed"
        raise NotFoundError(f"'{person_id}' is not a journalist (journalists: {names})")
    return person_id


def sme_value(member: Member) -> dict:
    """The brief's ``sme`` mapping for a member."""
    return {"id": member.id, "name": member.name, "role": member.role}
