"""Editorial calendar and the ICS export (parsed back with icalendar)."""

from __future__ import annotations

import datetime as dt

import pytest
from editorial_data import make_project, sme, write_brief
from icalendar import Calendar

from generator.briefs import calendar, store
from generator.briefs.committee import load_committee
from generator.briefs.workflow import default_workflow

WF = default_workflow()
STAMP = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(tmp_path):
    project = make_project(tmp_path)
    write_brief(project, 1, status="drafting", sme=sme("maria-lopez"), journalist="sam-reed",
                title='Hostile "title", with; commas\\ and a very long tail ' + "x" * 120)
    write_brief(project, 2, status="sme_review", sme=sme("maria-lopez"), journalist="sam-reed")
    write_brief(project, 3, status="killed")
    write_brief(project, 4, status="hold")
    return project, store.load_briefs(project.briefs_dir), load_committee(project.committee_file)


def test_ics_round_trip(setup, tmp_path):
    _, briefs, _ = setup
    data = calendar.build_ics(briefs, WF, STAMP)
    path = tmp_path / "out" / "calendar.ics"
    calendar.write_ics(path, data)
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == calendar.PRODID
    events = cal.walk("VEVENT")
    assert len(events) == 3 * 9  # every stage of briefs 1, 2 and 4 (held); the killed one is left out
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    first = {str(e["UID"]): e for e in events}["2026-001-sme_review@playbook"]
    assert first.decoded("DTSTART") == dt.date(2026, 11, 30)
    assert first.decoded("DTSTAMP") == STAMP
    assert str(first["SUMMARY"]).startswith('2026-001 sme_review: Hostile "title", with; commas\\ and')
    assert "Owner: sam-reed" in str(first["DESCRIPTION"])
    assert calendar.build_ics(briefs, WF, STAMP) == data  # stable output


def test_remaining_items_and_owners(setup):
    _, briefs, _ = setup
    items = calendar.remaining_items(briefs, WF)
    assert [(i.brief.id, i.stage, i.owner, i.day.isoformat()) for i in items] == [
        ("2026-001", "sme_review", "sam-reed", "2026-11-30"),
        ("2026-001", "editor_review", "maria-lopez", "2026-12-04"),
        ("2026-002", "editor_review", "maria-lopez", "2026-12-04"),
        ("2026-001", "ready", "jo-park", "2026-12-07"),
        ("2026-002", "ready", "jo-park", "2026-12-07"),
        ("2026-001", "published", "jo-park", "2026-12-10"),
        ("2026-002", "published", "jo-park", "2026-12-10"),
    ]


def test_calendar_markdown(setup):
    _, briefs, committee = setup
    text = calendar.calendar_markdown(briefs, committee, WF, dt.date(2026, 11, 25), 3)
    assert text.startswith("# Editorial calendar: 2026-11-23 to 2026-12-13\n")
    assert "## Week of 2026-11-23 (0 due)\n\n- 2026-11-24 (Tue): committee meeting\n" in text
    assert "## Week of 2026-11-30 (3 due)\n\n- 2026-11-30 (Mon): 2026-001 → sme_review: Hostile" in text
    assert "(owner: sam-reed)\n- 2026-12-01 (Tue): committee meeting\n- 2026-12-04 (Fri)" in text
    assert "- 2026-12-04 (Fri): 2026-001 → editor_review: Hostile" in text
    # maria-lopez owns two editor reviews due in December but has capacity 1
    assert "(owner: maria-lopez) **[over capacity: 2 briefs due this month, capacity 1]**" in text
    assert "## Week of 2026-12-07 (4 due)" in text


def test_meeting_days(setup):
    _, _, committee = setup
    days = calendar.meeting_days(committee, dt.date(2026, 11, 23), dt.date(2026, 12, 14))
    assert days == [dt.date(2026, 11, 24), dt.date(2026, 12, 1), dt.date(2026, 12, 8)]
