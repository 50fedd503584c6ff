"""Export layouts: fingerprints and one small mapper per tool.

``detect_format`` recognises a layout from its header (most specific first);
each mapper turns a :class:`~generator.keywords.ingest.RawTable` into canonical
columns (``schema``), as ``{column: Series}``. Choices, also in the README:

- Keyword Planner: exact volumes are kept. When every volume is one of Google's
  bucket values (0, 50, 500, 5,000, 50,000, 500,000) and no monthly data is
  present, the row gets ``volume_is_bucket``, the bucket bounds (50 -> 10-100,
  500 -> 100-1,000, ...) and ``volume`` = the bounds' geometric mean (5,000 ->
  3,162). A range cell (``1K – 10K``) is handled the same way. ``Searches: Mon
  YYYY`` columns become ``trend`` (oldest first, values as exported).
  ``parent`` is the first filled ``Concept:`` cell (first comma-separated
  value) among concept columns holding more than one distinct value.
  ``competition`` is the indexed value / 100, else Low/Medium/High ->
  0.33/0.66/1.0. ``cpc`` is the midpoint of the two top-of-page bids.
- Search Console: the compare export's current period is the column starting
  with ``Last``/``Current`` (else the first of each pair); the other goes to
  ``*_prev``. Position 0 means "no data" and becomes NaN in both periods.
- Ahrefs / Semrush: blank cells stay NaN; tool intents keep informational,
  commercial, navigational, transactional, branded and local (``Non-branded``
  and ``Non-local`` are dropped). Semrush API intent codes: 0 commercial,
  1 informational, 2 navigational, 3 transactional. KSB ``Topic`` -> parent.
- Moz: ``Min/Max Volume`` or ``Volume Range`` -> bounds; volume = geometric
  mean, flagged as a bucket.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from generator.keywords import schema as S
from generator.keywords.ingest import RawTable
from generator.keywords.normalize import (
    join_list,
    normalize_series,
    parse_range,
    range_mid,
    to_fraction,
    to_number,
)

KEYWORD_ALIASES = [
    "keyword", "keywords", "keyword(s)", "query", "queries", "top queries", "search term",
    "search terms", "search query", "term", "terms", "phrase", "keyphrase", "key phrase", "kw",
    "suchanfrage", "consulta", "ključna beseda", "mot-clé", "palabra clave",
]
VOLUME_ALIASES = ["volume", "search volume", "avg. monthly searches", "avg monthly searches",
                  "monthly searches", "searches", "sv", "volume range"]
DIFFICULTY_ALIASES = ["difficulty", "keyword difficulty", "kd", "kd%", "kd %", "seo difficulty",
                      "keyword difficulty index"]
CPC_ALIASES = ["cpc", "cpc (usd)", "cost per click", "avg. cpc", "avg cpc"]
TOOL_INTENTS = {"informational", "commercial", "navigational", "transactional", "branded", "local"}
SEMRUSH_INTENT_CODES = {"0": "commercial", "1": "informational", "2": "navigational",
                        "3": "transactional"}
GKP_BUCKETS = {0.0: (0.0, 0.0), 50.0: (10.0, 100.0), 500.0: (100.0, 1e3), 5000.0: (1e3, 1e4),
               50000.0: (1e4, 1e5), 500000.0: (1e5, 1e6)}
GKP_COMPETITION = {"low": 0.33, "medium": 0.66, "high": 1.0}
_MONTH = re.compile(r"^searches:\s*([a-z]{3})\w*\s+(\d{4})$")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def header_key(name: str) -> str:
    """Header cell as a lookup key: casefolded, single spaces, no BOM/quotes."""
    return " ".join(str(name).replace("\ufeff", "").strip().strip('"').casefold().split())


def is_keyword_header(cells: list[str], keyword_column: str | None = None) -> bool:
    """True when one of ``cells`` names a keyword column."""
    keys = {header_key(cell) for cell in cells}
    if keyword_column is not None:
        return header_key(keyword_column) in keys
    return any(alias in keys for alias in KEYWORD_ALIASES)


def detect_format(header: list[str], delimiter: str | None) -> str:
    """Fingerprint a header, most specific first (generic when nothing matches)."""
    keys = {header_key(cell) for cell in header}
    if "avg. monthly searches" in keys or any(_MONTH.match(k) for k in keys):
        return "gkp"
    if "parent keyword" in keys or ("#" in keys and "traffic potential" in keys):
        return "ahrefs"
    if _is_gsc(keys):
        return "gsc"
    semrush = {"seed keyword", "page type", "competitive density", "cpc (usd)",
               "keyword difficulty index", "trends"}
    if keys & semrush or (delimiter == ";" and "search volume" in keys and "intent" in keys):
        return "semrush"
    if keys & {"min volume", "max volume", "volume range"}:
        return "moz"
    return "generic"


def _is_gsc(keys: set[str]) -> bool:
    if "impressions" in keys and "position" in keys:
        return True
    return any(re.match(r"^(last|previous|current) .+ (clicks|impressions)$", k) for k in keys)


class Columns:
    """Look up a RawTable's columns by header alias."""

    def __init__(self, raw: RawTable, keyword_column: str | None = None):
        self.raw = raw
        self.keys = [header_key(cell) for cell in raw.header]
        self.keyword_column = keyword_column

    def index(self, *aliases: str) -> int | None:
        for alias in aliases:
            if alias in self.keys:
                return self.keys.index(alias)
        return None

    def get(self, *aliases: str) -> pd.Series | None:
        index = self.index(*aliases)
        return None if index is None else self.raw.rows[index]

    def matching(self, pattern: str) -> list[tuple[str, pd.Series]]:
        regex = re.compile(pattern)
        return [(k, self.raw.rows[i]) for i, k in enumerate(self.keys) if regex.match(k)]

    def keyword(self) -> pd.Series | None:
        if self.keyword_column is not None:
            return self.get(header_key(self.keyword_column))
        return self.get(*KEYWORD_ALIASES)


