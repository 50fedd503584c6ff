"""Benchmark: our n-gram counting and ``playbook keywords analyze`` vs advertools.

Makes N synthetic keywords (default 200,000) with Zipf-like volumes, mostly 3-6
words from a topical vocabulary, writes them as a generic CSV in a temporary
folder, and times in one run:

(a) our n-gram counting for n = 1, 2, 3 vs ``advertools.word_frequency(keywords,
    volumes, phrase_len=n, rm_words=[])`` (asserting identical abs/wtd counts);
(b) the whole ``playbook keywords analyze`` (a subprocess of .venv/bin/playbook:
    wall time, and peak RSS of the child) vs the three advertools passes.

Targets (2-core machine): n-grams >= 10x faster; analyze(200k) faster than the
three advertools passes; with --rows 1000000: analyze <= 15 s and <= 3 GB.

    .venv/bin/python bench/bench_keywords.py [--rows 200000] [--seed 7] [--skip-advertools]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TOPICS = ("sales", "marketing", "inbound", "crm", "lead", "pipeline", "quota", "commission",
          "compensation", "coaching", "training", "hiring", "onboarding", "contest", "playbook",
          "prospecting", "qualification", "gpct", "bant", "demand", "content", "seo", "keyword",
          "funnel", "forecast", "territory", "enablement", "cadence", "email", "cold", "call")
OBJECTS = ("plan", "template", "examples", "ideas", "process", "strategy", "checklist", "software",
           "tools", "program", "course", "certification", "metrics", "kpis", "report", "policy",
           "structure", "calculator", "script", "questions", "framework", "guide", "agenda", "game")
MODIFIERS = ("best", "free", "how to build", "what is", "how to improve", "top 10", "vs", "for startups",
             "for saas", "for small business", "for managers", "2026", "pdf", "near me", "online",
             "b2b", "enterprise", "simple", "advanced", "remote", "team", "monthly", "quarterly")


def synthetic_keywords(rows: int, seed: int) -> tuple[list[str], np.ndarray]:
    """``rows`` distinct keywords (3-6 words mostly) and Zipf-like monthly volumes."""
    rng = np.random.default_rng(seed)
    seen: dict[str, None] = {}
    batch = max(rows // 4, 1000)
    while len(seen) < rows:
        topic = rng.choice(TOPICS, size=(batch, 2))
        obj = rng.choice(OBJECTS, size=batch)
        mod = rng.choice(MODIFIERS, size=(batch, 2))
        shape = rng.integers(0, 6, size=batch)
        for t, o, m, s in zip(topic, obj, mod, shape, strict=True):
            parts = [t[0], o] if s == 0 else [t[0], t[1], o] if s == 1 else [m[0], t[0], o]
            if s >= 3:
                parts = parts + [m[1]]
            if s == 5:
                parts = [t[1]] + parts
            seen.setdefault(" ".join(parts), None)
            if len(seen) >= rows:
                break
    keywords = list(seen)
    volumes = np.minimum(rng.zipf(1.6, rows) * 10, 1_000_000).astype(float)
    return keywords, volumes


def write_csv(path: Path, keywords: list[str], volumes: np.ndarray) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["Keyword", "Search Volume"])
        writer.writerows(zip(keywords, volumes.astype(int).tolist(), strict=True))


def time_ours(keywords, volumes) -> tuple[float, object]:
    from generator.keywords import ngrams

    start = time.perf_counter()
    table = ngrams.ngram_table(keywords, volumes, max_n=3)
    return time.perf_counter() - start, table


def time_advertools(keywords, volumes, ours) -> float:
    import advertools as adv

    total = 0.0
    for n in (1, 2, 3):
        start = time.perf_counter()
        theirs = adv.word_frequency(keywords, volumes, phrase_len=n, rm_words=[])
        total += time.perf_counter() - start
        mine = ours[ours["n"] == n].set_index("ngram")
        theirs = theirs.set_index("word")
        assert len(mine) == len(theirs) and set(mine.index) == set(theirs.index), f"n={n}: n-grams differ"
        mine = mine.loc[theirs.index]
        assert (mine["abs_freq"].to_numpy() == theirs["abs_freq"].to_numpy()).all(), f"n={n}: abs_freq"
        assert (mine["wtd_freq"].to_numpy() == theirs["wtd_freq"].to_numpy()).all(), f"n={n}: wtd_freq"
    return total


def time_analyze(csv_path: Path, out_dir: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (GB) of ``playbook keywords analyze`` in a child process."""
    playbook = REPO / ".venv" / "bin" / "playbook"
    command = [str(playbook)] if playbook.exists() else [sys.executable, "-m", "generator"]
    command += ["keywords", "analyze", str(csv_path), "--out", str(out_dir), "--quiet"]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=csv_path.parent)
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024 / 1024


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-advertools", action="store_true",
                        help="Only time analyze (e.g. for the 1M-row memory check).")
    args = parser.parse_args(argv)

    keywords, volumes = synthetic_keywords(args.rows, args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-keywords-") as tmp:
        csv_path = Path(tmp) / "keywords.csv"
        write_csv(csv_path, keywords, volumes)
        print(f"{len(keywords):,} keywords, {csv_path.stat().st_size / 1e6:.1f} MB CSV, "
              f"{os.cpu_count()} CPUs")
        analyze_wall, peak_gb = time_analyze(csv_path, Path(tmp) / "out")
        rows = [("playbook keywords analyze", analyze_wall)]
        results = []
        if not args.skip_advertools:
            ours_s, ours = time_ours(keywords, volumes)
            adv_s = time_advertools(keywords, volumes, ours)
            rows += [("our n-grams n=1..3", ours_s), ("advertools word_frequency n=1..3", adv_s)]
            results += [
                (f"n-grams >= 10x faster (identical counts): {adv_s / ours_s:.1f}x", adv_s / ours_s >= 10),
                (f"analyze faster than advertools' 3 passes: {adv_s / analyze_wall:.2f}x",
                 analyze_wall < adv_s),
            ]
        if args.rows >= 1_000_000:
            results += [(f"1M rows <= 15 s wall: {analyze_wall:.1f} s", analyze_wall <= 15),
                        (f"1M rows <= 3 GB peak: {peak_gb:.2f} GB", peak_gb <= 3)]
    print(f"\n{'step':<36}{'seconds':>10}")
    for name, seconds in rows:
        print(f"{name:<36}{seconds:>10.2f}")
    print(f"{'analyze peak RSS (GB)':<36}{peak_gb:>10.2f}\n")
    for text, ok in results:
        print(f"{verdict(ok)}  {text}")
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
