"""The keyword job end to end: load exports, analyse, write the outputs.

``analyze_paths`` is the library entry point behind ``playbook keywords
analyze`` (and later ``playbook build``). The output folder is checked before
any work; outputs are written through a staging folder, so a failure leaves
nothing half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.errors import OutputError
from generator.keywords.load import LoadResult, check_format, load_exports


def check_writable_dir(out_dir: Path | str) -> Path:
    """Fail early, with one line, when ``out_dir`` cannot become a writable folder."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; pass a folder to --out")
    ancestor = out
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"{out}: {ancestor} is a file, not a folder; pass a folder to --out")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: cannot write in {ancestor} (permission denied); "
                          "pass a writable --out")
    return out


def analyze_paths(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    fmt: str = "auto",
    keyword_column: str | None = None,
    settings=None,
    on_step: Callable[[str], None] | None = None,
    on_progress: Callable[[Path, int, int], None] | None = None,
) -> dict:
    """Load, analyse and write; returns the summary written to summary.json.

    ``settings`` is an ``AnalysisSettings`` or a dict of its fields (None = defaults).
    """
    check_format(fmt)
    out = check_writable_dir(out_dir)
    if on_step is not None:
        on_step("load")
    load: LoadResult = load_exports(paths, fmt, keyword_column, on_progress=on_progress)

    from generator.keywords.analysis import AnalysisSettings, analyze
    from generator.keywords.outputs import write_outputs

    if not isinstance(settings, AnalysisSettings):
        settings = AnalysisSettings(**(settings or {}))
    analysis = analyze(load.table, settings, on_step=on_step)
    if on_step is not None:
        on_step("write")
    return write_outputs(analysis, load, out)