Mapped = dict[str, pd.Series]


def _base(cols: Columns) -> Mapped:
    return {S.KEYWORD_RAW: cols.keyword().str.strip()}


def _numeric(out: Mapped, column: str, cells: pd.Series | None) -> None:
    if cells is not None:
        out[column] = to_number(cells)


def _text(cells: pd.Series) -> pd.Series:
    cells = cells.str.strip()
    return cells.where(cells.ne(""), np.nan)


def volume_from_cells(cells: pd.Series) -> Mapped:
    """Volume with bounds: numbers as given, ranges as geometric means."""
    volume = to_number(cells)
    low, high = volume.copy(), volume.copy()
    bucket = pd.Series(False, index=cells.index)
    todo = volume.isna() & cells.str.strip().ne("")
    for index, text in cells[todo].items():
        bounds = parse_range(text)
        if bounds is not None:
            low[index], high[index] = bounds
            volume[index] = range_mid(*bounds)
            bucket[index] = True
    return {S.VOLUME: volume, S.VOLUME_LOW: low, S.VOLUME_HIGH: high, S.VOLUME_IS_BUCKET: bucket}


def volume_from_bounds(low: pd.Series, high: pd.Series) -> Mapped:
    """A Min/Max pair: geometric mean, flagged as a bucket when both are known."""
    mid = [range_mid(lo, hi) if lo == lo and hi == hi else np.nan for lo, hi in zip(low, high, strict=True)]
    volume = pd.Series(mid, index=low.index, dtype="float64").fillna(high).fillna(low)
    bucket = low.notna() & high.notna()
    return {S.VOLUME: volume, S.VOLUME_LOW: low, S.VOLUME_HIGH: high, S.VOLUME_IS_BUCKET: bucket}


def _gkp_buckets(out: Mapped) -> None:
    volume = out[S.VOLUME]
    known = volume.dropna()
    if known.empty or not known.isin(list(GKP_BUCKETS)).all() or known.max() < 50:
        return
    if out.get(S.TREND) is not None and out[S.TREND].notna().any():
        return
    bounds = volume.map(GKP_BUCKETS)
    has = bounds.notna()
    out[S.VOLUME_LOW] = pd.Series([b[0] if ok else np.nan for b, ok in zip(bounds, has, strict=True)],
                                  index=volume.index, dtype="float64")
    out[S.VOLUME_HIGH] = pd.Series([b[1] if ok else np.nan for b, ok in zip(bounds, has, strict=True)],
                                   index=volume.index, dtype="float64")
    out[S.VOLUME] = pd.Series(
        [range_mid(lo, hi) for lo, hi in zip(out[S.VOLUME_LOW], out[S.VOLUME_HIGH], strict=True)],
        index=volume.index, dtype="float64",
    ).where(has)
    out[S.VOLUME_IS_BUCKET] = has


