"""Read the keyword analysis (clusters.csv + opportunities.csv) that briefs are drafted from.

Both files are read once; member keywords are grouped by cluster once, and a
cluster's members are turned into records only when a brief needs them. Plain
files (every row complete, numbers written as digits) are read with the csv
module, which saves importing pandas; anything else is read with pandas, whose
rules (and error messages) are the reference.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import math
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.keywords import schema as S

CLUSTER_REQUIRED = [
    S.CL_ID, S.CL_LABEL, S.CL_PILLAR, S.CL_KEYWORDS, S.CL_VOLUME, S.CL_DIFFICULTY,
    S.CL_BEST_SCORE, S.CL_INTENT_MIX, S.CL_SUBTOPICS, S.CL_QUESTIONS,
]
OPPORTUNITY_REQUIRED = [
    S.KEYWORD, S.CLUSTER, S.SCORE, S.VOLUME, S.DIFFICULTY, S.DIFFICULTY_IMPUTED,
    S.INTENT, S.MODIFIERS, S.IS_PILLAR,
]
ANALYZE_HINT = "Run 'playbook keywords analyze' first."


@dataclass(frozen=True)
class Keyword:
    keyword: str
    volume: float | None
    difficulty: float | None
    difficulty_imputed: bool
    score: float
    intents: tuple[str, ...]
    modifiers: tuple[str, ...]
    is_pillar: bool


@dataclass(frozen=True)
class Cluster:
    id: str
    label: str
    pillar: str
    keywords: int
    total_volume: float | None
    mean_difficulty: float | None
    best_score: float
    intent_mix: tuple[tuple[str, int], ...]
    subtopics: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass
class Analysis:
    """The analysis folder, read once: clusters by best score and their member keywords."""

    folder: Path
    clusters: list[Cluster]
    _members: dict
    _frame: object
    _imputed: frozenset = frozenset()
    _pillar_labels: dict = field(default_factory=dict)
    shown: str = ""  # the folder as shown in messages

    def cluster(self, cluster_id: str) -> Cluster | None:
        return self._by_id().get(cluster_id)

    def _by_id(self) -> dict[str, Cluster]:
        if not hasattr(self, "_index"):
            self._index = {c.id: c for c in self.clusters}
        return self._index

    def members(self, cluster_id: str, limit: int | None = None) -> list[Keyword]:
        """The cluster's keywords (the first ``limit``), best score first (ties by keyword)."""
        rows = self._members.get(cluster_id)
        if rows is None:
            return []
        return [_keyword(self._frame, i) for i in rows[:limit]]

    def any_imputed(self, cluster_id: str) -> bool:
        """True when at least one keyword of the cluster had its difficulty imputed."""
        return cluster_id in self._imputed

    def pillar_labels(self, cluster_id: str) -> tuple[str, ...]:
        """The intent and modifier labels of the cluster's pillar keyword (empty when unknown)."""
        return self._pillar_labels.get(cluster_id, ())


def load_analysis(folder: Path | str, base: Path | None = None) -> Analysis:
    """Read ``clusters.csv`` and ``opportunities.csv`` from ``folder``; raise InputError when unusable.

    Paths in error messages are shown relative to ``base`` (the project root) when inside it.
    """
    folder = Path(folder)
    shown = _show(folder, base)
    clusters_csv, opps_csv = folder / S.CLUSTERS_CSV, folder / S.OPPORTUNITIES_CSV
    missing = [p.name for p in (clusters_csv, opps_csv) if not p.is_file()]
    if not folder.is_dir() or len(missing) == 2:
        raise InputError(f"{shown}: no keyword analysis found. {ANALYZE_HINT}")
    if missing:
        raise InputError(f"{shown}: {missing[0]} is missing. {ANALYZE_HINT}")
    analysis = _read_plain(folder, clusters_csv, opps_csv)
    if analysis is None:
        clusters = _read_csv(clusters_csv, CLUSTER_REQUIRED, f"{shown}/{S.CLUSTERS_CSV}")
        opps = _read_csv(opps_csv, OPPORTUNITY_REQUIRED, f"{shown}/{S.OPPORTUNITIES_CSV}")
        analysis = _build(folder, clusters, opps)
    analysis.shown = shown
    return analysis


