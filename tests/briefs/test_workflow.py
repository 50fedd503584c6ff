"""The workflow: default graph, transition table, validation of workflow.yml, due dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.briefs.workflow import (
    DEFAULT_WORKFLOW_YAML,
    default_workflow,
    load_workflow,
    parse_workflow,
)
from generator.errors import ConfigError, WorkflowError

REPO = Path(__file__).resolve().parents[2]
WF = default_workflow()
MAIN = ["pitch", "committee_review", "approved", "assigned", "interviewing", "drafting", "sme_review",
        "editor_review", "ready", "published"]


def test_shipped_sample_equals_the_default(tmp_path):
    sample = REPO / "thought_leadership" / "workflow.yml"
    assert sample.read_text(encoding="utf-8") == DEFAULT_WORKFLOW_YAML
    assert load_workflow(sample) == WF
    assert load_workflow(tmp_path / "absent.yml") == WF
    assert load_workflow(None) == WF


def test_default_graph_shape():
    assert WF.initial == "pitch"
    assert WF.statuses[: len(MAIN)] == tuple(MAIN)
    assert WF.terminal == ("published", "killed")
    assert "hold" in WF.open_statuses and "published" not in WF.open_statuses
    for before, after in zip(MAIN, MAIN[1:], strict=False):
        assert after in WF.next_statuses(before)
    for status in WF.open_statuses:
        assert "killed" in WF.next_statuses(status)
        if status != "hold":
            assert "hold" in WF.next_statuses(status)
            assert status in WF.next_statuses("hold")
    assert WF.next_statuses("changes_requested") == ["drafting", "hold", "killed"]
    assert "changes_requested" in WF.next_statuses("sme_review")
    assert "changes_requested" in WF.next_statuses("editor_review")


@pytest.mark.parametrize(
    ("status", "to", "role"),
    [
        ("pitch", "committee_review", "journalist"),
        ("committee_review", "approved", "committee"),
        ("approved", "assigned", "editor"),
        ("sme_review", "editor_review", "sme"),
        ("sme_review", "changes_requested", "sme"),
        ("changes_requested", "drafting", "journalist"),
        ("ready", "published", "editor"),
        ("drafting", "killed", "editor"),
        ("interviewing", "drafting", "editor"),  # the editor may make any existing move
    ],
)
def test_legal_moves(status, to, role):
    WF.check_move(status, to, role)


@pytest.mark.parametrize(
    ("status", "to", "role", "message"),
    [
        ("pitch", "published", "editor",
         "brief 2026-001 is 'pitch'; cannot move to 'published'. Allowed next: committee_review, hold, killed."),
        ("published", "drafting", "editor",
         "brief 2026-001 is 'published'; cannot move to 'drafting'. Allowed next: none (terminal)."),
        ("ready", "published", "journalist",
         "only editor may move brief 2026-001 from 'ready' to 'published' (role: journalist)"),
        ("committee_review", "approved", "sme",
         "only committee or editor may move brief 2026-001 from 'committee_review' to 'approved' (role: sme)"),
    ],
)
def test_illegal_moves(status, to, role, message):
    with pytest.raises(WorkflowError) as err:
        WF.check_move(status, to, role, "2026-001")
    assert str(err.value) == message


def test_due_dates_and_next_due():
    due = WF.due_dates(dt.date(2026, 11, 28))
    assert list(due) == MAIN[1:]
    assert due["committee_review"] == dt.date(2026, 12, 1)
    assert due["published"] == dt.date(2027, 1, 5)
    assert WF.next_due("pitch", due) == ("committee_review", dt.date(2026, 12, 1))
    assert WF.next_due("ready", due) == ("published", dt.date(2027, 1, 5))
    assert WF.next_due("changes_requested", due) == ("sme_review", due["sme_review"])
    assert WF.next_due("hold", due) is None
    assert WF.next_due("published", due) is None


BAD = """\
statuses: [draft, review, done, limbo]
initial: start
transitions:
  draft: {review: [journalist]}
  review: {done: [boss], nowhere: [editor]}
  ghost: {draft: [editor]}
due_offsets: {review: -1}
colour: blue
"""


def test_bad_workflow_reports_every_problem_with_lines():
    with pytest.raises(ConfigError) as err:
        parse_workflow(BAD, "wf.yml")
    assert str(err.value) == (
        "5 problems in wf.yml:\n"
        "  wf.yml:2: initial status 'start' is not one of the statuses\n"
        "  wf.yml:5: unknown role 'boss' in review -> done; use editor, journalist, sme, committee\n"
        "  wf.yml:5: unknown status 'nowhere' in transition review -> nowhere; add it to statuses or fix the name\n"
        "  wf.yml:6: unknown status 'ghost' in transitions; add it to statuses or fix the name\n"
        "  wf.yml:7: due offset for 'review' must be a whole number of days >= 0, found -1"
    )


def test_unreachable_and_no_terminal():
    unreachable = "statuses: [a, b, c]\ninitial: a\ntransitions:\n  a: {b: [editor]}\n"
    with pytest.raises(ConfigError) as err:
        parse_workflow(unreachable, "wf.yml")
    assert str(err.value) == "wf.yml:1: status 'c' is unreachable from 'a'; add a transition into it"
    loop = "statuses: [a, b]\ninitial: a\ntransitions:\n  a: {b: [editor]}\n  b: {a: [editor]}\n"
    with pytest.raises(ConfigError) as err:
        parse_workflow(loop, "wf.yml")
    assert str(err.value) == (
        "wf.yml:3: no terminal status (every status has a way out); add one such as 'published'"
    )


def test_malformed_workflow_yaml(tmp_path):
    path = tmp_path / "workflow.yml"
    path.write_text("statuses: [a, b\ninitial: a\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_workflow(path)
    assert str(err.value) == f"{path}:2: malformed YAML (did not find expected ',' or ']'); fix the line"


def test_custom_workflow_is_used(tmp_path):
    path = tmp_path / "workflow.yml"
    path.write_text(
        "statuses: [idea, live]\ninitial: idea\ntransitions:\n  idea: {live: [journalist]}\n"
        "due_offsets: {live: 5}\n",
        encoding="utf-8",
    )
    wf = load_workflow(path)
    assert wf.terminal == ("live",)
    assert wf.due_dates(dt.date(2026, 1, 1)) == {"live": dt.date(2026, 1, 6)}
    wf.check_move("idea", "live", "journalist")