def map_gkp(cols: Columns) -> Mapped:
    out = _base(cols)
    volume = cols.get("avg. monthly searches", *VOLUME_ALIASES)
    if volume is not None:
        out.update(volume_from_cells(volume))
    trend = _gkp_trend(cols)
    if trend is not None:
        out[S.TREND] = trend
    if volume is not None:
        _gkp_buckets(out)
    out[S.COMPETITION] = _gkp_competition(cols)
    out[S.CPC] = _midpoint(cols.get("top of page bid (low range)"),
                           cols.get("top of page bid (high range)"))
    parent = _gkp_concept(cols)
    if parent is not None:
        out[S.PARENT] = parent
    return out


def _gkp_trend(cols: Columns) -> pd.Series | None:
    months = []
    for key, cells in cols.matching(_MONTH.pattern):
        match = _MONTH.match(key)
        if match.group(1) in _MONTHS:
            months.append((int(match.group(2)), _MONTHS.index(match.group(1)), cells))
    if not months:
        return None
    series = [cells.str.strip() for _, _, cells in sorted(months, key=lambda m: m[:2])]
    empty = pd.concat([s.eq("") for s in series], axis=1).all(axis=1)
    joined = series[0].str.cat(series[1:], sep=";")
    return joined.where(~empty, np.nan)


def _gkp_competition(cols: Columns) -> pd.Series:
    indexed = cols.get("competition (indexed value)")
    label = cols.get("competition")
    n = len(cols.raw.rows)
    value = to_number(indexed) / 100 if indexed is not None else pd.Series(np.nan, index=range(n))
    if label is not None:
        value = value.fillna(label.str.strip().str.casefold().map(GKP_COMPETITION).astype("float64"))
    return value.astype("float64")


def _midpoint(low: pd.Series | None, high: pd.Series | None) -> pd.Series | None:
    parts = [to_number(s) for s in (low, high) if s is not None]
    if not parts:
        return None
    return pd.concat(parts, axis=1).mean(axis=1, skipna=True)


def _gkp_concept(cols: Columns) -> pd.Series | None:
    parent = None
    for _, cells in cols.matching(r"^concept:"):
        cells = cells.str.strip()
        if cells[cells.ne("")].nunique() <= 1:
            continue
        first = _text(cells.str.split(",").str[0])
        parent = first if parent is None else parent.fillna(first)
    if parent is None:
        return None
    filled = parent.notna()
    parent[filled] = normalize_series(parent[filled])
    return parent


def map_gsc(cols: Columns) -> Mapped:
    out = _base(cols)
    aliases = {S.CLICKS: ("clicks", "klicks", "clics"),
               S.IMPRESSIONS: ("impressions", "impressionen", "impresiones"),
               S.CTR: ("ctr",), S.POSITION: ("position", "posición", "posicion")}
    previous = {S.CLICKS: S.CLICKS_PREV, S.IMPRESSIONS: S.IMPRESSIONS_PREV, S.POSITION: S.POSITION_PREV}
    for column, names in aliases.items():
        current, prev = _gsc_pair(cols, names)
        parse = to_fraction if column == S.CTR else to_number
        if current is not None:
            out[column] = parse(current)
        if prev is not None and column in previous:
            out[previous[column]] = parse(prev)
    for column in (S.POSITION, S.POSITION_PREV):
        if column in out:
            out[column] = out[column].where(out[column] != 0)
    return out


def _gsc_pair(cols: Columns, names: tuple[str, ...]) -> tuple[pd.Series | None, pd.Series | None]:
    exact = cols.get(*names)
    if exact is not None:
        return exact, None
    pattern = r"^.+ (?:" + "|".join(re.escape(n) for n in names) + r")$"
    found = cols.matching(pattern)
    if not found:
        return None, None
    current = [c for k, c in found if k.startswith(("last", "current"))]
    previous = [c for k, c in found if k.startswith("previous")]
    first = current[0] if current else found[0][1]
    rest = previous or [c for _, c in found if c is not first]
    return first, (rest[0] if rest else None)


