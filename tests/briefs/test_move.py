"""Moving and assigning briefs: transitions, roles, gates, hold/resume, history, concurrency."""

from __future__ import annotations

import multiprocessing
import tempfile
from pathlib import Path

import pytest
from editorial_data import make_project, sme, write_brief
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.briefs import moves, store
from generator.briefs.committee import load_committee
from generator.briefs.workflow import default_workflow
from generator.errors import NotFoundError, WorkflowError
from generator.project import Project

WF = default_workflow()


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path)
    write_brief(project, 1, slug="sales-comp")
    return project


def test_move_appends_history_and_sets_status(project):
    brief = moves.move_brief(project, "2026-001", "committee_review", "sam-reed", at="2026-11-03T10:00:00+00:00")
    assert brief.status == "committee_review"
    assert brief.history[-1] == {"from": "pitch", "to": "committee_review", "by": "sam-reed",
                                 "at": "2026-11-03T10:00:00+00:00", "note": None}
    brief = moves.move_brief(project, "sales-comp", "approved", "david-chen", note="strong pitch")
    assert brief.status == "approved" and len(brief.history) == 3
    assert brief.history[-1]["note"] == "strong pitch" and brief.history[-1]["at"].endswith("+00:00")
    assert store.read_brief(brief.path).front == brief.front


def test_illegal_move_lists_allowed_next(project):
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "published", "jo-park")
    assert str(err.value) == (
        "brief 2026-001 is 'pitch'; cannot move to 'published'. Allowed next: committee_review, hold, killed."
    )


def test_wrong_role_says_who_may(project):
    moves.move_brief(project, "2026-001", "committee_review", "sam-reed")
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "approved", "sam-reed")
    assert str(err.value) == (
        "only committee or editor may move brief 2026-001 from 'committee_review' to 'approved' (role: journalist)"
    )


def test_sme_role_only_on_own_brief(project):
    path = project.briefs_dir / "sales-comp.md"
    store.update_brief(path, {"status": "sme_review", "sme": sme("maria-lopez"), "journalist": "sam-reed"})
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "editor_review", "david-chen")
    assert str(err.value) == (
        "only sme or editor may move brief 2026-001 from 'sme_review' to 'editor_review' (role: committee)"
    )
    assert moves.move_brief(project, "2026-001", "editor_review", "maria-lopez").status == "editor_review"


def test_gates(project):
    path = project.briefs_dir / "sales-comp.md"
    store.update_brief(path, {"status": "approved"})
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "assigned", "jo-park")
    assert str(err.value) == (
        "brief 2026-001 cannot move to 'assigned' without 'journalist'; set it with 'playbook briefs assign'"
    )
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "killed", "jo-park")
    assert str(err.value) == "brief 2026-001 cannot move to 'killed' without --note TEXT"
    moves.assign_brief(project, "2026-001", journalist="sam-reed")
    assert moves.move_brief(project, "2026-001", "assigned", "jo-park").status == "assigned"


def test_drafting_needs_the_interview_date(project):
    path = project.briefs_dir / "sales-comp.md"
    store.update_brief(path, {"status": "interviewing"})
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "drafting", "jo-park")
    assert str(err.value) == (
        "brief 2026-001 cannot move to 'drafting' without 'interview.date'; set it with 'playbook briefs assign'"
    )
    import datetime as dt

    before = path.read_text(encoding="utf-8")
    brief = moves.assign_brief(project, "2026-001", interview_date=dt.date(2026, 12, 3))
    assert brief.front["interview"] == {"goal": "goal", "questions": ["q1"], "date": dt.date(2026, 12, 3)}
    changed = [line for line in path.read_text(encoding="utf-8").splitlines() if line not in before.splitlines()]
    assert len(changed) == 1 and changed[0].startswith("interview:")  # only that key was rewritten
    assert moves.move_brief(project, "2026-001", "drafting", "jo-park").status == "drafting"


def test_hold_resumes_to_previous_status_only(project):
    moves.move_brief(project, "2026-001", "committee_review", "sam-reed")
    moves.move_brief(project, "2026-001", "hold", "jo-park", note="budget freeze")
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "drafting", "jo-park")
    assert str(err.value) == (
        "brief 2026-001 is on 'hold' (was 'committee_review'); it can only resume to 'committee_review' or move to killed"
    )
    assert moves.move_brief(project, "2026-001", "committee_review", "jo-park").status == "committee_review"


