"""Synthetic committee and briefs for the editorial tests (committee, workflow, store, moves, agenda, calendar)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.briefs import store
from generator.briefs.workflow import default_workflow
from generator.project import Project

CREATED = dt.date(2026, 11, 2)

COMMITTEE_YML = """\
cadence: {frequency: weekly, day: tuesday, time: "10:00"}
editor: {id: jo-park, name: Jo Park, role: Managing Editor, email: jo@example.com}
journalists:
  - {id: sam-reed, name: Sam Reed, role: Staff Journalist, email: sam@example.com, monthly_capacity: 4}
members:
  - id: maria-lopez
    name: Maria Lopez
    role: VP Sales
    expertise: [compensation, contests]
    email: maria@example.com
    monthly_capacity: 1
    unavailable: [2026-12-08]
  - id: david-chen
    name: David Chen
    role: Head of Talent
    expertise: [hiring, coachability]
    email: david@example.com
    show_email: true
    monthly_capacity: 3
"""


def make_project(root: Path, committee: str = COMMITTEE_YML) -> Project:
    """A project folder with a committee file and an empty briefs folder."""
    project = Project.at(root)
    project.thought_leadership_dir.mkdir(parents=True, exist_ok=True)
    project.committee_file.write_text(committee, encoding="utf-8")
    project.briefs_dir.mkdir(parents=True, exist_ok=True)
    return project


def brief_front(n: int = 1, **overrides) -> dict:
    """Front matter in the contract's key order."""
    slug = overrides.pop("slug", f"brief-{n:03d}")
    created = overrides.pop("created", CREATED)
    front = {
        "id": f"2026-{n:03d}",
        "slug": slug,
        "title": f"Working title {n}",
        "status": "pitch",
        "target_keyword": f"keyword {n}",
        "secondary_keywords": [f"keyword {n} examples", f"keyword {n} template"],
        "cluster": slug,
        "metrics": {"volume": 100 * n, "difficulty": 30, "difficulty_imputed": False, "score": 50.5,
                    "keywords": 7, "refreshed": created},
        "search_intent": "informational",
        "buyer_journey_stage": "problem_education",
        "persona": "sales_leader",
        "angle": "What most teams get wrong",
        "gpct": {"goals": "g", "plans": "p", "challenges": "c", "timeline": "t"},
        "questions": [f"what is keyword {n}"],
        "outline": [{"h2": "Why it matters", "h3": ["One", "Two"]}],
        "word_count": {"min": 1200, "max": 1800},
        "internal_links": [{"url": "/management/compensation/", "anchor": "compensation"}],
        "cta": {"url": "/calculators/", "anchor": "Try the calculator"},
        "sme": None,
        "interview": {"goal": "goal", "questions": ["q1"], "date": None},
        "journalist": None,
        "editor": "jo-park",
        "due": default_workflow().due_dates(created),
        "created": created,
        "history": [{"from": None, "to": "pitch", "by": "playbook", "at": "2026-11-02T09:00:00+00:00",
                     "note": "drafted from keyword analysis"}],
    }
    front.update(overrides)
    return front


BODY = "\n# Brief\n\nNotes for the journalist.\n"


def write_brief(project: Project, n: int = 1, body: str = BODY, **overrides) -> Path:
    front = brief_front(n, **overrides)
    path = project.briefs_dir / f"{front['slug']}.md"
    assert store.create_brief(path, store.render_brief(front, body))
    return path


def sme(member_id: str = "maria-lopez") -> dict:
    names = {"maria-lopez": ("Maria Lopez", "VP Sales"), "david-chen": ("David Chen", "Head of Talent")}
    return {"id": member_id, "name": names[member_id][0], "role": names[member_id][1]}