def _intents(cells: pd.Series) -> pd.Series:
    def convert(text: str) -> str | float:
        items = [item.strip().casefold() for item in text.split(",")]
        items = [SEMRUSH_INTENT_CODES.get(item, item) for item in items]
        kept = join_list([item for item in items if item in TOOL_INTENTS])
        return kept or np.nan

    cells = cells.str.strip()
    unique = {text: convert(text) for text in cells.unique() if text}
    return cells.map(unique).astype("str").where(cells.ne(""), np.nan)


def _lists(cells: pd.Series) -> pd.Series:
    cells = cells.str.strip()
    unique = {text: join_list(text.split(",")) or np.nan for text in cells.unique() if text}
    return cells.map(unique).astype("str").where(cells.ne(""), np.nan)


def _common(cols: Columns, out: Mapped) -> Mapped:
    """Metrics shared by Ahrefs, Semrush and generic files."""
    volume = cols.get(*VOLUME_ALIASES)
    if volume is not None:
        out.update(volume_from_cells(volume))
    _numeric(out, S.DIFFICULTY, cols.get(*DIFFICULTY_ALIASES))
    cpc = cols.get(*CPC_ALIASES)
    if cpc is None:
        cpc = next((c for _, c in cols.matching(r"^cpc \(.+\)$")), None)
    _numeric(out, S.CPC, cpc)
    return out


def map_ahrefs(cols: Columns) -> Mapped:
    out = _common(cols, _base(cols))
    _numeric(out, S.TRAFFIC_POTENTIAL, cols.get("traffic potential"))
    parent = cols.get("parent keyword")
    if parent is not None:
        parent = _text(parent)
        filled = parent.notna()
        parent[filled] = normalize_series(parent[filled])
        out[S.PARENT] = parent
    _lists_into(out, S.SERP_FEATURES, cols.get("serp features"))
    intents = cols.get("intents", "intent")
    if intents is not None:
        out[S.TOOL_INTENT] = _intents(intents)
    return out


def _lists_into(out: Mapped, column: str, cells: pd.Series | None) -> None:
    if cells is not None:
        out[column] = _lists(cells)


def map_semrush(cols: Columns) -> Mapped:
    out = _common(cols, _base(cols))
    _numeric(out, S.COMPETITION, cols.get("competitive density", "competition"))
    _lists_into(out, S.SERP_FEATURES, cols.get("serp features"))
    intents = cols.get("intent", "intents")
    if intents is not None:
        out[S.TOOL_INTENT] = _intents(intents)
    trend = cols.get("trend", "trends")
    if trend is not None:
        out[S.TREND] = _text(trend.str.replace(r"\s*,\s*", ";", regex=True))
    topic = cols.get("topic")
    if topic is not None:
        topic = _text(topic)
        filled = topic.notna()
        topic[filled] = normalize_series(topic[filled])
        out[S.PARENT] = topic
    return out


def map_moz(cols: Columns) -> Mapped:
    out = _base(cols)
    low, high = cols.get("min volume"), cols.get("max volume")
    if low is not None or high is not None:
        n = len(cols.raw.rows)
        low = to_number(low) if low is not None else pd.Series(np.nan, index=range(n))
        high = to_number(high) if high is not None else pd.Series(np.nan, index=range(n))
        out.update(volume_from_bounds(low, high))
    else:
        volume = cols.get("volume range", "volume", "monthly volume")
        if volume is not None:
            out.update(volume_from_cells(volume))
    _numeric(out, S.DIFFICULTY, cols.get("difficulty", "keyword difficulty"))
    return out


def map_generic(cols: Columns) -> Mapped:
    out = _common(cols, _base(cols))
    for column, names in ((S.CLICKS, ("clicks",)), (S.IMPRESSIONS, ("impressions",)),
                          (S.POSITION, ("position", "avg. position"))):
        _numeric(out, column, cols.get(*names))
    ctr = cols.get("ctr")
    if ctr is not None:
        out[S.CTR] = to_fraction(ctr)
    return out


def map_plain(cols: Columns) -> Mapped:
    return {S.KEYWORD_RAW: cols.raw.rows[0].str.strip()}


MAPPERS: dict[str, Callable[[Columns], Mapped]] = {
    "gkp": map_gkp, "gsc": map_gsc, "ahrefs": map_ahrefs, "semrush": map_semrush,
    "moz": map_moz, "generic": map_generic, "plain": map_plain,
}
