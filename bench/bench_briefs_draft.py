"""Bench: `briefs draft --top 1000` from a 100,000-keyword analysis (target: at most 10 s).

Run: .venv/bin/python bench/bench_briefs_draft.py [KEYWORDS] [CLUSTERS] [TOP]
Synthesises clusters.csv + opportunities.csv (defaults: 100,000 keywords in 1,250
clusters) and the sample committee in a temporary project, then times
``draft_briefs(top=1000)`` in-process, and the same command as a fresh process.
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

from generator.briefs.draft import draft_briefs  # noqa: E402
from generator.keywords import schema as S  # noqa: E402
from generator.project import Project  # noqa: E402

TARGET_S = 10.0
TOPICS = ["sales hiring", "sales compensation plan", "sales contest", "lead scoring", "sales coaching",
          "gpct qualification", "inbound leads", "sales sla", "buyer matrix", "long tail content"]
MODS = ["examples", "template", "for startups", "best practices", "checklist", "software", "ideas", "metrics",
        "for saas", "mistakes", "process", "strategy", "tips", "guide", "training", "questions"]


def synthesise(folder: Path, n_keywords: int, n_clusters: int) -> None:
    """Write an analysis with ``n_keywords`` keywords spread over ``n_clusters`` clusters."""
    import pandas as pd

    rng = random.Random(42)
    per = n_keywords // n_clusters
    opp_rows, cl_rows = [], []
    for c in range(n_clusters):
        pillar = f"{TOPICS[c % len(TOPICS)]} {c}"
        cid = pillar.replace(" ", "-")
        members = [(pillar, False)] + [
            (f"{'how to improve ' if k % 7 == 0 else ''}{pillar} {MODS[k % len(MODS)]} {k}", k % 7 == 0)
            for k in range(1, per)
        ]
        scored = []
        for kw, is_q in members:
            score = round(rng.random() * 100, 1)
            scored.append((kw, is_q, score))
            opp_rows.append({
                S.KEYWORD: kw, S.VOLUME: rng.randrange(10, 5000), S.DIFFICULTY: rng.randrange(1, 100),
                S.DIFFICULTY_IMPUTED: False, S.SCORE: score, S.INTENT: "question" if is_q else "informational",
                S.MODIFIERS: "question" if is_q else "", S.CLUSTER: cid, S.IS_PILLAR: kw == pillar,
            })
        ranked = sorted(scored, key=lambda r: (-r[2], r[0]))
        cl_rows.append({
            S.CL_ID: cid, S.CL_LABEL: pillar, S.CL_PILLAR: pillar, S.CL_KEYWORDS: len(members),
            S.CL_VOLUME: 1000, S.CL_DIFFICULTY: 40.5, S.CL_BEST_SCORE: ranked[0][2], S.CL_MEAN_SCORE: 50.0,
            S.CL_INTENT_MIX: "informational:10;question:3", S.CL_METHOD: "lexical",
            S.CL_SUBTOPICS: "|".join(r[0] for r in ranked if r[0] != pillar),
            S.CL_QUESTIONS: "|".join(r[0] for r in ranked if r[1]),
        })
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(opp_rows).to_csv(folder / S.OPPORTUNITIES_CSV, index=False)
    pd.DataFrame(cl_rows, columns=S.CLUSTER_COLUMNS).to_csv(folder / S.CLUSTERS_CSV, index=False)


def main() -> None:
    n_keywords = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_clusters = int(sys.argv[2]) if len(sys.argv) > 2 else 1_250
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
    tmp = Path(tempfile.mkdtemp(prefix="bench-draft-"))
    try:
        project = Project.at(tmp)
        synthesise(project.analysis_dir, n_keywords, n_clusters)
        committee = REPO / "thought_leadership" / "committee.yml"
        if committee.is_file():
            project.thought_leadership_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy(committee, project.committee_file)
        start, cpu = time.perf_counter(), time.process_time()
        result = draft_briefs(project, top=top, today=dt.date(2026, 11, 28))
        in_process, cpu = time.perf_counter() - start, time.process_time() - cpu
        shutil.rmtree(project.briefs_dir)
        start = time.perf_counter()
        subprocess.run([str(REPO / ".venv" / "bin" / "playbook"), "briefs", "draft", "--top", str(top),
                        "--project", str(tmp)], check=True, capture_output=True)
        process = time.perf_counter() - start
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"draft_briefs: {n_keywords:,} keywords, {n_clusters:,} clusters, top {top:,}")
    print(f"  briefs created      {len(result.created):,}")
    print(f"  in-process          {in_process:6.2f} s  (target <= {TARGET_S:.0f} s) "
          f"{'OK' if in_process <= TARGET_S else 'SLOW'}")
    print(f"  in-process CPU      {cpu:6.2f} s  (wall minus waiting for disk and other processes)")
    print(f"  CLI (fresh process) {process:6.2f} s  {'OK' if process <= TARGET_S else 'SLOW'}")


if __name__ == "__main__":
    main()