def _show(path: Path, base: Path | None) -> str:
    try:
        return path.resolve().relative_to((base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_csv(path: Path, required: list[str], shown: str):
    import pandas as pd

    try:
        header = pd.read_csv(path, nrows=0, dtype=str, keep_default_na=False)
    except (pd.errors.EmptyDataError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"{shown}: cannot be read as CSV ({exc}). {ANALYZE_HINT}") from exc
    absent = [c for c in required if c not in header.columns]
    if absent:
        raise InputError(
            f"{shown}: missing columns: {', '.join(absent)}. "
            f"Re-run 'playbook keywords analyze' to regenerate it."
        )
    return pd.read_csv(path, usecols=required, dtype=str, keep_default_na=False)


def _build(folder: Path, clusters, opps) -> Analysis:
    import pandas as pd

    for col in (S.SCORE, S.VOLUME, S.DIFFICULTY):
        opps[col] = pd.to_numeric(opps[col], errors="coerce")
    opps[S.SCORE] = opps[S.SCORE].fillna(0.0)
    opps = opps.sort_values([S.CLUSTER, S.SCORE, S.KEYWORD], ascending=[True, False, True], kind="stable")
    opps = opps.reset_index(drop=True)
    members = {k: v for k, v in opps.groupby(S.CLUSTER, sort=False).indices.items()}
    frame = {c: opps[c].to_numpy() for c in OPPORTUNITY_REQUIRED}
    imputed = opps[S.DIFFICULTY_IMPUTED].str.strip().str.lower().isin(["true", "1", "yes"])
    records = [_cluster(row) for row in clusters.to_dict("records") if row[S.CL_ID].strip()]
    records.sort(key=lambda c: (-c.best_score, c.id))
    pillars = opps[opps[S.IS_PILLAR].str.strip().str.lower().isin(["true", "1", "yes"])]
    labels = {
        cid: _split(intent, ";") + _split(mods, ";")
        for cid, intent, mods in zip(pillars[S.CLUSTER], pillars[S.INTENT], pillars[S.MODIFIERS], strict=True)
    }
    return Analysis(folder=folder, clusters=records, _members=members, _frame=frame,
                    _imputed=frozenset(opps.loc[imputed, S.CLUSTER]), _pillar_labels=labels)



# --------------------------------------------------------------------------- without pandas

_NUMBERS = re.compile(r"(?:[0-9]{1,15}(?:\.[0-9]{1,15})?)?(?:\n(?:[0-9]{1,15}(?:\.[0-9]{1,15})?)?)*")
_TRUE = frozenset({"true", "1", "yes"})


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects (none of them cyclic)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_plain(folder: Path, clusters_csv: Path, opps_csv: Path) -> Analysis | None:
    """The analysis read with the csv module, as :func:`_build` gives it; None when pandas must read it."""
    with _no_gc():
        return _read_plain_rows(folder, clusters_csv, opps_csv)


def _read_plain_rows(folder: Path, clusters_csv: Path, opps_csv: Path) -> Analysis | None:
    clusters = _plain_rows(clusters_csv, CLUSTER_REQUIRED)
    opps = _plain_rows(opps_csv, OPPORTUNITY_REQUIRED) if clusters is not None else None
    if opps is None:
        return None
    columns = {c: list(values) for c, values in zip(OPPORTUNITY_REQUIRED, zip(*opps, strict=True), strict=True)} if opps else {
        c: [] for c in OPPORTUNITY_REQUIRED
    }
    for column in (S.SCORE, S.VOLUME, S.DIFFICULTY):
        if not _NUMBERS.fullmatch("\n".join(columns[column])):
            return None  # signs, exponents, 'nan'…: pandas' number rules
        columns[column] = [float(v) if v else None for v in columns[column]]  # empty = pandas' NaN
    columns[S.SCORE] = [0.0 if v is None else v for v in columns[S.SCORE]]
    clusters_rows = [dict(zip(CLUSTER_REQUIRED, row, strict=True)) for row in clusters]
    return _assemble(folder, clusters_rows, columns, _ranked_members(columns))


def _ranked_members(frame: dict) -> dict[str, list[int]]:
    """Row numbers by cluster, best score first, then keyword, then file order (pandas' stable sort)."""
    groups: dict[str, list[int]] = {}
    for i, cid in enumerate(frame[S.CLUSTER]):
        groups.setdefault(cid, []).append(i)
    score, keyword = frame[S.SCORE], frame[S.KEYWORD]
    return {cid: sorted(rows, key=lambda i: (-score[i], keyword[i], i)) for cid, rows in groups.items()}


def _assemble(folder: Path, cluster_rows: list[dict], frame: dict, members: dict[str, list[int]]) -> Analysis:
    """Like :func:`_build`, from columns of plain values and each cluster's ranked row numbers."""
    imputed, labels = set(), {}
    flags, pillar = frame[S.DIFFICULTY_IMPUTED], frame[S.IS_PILLAR]
    for cid, rows in members.items():
        for i in rows:
            if flags[i].strip().lower() in _TRUE:
                imputed.add(cid)
            if pillar[i].strip().lower() in _TRUE:
                labels[cid] = _split(frame[S.INTENT][i], ";") + _split(frame[S.MODIFIERS][i], ";")
    records = [_cluster(row) for row in cluster_rows if row[S.CL_ID].strip()]
    records.sort(key=lambda c: (-c.best_score, c.id))
    return Analysis(folder=folder, clusters=records, _members=members, _frame=frame,
                    _imputed=frozenset(imputed), _pillar_labels=labels)


def _plain_rows(path: Path, required: list[str]) -> list | None:
    """The ``required`` columns of every row; None unless the file is plain (complete rows, unique header)."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header or len(set(header)) != len(header) or not set(required) <= set(header):
                return None
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if rows and set(map(len, rows)) != {len(header)}:  # blank or ragged lines: leave them to pandas' rules
        return None
    index = [header.index(c) for c in required]
    if index == list(range(len(header))):
        return rows
    pick = operator.itemgetter(*index)
    return [pick(row) for row in rows]

def _cluster(row: dict) -> Cluster:
    return Cluster(
        id=row[S.CL_ID].strip(),
        label=row[S.CL_LABEL].strip(),
        pillar=row[S.CL_PILLAR].strip(),
        keywords=int(_number(row[S.CL_KEYWORDS]) or 0),
        total_volume=_number(row[S.CL_VOLUME]),
        mean_difficulty=_number(row[S.CL_DIFFICULTY]),
        best_score=_number(row[S.CL_BEST_SCORE]) or 0.0,
        intent_mix=_intent_mix(row[S.CL_INTENT_MIX]),
        subtopics=_split(row[S.CL_SUBTOPICS], "|"),
        questions=_split(row[S.CL_QUESTIONS], "|"),
    )


def _keyword(frame: dict, i: int) -> Keyword:
    return Keyword(
        keyword=str(frame[S.KEYWORD][i]),
        volume=_number(frame[S.VOLUME][i]),
        difficulty=_number(frame[S.DIFFICULTY][i]),
        difficulty_imputed=_flag(frame[S.DIFFICULTY_IMPUTED][i]),
        score=float(frame[S.SCORE][i]),
        intents=_split(str(frame[S.INTENT][i]), ";"),
        modifiers=_split(str(frame[S.MODIFIERS][i]), ";"),
        is_pillar=_flag(frame[S.IS_PILLAR][i]),
    )


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _flag(value) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes"}


def _split(text: str, sep: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in str(text).split(sep) if part.strip())


def _intent_mix(text: str) -> tuple[tuple[str, int], ...]:
    """``"informational:5;question:3"`` -> ``(("informational", 5), ("question", 3))``."""
    mix = []
    for part in _split(text, ";"):
        label, _, count = part.partition(":")
        mix.append((label.strip().lower(), int(_number(count) or 1)))
    return tuple(mix)
