"""Committee agenda (Markdown) and load against capacity."""

from __future__ import annotations

import datetime as dt

import pytest
from editorial_data import make_project, sme, write_brief

from generator.briefs import agenda, store
from generator.briefs.committee import load_committee
from generator.briefs.workflow import default_workflow

WF = default_workflow()
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def briefs(tmp_path):
    project = make_project(tmp_path)
    write_brief(project, 1, status="committee_review", title="Comp | plans <b>", sme=sme("maria-lopez"),
                metrics={"volume": 1900, "difficulty": 34, "score": 71.2, "keywords": 14})
    write_brief(project, 2, status="interviewing", sme=sme("david-chen"), journalist="sam-reed",
                interview={"goal": "g", "questions": [], "date": dt.date(2026, 11, 24)})
    write_brief(project, 3, status="assigned", sme=sme("maria-lopez"), journalist="sam-reed")
    write_brief(project, 4, status="assigned", journalist="sam-reed")  # no expert yet: not a pending interview
    write_brief(project, 5, status="hold", sme=sme("maria-lopez"))  # paused: neither overdue nor load
    write_brief(project, 6, status="published", sme=sme("maria-lopez"))
    write_brief(project, 7, status="pitch", created=dt.date(2026, 12, 20))
    return project, store.load_briefs(project.briefs_dir), load_committee(project.committee_file)


def test_overdue(briefs):
    _, items, _ = briefs
    late = [(b.id, stage, day.isoformat()) for b, stage, day in agenda.overdue(items, WF, TODAY)]
    # created 2026-11-02: approved due 11-09, interviewing 11-16, drafting 11-23 (not yet late)
    assert late == [("2026-001", "approved", "2026-11-09"), ("2026-003", "interviewing", "2026-11-16"),
                    ("2026-004", "interviewing", "2026-11-16")]


def test_load_rows(briefs):
    _, items, committee = briefs
    rows = {r["id"]: r for r in agenda.load_rows(items, committee, WF, TODAY)}
    assert rows["maria-lopez"] == {"id": "maria-lopez", "name": "Maria Lopez", "as": "sme", "active": 2,
                                   "load": 2, "capacity": 1, "state": "over"}
    assert rows["david-chen"]["load"] == 1 and rows["david-chen"]["state"] == "ok"
    assert rows["sam-reed"]["active"] == 3 and rows["sam-reed"]["capacity"] == 4
    text = agenda.format_load(list(rows.values()), TODAY)
    assert text.splitlines()[0] == "Load for November 2026 (briefs due by 2026-11-30 or overdue)"
    assert "maria-lopez  Maria Lopez  sme         2       2     1         over" in text


def test_agenda_markdown(briefs):
    _, items, committee = briefs
    text = agenda.agenda_markdown(items, committee, WF, TODAY)
    assert text.startswith("# Committee agenda: 2026-11-20\n\nMeeting: weekly tuesday 10:00. Chair: Jo Park (editor).\n")
    assert "## 1. Awaiting committee review (1)" in text
    assert "| 2026-001 | Comp \\| plans &lt;b&gt; | keyword 1 | 1900 | 34 | 71.2 | 14 | maria-lopez | 2026-11-09 |" in text
    assert "## 2. Pending interviews (2)" in text
    assert "| 2026-002 | Working title 2 | David Chen | Sam Reed | interviewing | 2026-11-24 | 2026-11-23 |" in text
    assert "| 2026-003 | Working title 3 | Maria Lopez | Sam Reed | assigned | – | 2026-11-23 |" in text
    assert "## 3. Overdue (3)" in text
    assert "| 2026-003 | Working title 3 | assigned | interviewing | 2026-11-16 | 4 |" in text
    assert "| Maria Lopez | sme | 2 | 2 | 1 | over |" in text
    assert "2026-005" not in text and "2026-006" not in text


def test_empty_agenda(tmp_path):
    project = make_project(tmp_path)
    text = agenda.agenda_markdown([], load_committee(project.committee_file), WF, TODAY)
    assert text.count("_None._") == 3