def test_unknown_brief_person_status(project):
    with pytest.raises(NotFoundError) as err:
        moves.move_brief(project, "2026-01", "hold", "jo-park", note="x")
    assert str(err.value) == "no brief '2026-01'. Closest: 2026-001"
    with pytest.raises(NotFoundError) as err:
        moves.move_brief(project, "2026-001", "hold", "jo-parc", note="x")
    assert str(err.value) == f"no person 'jo-parc' in {project.committee_file}. Closest: jo-park"
    with pytest.raises(WorkflowError) as err:
        moves.move_brief(project, "2026-001", "publishd", "jo-park")
    assert str(err.value) == "unknown status 'publishd'. Closest: published"


def test_assign(project):
    brief = moves.assign_brief(project, "2026-001", journalist="sam-reed", sme="david-chen")
    assert brief.journalist == "sam-reed"
    assert brief.front["sme"] == {"id": "david-chen", "name": "David Chen", "role": "Head of Talent"}
    assert len(brief.history) == 1
    with pytest.raises(NotFoundError) as err:
        moves.assign_brief(project, "2026-001", journalist="david-chen")
    assert str(err.value) == "'david-chen' is not a journalist (journalists: sam-reed)"
    with pytest.raises(NotFoundError) as err:
        moves.assign_brief(project, "2026-001", sme="sam-reed")
    assert str(err.value) == "'sam-reed' is not a committee member (experts are listed under 'members')"
    with pytest.raises(WorkflowError) as err:
        moves.assign_brief(project, "2026-001")
    assert str(err.value) == "nothing to assign; pass --journalist PERSON, --sme PERSON and/or --interview-date DATE"


PEOPLE = ["jo-park", "sam-reed", "maria-lopez", "david-chen"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(WF.statuses), st.sampled_from(PEOPLE), st.booleans()), max_size=30))
def test_random_walk_never_leaves_the_graph(steps):
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp))
        path = write_brief(project, 1, sme=sme("maria-lopez"), journalist="sam-reed")
        committee = load_committee(project.committee_file)
        successes = 0
        for to, by, with_note in steps:
            before = store.read_brief(path).status
            plan = moves.plan_move(committee, WF, to, by, "why" if with_note else None)
            try:
                store.modify_brief(path, plan)
                successes += 1
            except WorkflowError:
                assert store.read_brief(path).status == before
        brief = store.read_brief(path)
        assert brief.status in WF.statuses
        assert len(brief.history) == 1 + successes
        for entry in brief.history[1:]:
            assert entry["to"] in WF.next_statuses(entry["from"])
        assert [e["to"] for e in brief.history][-1] == brief.status


def _worker(args):
    root, n, kind = args
    project = Project.at(root)
    done = 0
    for i in range(n):
        if kind == "move":
            status = store.find_brief(project.briefs_dir, "2026-001").status
            target = "hold" if status != "hold" else "__resume__"
            try:
                if target == "hold":
                    moves.move_brief(project, "2026-001", "hold", "jo-park", note=f"pause {i}")
                else:
                    prev = moves.previous_status(store.find_brief(project.briefs_dir, "2026-001"))
                    moves.move_brief(project, "2026-001", prev, "jo-park")
                done += 1
            except WorkflowError:
                pass  # the other process moved it first: a clean refusal, not corruption
        else:
            moves.assign_brief(project, "2026-001", journalist="sam-reed", sme=["maria-lopez", "david-chen"][i % 2])
            store.update_brief(project.briefs_dir / "sales-comp.md", {"metrics": {"volume": i, "score": 1.5}})
    return done


def test_concurrent_moves_and_assigns_never_corrupt(project):
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(3) as pool:
        results = pool.map(_worker, [(project.root, 15, "move"), (project.root, 15, "move"), (project.root, 15, "assign")])
    brief = store.read_brief(project.briefs_dir / "sales-comp.md")
    assert len(brief.history) == 1 + results[0] + results[1]
    assert brief.body.startswith("\n# Brief")
    for entry in brief.history[1:]:
        assert entry["to"] in WF.next_statuses(entry["from"])
    assert brief.journalist == "sam-reed" and brief.metrics["volume"] == 14
    assert not list(project.briefs_dir.glob(".*.tmp"))
