"""The editorial CLI: briefs list/show/move/assign, committee agenda/load/check, calendar."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from editorial_data import make_project, sme, write_brief
from icalendar import Calendar

from generator.briefs import store
from generator.cli import cli


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path)
    write_brief(project, 1, slug="sales-comp", title='Comp: "plans" 🎉')
    write_brief(project, 2, status="interviewing", sme=sme("david-chen"), journalist="sam-reed")
    return project


def run(project, *args):
    result = CliRunner().invoke(cli, [*args, "--project", str(project.root)])
    return result


def test_commands_registered():
    result = CliRunner().invoke(cli, ["briefs", "--help"])
    assert result.exit_code == 0
    for name in ("list", "show", "move", "assign"):
        assert f"  {name} " in result.output
    assert CliRunner().invoke(cli, ["committee", "--help"]).exit_code == 0
    assert CliRunner().invoke(cli, ["calendar", "--help"]).exit_code == 0


def test_list_json_csv_table(project):
    result = run(project, "briefs", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == ["2026-001", "2026-002"]
    assert rows[0] == {"id": "2026-001", "slug": "sales-comp", "status": "pitch", "title": 'Comp: "plans" 🎉',
                       "target_keyword": "keyword 1", "sme": None, "journalist": None, "editor": "jo-park",
                       "due": "2026-11-05", "due_stage": "committee_review"}
    rows = list(csv.DictReader(io.StringIO(run(project, "briefs", "list", "--format", "csv").output)))
    assert rows[1]["sme"] == "david-chen" and rows[1]["due"] == "2026-11-23" and rows[0]["sme"] == ""
    table = run(project, "briefs", "list", "--assignee", "sam-reed").output
    assert table.splitlines() == [
        "ID        STATUS        DUE         SME         JOURNALIST  TITLE",
        "2026-002  interviewing  2026-11-23  david-chen  sam-reed    Working title 2",
        "1 brief",
    ]
    assert run(project, "briefs", "list", "--status", "published").output == "No briefs.\n"


def test_list_unknown_status(project):
    result = run(project, "briefs", "list", "--status", "publishd")
    assert result.exit_code == 1
    assert result.output == "Error: unknown status 'publishd'. Closest: published\n"


def test_show(project):
    result = run(project, "briefs", "show", "sales-comp")
    assert result.exit_code == 0
    assert result.output.startswith('2026-001  Comp: "plans" 🎉\n')
    assert "  status:         pitch (next: committee_review, hold, killed)\n" in result.output
    assert "drafted from keyword analysis" in result.output


def test_move_and_errors(project):
    result = run(project, "briefs", "move", "2026-001", "committee_review", "--by", "sam-reed")
    assert result.exit_code == 0
    assert result.output == "2026-001: pitch -> committee_review (by sam-reed)\n"
    result = run(project, "briefs", "move", "2026-001", "published", "--by", "jo-park")
    assert result.exit_code == 1
    assert result.output == (
        "Error: brief 2026-001 is 'committee_review'; cannot move to 'published'. "
        "Allowed next: approved, pitch, hold, killed.\n"
    )
    result = run(project, "briefs", "move", "2026-01", "hold", "--by", "jo-park", "--note", "x")
    assert result.output == "Error: no brief '2026-01'. Closest: 2026-001, 2026-002\n"
    result = run(project, "briefs", "move", "2026-001", "approved", "--by", "nobody")
    assert result.output == (
        f"Error: no person 'nobody' in {project.committee_file}; known: david-chen, jo-park, maria-lopez, sam-reed\n"
    )
    assert "Traceback" not in result.output


def test_assign(project):
    result = run(project, "briefs", "assign", "2026-001", "--journalist", "sam-reed", "--sme", "maria-lopez")
    assert result.exit_code == 0
    assert result.output == "2026-001: journalist sam-reed, sme maria-lopez\n"
    assert store.find_brief(project.briefs_dir, "2026-001").front["sme"]["name"] == "Maria Lopez"


def test_committee_agenda_load_check(project, tmp_path):
    out = tmp_path / "agenda.md"
    result = run(project, "committee", "agenda", "--date", "2026-11-20", "--out", str(out))
    assert result.exit_code == 0 and result.output == f"Wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Committee agenda: 2026-11-20\n")
    assert "## 2. Pending interviews (1)" in text
    printed = run(project, "committee", "agenda", "--date", "2026-11-20").output
    assert printed == text
    load = run(project, "committee", "load", "--date", "2026-11-20").output
    assert "david-chen   David Chen   sme         1       1     3         ok" in load
    check = run(project, "committee", "check")
    assert check.exit_code == 0
    assert check.output == (
        f"{project.committee_file}: ok (2 members, 1 journalists, editor jo-park)\n"
        "built-in workflow (no workflow.yml): ok (13 statuses, initial 'pitch')\n"
    )


def test_committee_check_reports_both_files(project):
    project.committee_file.write_text("members:\n  - id: a\n    name: A\neditor: {id: e, name: E, email: bad}\n")
    project.workflow_file.write_text("statuses: [a]\ninitial: b\ntransitions: {}\n")
    result = run(project, "committee", "check")
    assert result.exit_code == 1
    c, w = project.committee_file, project.workflow_file
    assert result.output == (
        "Error: 6 problems:\n"
        f"  {c}:2: 'a' is missing 'role'\n"
        f"  {c}:2: 'a' is missing 'expertise'\n"
        f"  {c}:2: 'a' is missing 'monthly_capacity'\n"
        f"  {c}:4: bad email 'bad' for 'e'; use name@example.com\n"
        f"  {w}:2: initial status 'b' is not one of the statuses\n"
        f"  {w}:3: 'transitions' must map each status to {{next status: [roles]}}\n"
    )


def test_malformed_committee_is_one_error_line(project):
    project.committee_file.write_text("members:\n  - id: a\n   name: b\n")
    result = run(project, "committee", "agenda")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {project.committee_file}:3: malformed YAML")
    assert len(result.output.splitlines()) == 1


def test_calendar_and_ics(project, tmp_path):
    ics = tmp_path / "cal.ics"
    result = run(project, "calendar", "--weeks", "2", "--start", "2026-11-02", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Editorial calendar: 2026-11-02 to 2026-11-15\n")
    assert result.output.endswith(f"Wrote {ics}\n")
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert sorted(str(e["UID"]) for e in events)[:2] == ["2026-001-approved@playbook", "2026-001-assigned@playbook"]
    assert len(events) == 18
