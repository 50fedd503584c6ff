"""Bench: `briefs list` and `committee agenda` over 5,000 briefs (target: at most 2 s each).

Run: .venv/bin/python bench/bench_briefs_workflow.py [N]
Creates N synthetic briefs (default 5,000) in a temporary project, then times each
command as a fresh process (what a user waits for) and in-process (library + CLI only).
The first run parses every front matter and fills the cache (briefs/.cache/); the
target applies to the following runs, which parse only new or edited briefs.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.briefs import store  # noqa: E402
from generator.briefs.workflow import default_workflow  # noqa: E402
from generator.project import Project  # noqa: E402

TARGET_S = 2.0
STATUSES = ["pitch", "committee_review", "approved", "assigned", "interviewing", "drafting", "sme_review",
            "editor_review", "ready", "published", "hold", "killed"]
MEMBERS = ["maria-lopez", "david-chen", "aisha-bello", "tom-becker", "lena-fischer", "omar-haddad"]


def make_briefs(project: Project, n: int) -> None:
    rng = random.Random(7)
    wf = default_workflow()
    for i in range(1, n + 1):
        created = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
        slug = f"synthetic-keyword-{i:05d}"
        member = rng.choice(MEMBERS)
        front = {
            "id": f"2026-{i:03d}", "slug": slug, "title": f"Synthetic keyword {i}: a guide", "status": rng.choice(STATUSES),
            "target_keyword": f"synthetic keyword {i}", "secondary_keywords": [f"synthetic keyword {i} {w}" for w in "abc"],
            "cluster": slug,
            "metrics": {"volume": rng.randrange(10, 5000), "difficulty": rng.randrange(100), "difficulty_imputed": False,
                        "score": round(rng.random() * 100, 1), "keywords": rng.randrange(2, 40), "refreshed": created},
            "search_intent": "informational", "buyer_journey_stage": "problem_education", "persona": "sales_leader",
            "angle": "An angle", "gpct": {"goals": "g", "plans": "p", "challenges": "c", "timeline": "t"},
            "questions": [f"what is synthetic keyword {i}"], "outline": [{"h2": "One", "h3": ["a", "b"]}],
            "word_count": {"min": 1200, "max": 1800}, "internal_links": [{"url": "/x/", "anchor": "x"}],
            "cta": {"url": "/calculators/", "anchor": "Try it"},
            "sme": {"id": member, "name": member.replace("-", " ").title(), "role": "Expert"},
            "interview": {"goal": "g", "questions": ["q"], "date": None}, "journalist": "sam-reed", "editor": "jo-park",
            "due": wf.due_dates(created), "created": created,
            "history": [{"from": None, "to": "pitch", "by": "playbook", "at": f"{created}T09:00:00+00:00", "note": "drafted"}],
        }
        path = project.briefs_dir / f"{slug}.md"
        path.write_text(store.render_brief(front, "\n# Brief\n\nBody text.\n"), encoding="utf-8")  # no fsync: setup only


def time_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(REPO / ".venv" / "bin" / "playbook"), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def time_inprocess(args: list[str]) -> float:
    from click.testing import CliRunner

    from generator.cli import cli

    start = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return time.perf_counter() - start


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    root = Path(tempfile.mkdtemp(prefix="bench-briefs-"))
    try:
        project = Project.at(root)
        project.briefs_dir.mkdir(parents=True)
        shutil.copy(REPO / "thought_leadership" / "committee.yml", project.committee_file)
        start = time.perf_counter()
        make_briefs(project, n)
        print(f"created {n} briefs in {time.perf_counter() - start:.2f} s")
        worst = 0.0
        runs = (
            ("briefs list (cold cache)", ["briefs", "list"], False),
            ("briefs list", ["briefs", "list"], True),
            ("briefs list --format json", ["briefs", "list", "--format", "json"], True),
            ("committee agenda", ["committee", "agenda", "--date", "2026-07-01"], True),
            ("calendar --weeks 8", ["calendar", "--weeks", "8", "--start", "2026-07-01"], True),
        )
        for label, args, counted in runs:
            full = [*args, "--project", str(root)]
            proc = time_process(full)
            inproc = time_inprocess(full) if counted else float("nan")
            worst = max(worst, proc) if counted else worst
            print(f"{label:<28} {proc:6.2f} s (process)  {inproc:6.2f} s (in-process)  target <= {TARGET_S:.1f} s")
        print("OK" if worst <= TARGET_S else f"SLOW: worst {worst:.2f} s > {TARGET_S} s")
        return 0 if worst <= TARGET_S else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
