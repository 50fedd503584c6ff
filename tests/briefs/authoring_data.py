"""Small synthetic keyword analyses and committees for the authoring tests (draft, start, check, publish)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from generator.keywords import schema as S

TODAY = dt.date(2026, 11, 28)

# cluster id, pillar, intent mix, [(keyword, volume, difficulty, score, modifiers)]
CLUSTERS = [
    ("sales-compensation-plan", "sales compensation plan", "informational:4;question:2", [
        ("sales compensation plan", 1900, 34, 71.2, ""),
        ("sales compensation plan examples", 480, 28, 66.0, "examples"),
        ("sales commission structure", 720, 40, 60.5, ""),
        ("how to build a sales compensation plan", 170, 22, 58.0, "question;howto"),
        ("what is a good sales commission rate", 90, None, 41.0, "question"),
        ("sales compensation plan template", 320, 30, 55.0, "template"),
    ]),
    ("how-to-hire-sales-reps", "how to hire sales reps", "question:3;informational:2", [
        ("how to hire sales reps", 880, 45, 68.4, "question;howto"),
        ("sales hiring process", 590, 38, 52.0, ""),
        ("sales interview questions", 1300, 50, 49.0, ""),
        ("how to interview a sales rep", 210, 35, 44.0, "question;howto"),
    ]),
    ("best-crm-for-lead-scoring", "best crm for lead scoring", "commercial:3;comparison:1", [
        ("best crm for lead scoring", 260, 55, 47.9, "best"),
        ("lead scoring software", 880, 60, 40.0, ""),
        ("hubspot vs salesforce lead scoring", 110, 42, 35.0, "comparison"),
    ]),
    ("sales-contest-ideas", "sales contest ideas", "informational:3", [
        ("sales contest ideas", 1600, 25, 39.5, ""),
        ("sales contest ideas for small teams", 70, 12, 30.0, ""),
    ]),
]


def write_analysis(folder: Path, clusters=CLUSTERS) -> Path:
    """Write clusters.csv + opportunities.csv (schema columns) for ``clusters``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    opp_rows, cl_rows = [], []
    for cid, pillar, mix, keywords in clusters:
        for kw, vol, diff, score, mods in keywords:
            opp_rows.append({
                S.KEYWORD: kw, S.VOLUME: vol, S.DIFFICULTY: "" if diff is None else diff,
                S.DIFFICULTY_IMPUTED: diff is None, S.SCORE: score,
                S.INTENT: _intent(mods),
                S.MODIFIERS: mods, S.CLUSTER: cid, S.CLUSTER_LABEL: pillar, S.IS_PILLAR: kw == pillar,
            })
        ranked = sorted(keywords, key=lambda k: (-k[3], k[0]))
        known = [k[2] for k in keywords if k[2] is not None]
        cl_rows.append({
            S.CL_ID: cid, S.CL_LABEL: pillar, S.CL_PILLAR: pillar, S.CL_KEYWORDS: len(keywords),
            S.CL_VOLUME: sum(k[1] for k in keywords),
            S.CL_DIFFICULTY: round(sum(known) / len(known), 1) if known else "",
            S.CL_BEST_SCORE: max(k[3] for k in keywords),
            S.CL_MEAN_SCORE: round(sum(k[3] for k in keywords) / len(keywords), 1),
            S.CL_INTENT_MIX: mix, S.CL_METHOD: "lexical",
            S.CL_SUBTOPICS: "|".join(k[0] for k in ranked if k[0] != pillar),
            S.CL_QUESTIONS: "|".join(k[0] for k in ranked if "question" in k[4]),
        })
    _write_csv(folder / S.OPPORTUNITIES_CSV, list(opp_rows[0]), opp_rows)
    _write_csv(folder / S.CLUSTERS_CSV, S.CLUSTER_COLUMNS, cl_rows)
    return folder


def _intent(modifiers: str) -> str:
    if {"best", "comparison"} & set(modifiers.split(";")):
        return "commercial"
    return "transactional" if "template" in modifiers else "informational"


def _write_csv(path: Path, columns, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


COMMITTEE_YML = """\
cadence: {frequency: weekly, day: tuesday}
editor: {id: jo-park, name: Jo Park, role: Managing Editor, email: jo@example.com}
journalists:
  - {id: sam-reed, name: Sam Reed, role: Staff Journalist, email: sam@example.com}
  - {id: priya-nair, name: Priya Nair, role: Contributing Writer, email: priya@example.com}
members:
  - id: maria-lopez
    name: Maria Lopez
    role: VP Sales
    expertise: [compensation, contests, coaching]
    email: maria@example.com
    monthly_capacity: 2
  - id: david-chen
    name: David Chen
    role: Head of Talent Acquisition
    expertise: [hiring, interviewing]
    email: david@example.com
    monthly_capacity: 3
  - id: tom-becker
    name: Tom Becker
    role: Director of Demand Generation
    expertise: [lead scoring, inbound]
    email: tom@example.com
    monthly_capacity: 3
"""


def make_project(root: Path, clusters=CLUSTERS, committee: str | None = COMMITTEE_YML) -> Path:
    """A project folder with an analysis and (optionally) a committee file."""
    write_analysis(root / "keywords" / "analysis", clusters)
    if committee is not None:
        (root / "thought_leadership").mkdir(parents=True, exist_ok=True)
        (root / "thought_leadership" / "committee.yml").write_text(committee, encoding="utf-8")
    return root
