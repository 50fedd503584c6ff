"""Run every benchmark script in bench/ one after the other (``make bench``).

Each script prints its own figures, ratios and PASS/FAIL against the issue targets.
Pass ``--quick`` for smaller inputs (a smoke run, not the targets' sizes).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL = [
    ["bench_keywords.py", "--rows", "200000"],
    ["bench_keywords.py", "--rows", "1000000", "--skip-advertools"],
    ["bench_briefs_draft.py"],
    ["bench_briefs_workflow.py"],
    ["bench_site.py"],
]
QUICK = [
    ["bench_keywords.py", "--rows", "20000"],
    ["bench_briefs_draft.py", "10000", "200", "100"],
    ["bench_briefs_workflow.py", "500"],
    ["bench_site.py", "--posts", "100", "--repeat", "1"],
]


def main() -> int:
    runs = QUICK if "--quick" in sys.argv[1:] else FULL
    failed = 0
    for script, *args in runs:
        print(f"\n=== {script} {' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *args]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
