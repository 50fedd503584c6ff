"""CLI commands: ``keywords analyze`` and ``keywords expand``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

FORMAT_HELP = "auto|gkp|gsc|ahrefs|semrush|moz|generic|plain"
PROGRESS_BYTES = 2_000_000  # show a progress bar from this much input on


@click.group()
def keywords() -> None:
    """Read keyword exports, find the long tail, score and cluster it."""


@keywords.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: keywords/analysis/ in the project).")
@click.option("--format", "fmt", default="auto", show_default=True, metavar=FORMAT_HELP,
              help="Force the export layout instead of detecting it.")
@click.option("--keyword-column", metavar="NAME", help="Column holding the keywords (generic files).")
@click.option("--segments", default="50,30,20", show_default=True,
              help="Head/torso/tail shares of cumulative volume, in percent.")
@click.option("--tail-words", type=int, default=3, show_default=True,
              help="Keywords with at least this many words are long tail.")
@click.option("--tail-volume", type=float, default=None,
              help="Keywords at or below this volume are long tail (default: the torso/tail cut).")
@click.option("--project", "root", type=click.Path(path_type=Path), default=".",
              help="Project folder (default: current folder).")
@click.option("--quiet", is_flag=True, help="Print nothing on success.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON only.")
def analyze(paths, out_dir, fmt, keyword_column, segments, tail_words, tail_volume, root, quiet,
            as_json):
    """Analyse keyword exports (PATH... or every export in keywords/).

    \b
    Reads Keyword Planner, Search Console, Ahrefs, Semrush, Moz, generic CSV/TSV/XLSX
    and plain .txt lists, merges them and writes opportunities.csv, clusters.csv,
    ngrams.csv, rejected.csv, summary.json, report.md and longtail.svg.
      playbook keywords analyze keywords/*.csv --out keywords/analysis
    """
    from generator.keywords.load import check_format, discover_inputs
    from generator.keywords.pipeline import analyze_paths
    from generator.project import Project

    check_format(fmt)
    project = Project.at(root)
    inputs = list(paths) or _discovered(discover_inputs(project.keywords_dir), project)
    settings = {"segment_cuts": parse_segments(segments), "tail_words": tail_words,
                "tail_volume": tail_volume}
    out = out_dir or project.analysis_dir
    with _progress(inputs, enabled=not (quiet or as_json)) as (on_step, on_progress):
        summary = analyze_paths(inputs, out, fmt=fmt, keyword_column=keyword_column,
                                settings=settings, on_step=on_step, on_progress=on_progress)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo("\n".join(summary_lines(summary, out)))


def _discovered(found: list[Path], project) -> list[Path]:
    from generator.errors import InputError

    if not found:
        raise InputError(f"{project.keywords_dir}: no keyword exports found (.csv, .tsv, .txt, "
                         ".xlsx); pass PATH... or add exports there")
    cwd = Path.cwd()
    return [p.relative_to(cwd) if p.is_relative_to(cwd) else p for p in found]


def parse_segments(text: str) -> tuple[float, float]:
    """``50,30,20`` -> cumulative cuts (0.5, 0.8)."""
    from generator.errors import InputError

    try:
        parts = [float(p) for p in text.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 3 or any(p <= 0 for p in parts) or abs(sum(parts) - 100) > 1e-6:
        raise InputError(f"--segments '{text}': give three positive percentages that add up "
                         "to 100, e.g. 50,30,20")
    return parts[0] / 100, (parts[0] + parts[1]) / 100


class _progress:
    """A tqdm bar on stderr for large inputs, only when stderr is a terminal."""

    def __init__(self, inputs: list[Path], enabled: bool):
        size = sum(p.stat().st_size for p in inputs if p.is_file())
        self.enabled = enabled and size >= PROGRESS_BYTES and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return None, None
        from tqdm import tqdm

        self.bar = tqdm(total=None, file=sys.stderr, unit="step", leave=False)
        return self._step, self._file

    def _step(self, name: str) -> None:
        self.bar.set_description(name)
        self.bar.update(1)

    def _file(self, path: Path, done: int, total: int) -> None:
        self.bar.set_postfix_str(f"{done}/{total} {path.name}")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def summary_lines(summary: dict, out: Path) -> list[str]:
    """The short terminal summary."""
    lines = [f"Read {len(summary.get('sources', []))} file(s): {summary['rows_read']:,} rows, "
             f"{summary['rows_kept']:,} keywords kept, {summary['rows_rejected']:,} rejected"]
    lines += _source_table(summary.get("sources", []))
    segments = summary.get("segments") or {}
    if segments:
        parts = [f"{name} {seg.get('keywords', 0):,}" for name, seg in segments.items()]
        lines.append("Segments (keywords): " + ", ".join(parts))
    tail = summary.get("long_tail") or {}
    if tail:
        lines.append(f"Long tail: {tail.get('keywords', 0):,} keywords, "
                     f"{100 * tail.get('share_keywords', 0):.1f}% of keywords, "
                     f"{100 * tail.get('share_volume', 0):.1f}% of volume")
    if "clusters" in summary:
        lines.append(f"Clusters: {summary['clusters']:,}")
    for source in summary.get("sources", []):
        lines += [f"Warning: {w}" for w in source.get("warnings", [])]
    lines.append(f"Outputs in {out}/: opportunities.csv, clusters.csv, ngrams.csv, rejected.csv, "
                 "summary.json, report.md, longtail.svg")
    return lines


def _source_table(sources: list[dict]) -> list[str]:
    header = ("source", "format", "encoding", "read", "kept", "rejected")
    rows = [(s["path"], s["format"], s["encoding"], f"{s['rows_read']:,}", f"{s['rows_kept']:,}",
             f"{s['rows_rejected']:,}") for s in sources]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    def fmt(row):
        left = [c.ljust(w) for c, w in zip(row[:3], widths[:3], strict=True)]
        right = [c.rjust(w) for c, w in zip(row[3:], widths[3:], strict=True)]
        return "  " + "  ".join(left + right)
    return [fmt(header), *(fmt(r) for r in rows)]


@keywords.command()
@click.argument("seeds", nargs=-1, required=True)
@click.option("--modifiers", type=click.Path(path_type=Path),
              help="Modifiers file: one per line; '{seed}' marks a template, # starts a comment.")
@click.option("--out", "out_file", type=click.Path(path_type=Path),
              help="Write the list here (one keyword per line) instead of stdout.")
def expand(seeds, modifiers, out_file):
    """Long-tail candidates from SEED... x modifiers (questions, for <segment>, vs, best, ...).

    \b
      playbook keywords expand "sales training" gpct bant --out keywords/expanded.txt
    """
    from generator.keywords.expand import (
        expand_keywords,
        format_keyword_list,
        read_modifiers,
        write_keyword_list,
    )

    mods = read_modifiers(modifiers) if modifiers else None
    result = expand_keywords(list(seeds), mods)
    if out_file is None:
        click.echo(format_keyword_list(result), nl=False)
        return
    write_keyword_list(out_file, result)
    click.echo(f"Wrote {len(result):,} keywords to {out_file}")


COMMANDS = [keywords]
