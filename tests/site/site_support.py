"""Helpers shared by the site tests (import with ``from site_support import …``)."""

from __future__ import annotations

import csv
from pathlib import Path

HOSTILE = "<script>alert(1)</script> crm"


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
