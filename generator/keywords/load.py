"""Load keyword exports into one canonical, deduplicated table.

``load_exports`` reads every file (see :mod:`ingest` and :mod:`formats`),
normalises keywords, rejects unusable rows with a reason, and merges rows that
share a normalised keyword. Merge rule (also in the README):

- rows are kept in order of first appearance (files in the order given, rows in
  file order); ``source_line``, ``keyword_raw`` come from the first occurrence;
- ``volume`` is the maximum, with that row's ``volume_low``/``volume_high``/
  ``volume_is_bucket``;
- ``clicks``, ``impressions`` (and their ``*_prev``) are the maximum (two exports
  of one property overlap, so summing would double count);
- every other metric is the first non-missing value in input order;
- ``source``, ``source_format`` and ``tool_intent`` are unions in order of
  appearance, ``;``-joined.

Accounting: for every source and in total, ``rows_read == rows_kept +
rows_rejected``; a duplicate is rejected in the file where it recurs, so the
sum of ``rows_kept`` equals ``len(table)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from generator.errors import InputError
from generator.keywords import formats, ingest
from generator.keywords import schema as S
from generator.keywords.normalize import normalize_series, word_character_mask

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
FORMAT_CHOICES = ["auto", *S.FORMATS]
FLOAT_COLUMNS = [
    S.VOLUME, S.VOLUME_LOW, S.VOLUME_HIGH, S.DIFFICULTY, S.CPC, S.COMPETITION, S.CLICKS,
    S.IMPRESSIONS, S.CTR, S.POSITION, S.CLICKS_PREV, S.IMPRESSIONS_PREV, S.POSITION_PREV,
    S.TRAFFIC_POTENTIAL,
]
TEXT_COLUMNS = [S.KEYWORD, S.KEYWORD_RAW, S.TOOL_INTENT, S.PARENT, S.TREND, S.SERP_FEATURES,
                S.SOURCE, S.SOURCE_FORMAT]
MAX_COLUMNS = [S.CLICKS, S.IMPRESSIONS, S.CLICKS_PREV, S.IMPRESSIONS_PREV]
VOLUME_SET = [S.VOLUME, S.VOLUME_LOW, S.VOLUME_HIGH, S.VOLUME_IS_BUCKET]
UNION_COLUMNS = [S.SOURCE, S.SOURCE_FORMAT, S.TOOL_INTENT]
FIRST_COLUMNS = [c for c in S.CANONICAL_COLUMNS
                 if c not in {S.KEYWORD, S.KEYWORD_RAW, S.SOURCE_LINE, *MAX_COLUMNS, *VOLUME_SET,
                              *UNION_COLUMNS}]
GSC_UI_LIMIT = 1000
_ORDER = "_order"
_KEY = "_key"  # integer code of the normalised keyword (fast grouping)


@dataclass
class SourceStats:
    path: str
    format: str
    encoding: str
    delimiter: str | None
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    table: pd.DataFrame
    rejected: pd.DataFrame
    sources: list[SourceStats]

    @property
    def rows_read(self) -> int:
        return sum(s.rows_read for s in self.sources)

    @property
    def rows_kept(self) -> int:
        return sum(s.rows_kept for s in self.sources)

    @property
    def rows_rejected(self) -> int:
        return sum(s.rows_rejected for s in self.sources)

    @property
    def warnings(self) -> list[str]:
        return [w for s in self.sources for w in s.warnings]


def discover_inputs(keywords_dir: Path | str) -> list[Path]:
    """Export files at the top level of ``keywords_dir`` (sorted; not analysis/)."""
    folder = Path(keywords_dir)
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES and not p.name.startswith(".")
    )


def check_format(fmt: str) -> None:
    """Raise InputError for an unknown ``--format`` value."""
    if fmt not in FORMAT_CHOICES:
        raise InputError(f"unknown --format '{fmt}'; choose one of: {', '.join(FORMAT_CHOICES)}")


def load_exports(
    paths: Iterable[Path | str],
    fmt: str = "auto",
    keyword_column: str | None = None,
    max_keyword_length: int = 200,
    on_progress: Callable[[Path, int, int], None] | None = None,
) -> LoadResult:
    """Read, normalise, account for and merge keyword exports."""
    check_format(fmt)
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no keyword exports given; pass PATH... or add exports to keywords/")
    frames, sources = [], []
    for done, path in enumerate(paths, start=1):
        frame, stats = read_source(path, fmt, keyword_column)
        frames.append(frame)
        sources.append(stats)
        if on_progress is not None:
            on_progress(path, done, len(paths))
    rows = pd.concat(frames, ignore_index=True)
    rows[_ORDER] = np.arange(len(rows))
    table, rejected, rejected_mask = account_and_merge(rows, max_keyword_length)
    _fill_stats(sources, rejected_mask)
    return LoadResult(table, rejected, sources)


# --- one source ---------------------------------------------------------------------


def read_source(path: Path, fmt: str, keyword_column: str | None) -> tuple[pd.DataFrame, SourceStats]:
    """One export as canonical rows (unnormalised) plus its stats."""
    raw = read_raw(path, fmt, keyword_column)
    detected = fmt if fmt != "auto" else _auto_format(raw)
    cols = formats.Columns(raw, keyword_column)
    if detected != "plain" and cols.keyword() is None:
        raise _no_keyword_column(path, raw.header)
    mapped = formats.MAPPERS[detected](cols)
    frame = canonical_rows(mapped, len(raw.rows))
    frame[S.SOURCE] = str(path)
    frame[S.SOURCE_FORMAT] = detected
    frame[S.SOURCE_LINE] = raw.lines
    stats = SourceStats(str(path), detected, raw.encoding, raw.delimiter, rows_read=len(frame))
    stats.warnings.extend(source_warnings(path, detected, frame, mapped))
    return frame, stats


def _auto_format(raw: ingest.RawTable) -> str:
    if raw.delimiter is None and raw.header == [ingest.PLAIN_COLUMN] and not raw.preamble:
        return "plain"
    return formats.detect_format(raw.header, raw.delimiter)


def read_raw(path: Path, fmt: str, keyword_column: str | None) -> ingest.RawTable:
    """Decode and split one file; the header is found by keyword alias."""
    data = ingest.read_bytes(path)
    def is_header(cells: list[str]) -> bool:
        return formats.is_keyword_header(cells, keyword_column)
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, is_header)
    text, encoding = ingest.decode_bytes(data, path)
    txt_list = fmt == "auto" and path.suffix.lower() == ".txt" and keyword_column is None
    if fmt == "plain" or txt_list:
        table = _read_txt(text, encoding, path, is_header, force_plain=fmt == "plain")
        if table is not None:
            return table
    lines = ingest.head_lines(text)
    found = ingest.find_header(lines, is_header)
    if found is None:
        first = ingest.first_content_line(lines)
        delimiter = ingest.best_delimiter(first) or ","
        raise _no_keyword_column(path, ingest.split_cells(first, delimiter))
    return ingest.parse_delimited(text, found[0], found[1], encoding, path)


def _read_txt(text: str, encoding: str, path: Path, is_header, force_plain: bool):
    """A .txt list: tabular only when its first line is a multi-column header."""
    lines = ingest.head_lines(text, 1)
    first = lines[0][1] if lines else ""
    delimiter = ingest.best_delimiter(first, is_header)
    if delimiter is not None and len(ingest.split_cells(first, delimiter)) > 1 and not force_plain:
        return None
    table = ingest.parse_plain(text, encoding, path)
    if formats.header_key(table.rows[0].iloc[0]) in formats.KEYWORD_ALIASES:
        if len(table.rows) == 1:
            raise InputError(
                f"{path}: no data rows below the header (line {table.lines[0]}); "
                "export again with the keywords included"
            )
        table = ingest.RawTable(table.header, table.rows.iloc[1:].reset_index(drop=True),
                                table.lines[1:], encoding, None)
    return table


def _read_xlsx(path: Path, is_header) -> ingest.RawTable:
    cells = ingest.read_xlsx_cells(path)
    for index, row in enumerate(cells[: ingest.HEADER_SEARCH_LINES]):
        if is_header(row):
            table = ingest.table_from_cells(cells, index, "xlsx")
            if table.rows.empty:
                raise InputError(
                    f"{path}: no data rows below the header (line {index + 1}); "
                    "export again with the keywords included"
                )
            return table
    if not any(any(c for c in row) for row in cells):
        raise InputError(f"{path}: the file is empty; export the keywords again")
    first = next(row for row in cells if any(c for c in row))
    raise _no_keyword_column(path, first)


def _no_keyword_column(path: Path, found: list[str]) -> InputError:
    shown = ", ".join(cell for cell in found if cell) or "(nothing)"
    accepted = ", ".join(formats.KEYWORD_ALIASES[:11])
    suggestion = next((cell for cell in found if cell), "NAME")
    return InputError(
        f"{path}: no keyword column. Found: {shown}. Accepted names: {accepted}. "
        f'Use --keyword-column "{suggestion}" or --format.'
    )


def canonical_rows(mapped: dict[str, pd.Series], n: int) -> pd.DataFrame:
    """A frame with every canonical column (missing ones as NaN / False)."""
    index = pd.RangeIndex(n)
    no_text = None  # one all-missing text array, shared by the absent text columns (immutable)
    columns = {}
    for column in S.CANONICAL_COLUMNS:
        if column in mapped:
            columns[column] = mapped[column].reset_index(drop=True)
        elif column == S.VOLUME_IS_BUCKET:
            columns[column] = np.zeros(n, dtype=bool)
        elif column in FLOAT_COLUMNS:
            columns[column] = np.full(n, np.nan)
        else:
            if no_text is None:
                no_text = pd.Series(np.nan, index=index, dtype="str").array
            columns[column] = no_text
    frame = pd.DataFrame(columns, index=index)
    frame[S.KEYWORD_RAW] = frame[S.KEYWORD_RAW].fillna("")
    frame[S.VOLUME_IS_BUCKET] = frame[S.VOLUME_IS_BUCKET].fillna(False).astype(bool)
    return frame


def source_warnings(path: Path, fmt: str, frame: pd.DataFrame, mapped: dict) -> list[str]:
    """GSC row cap, all-bucket volumes, mostly missing difficulty."""
    out = []
    if fmt == "gsc" and len(frame) == GSC_UI_LIMIT:
        out.append(f"{path}: exactly 1,000 rows, the Search Console export limit; "
                   "the list is probably truncated (export via the API for more)")
    known = frame[S.VOLUME].notna()
    if known.any() and frame.loc[known, S.VOLUME_IS_BUCKET].all():
        out.append(f"{path}: every volume is a bucket or range; volumes are approximate "
                   "(geometric mean of the bounds)")
    if S.DIFFICULTY in mapped and len(frame):
        missing = int(frame[S.DIFFICULTY].isna().sum())
        if missing > len(frame) / 2:
            out.append(f"{path}: difficulty missing in {missing:,} of {len(frame):,} rows; "
                       "it is imputed for scoring, never read as 0")
    return out


# --- accounting and merge --------------------------------------------------------------


def account_and_merge(rows: pd.DataFrame, max_len: int) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Normalise, reject with reasons, and merge duplicates."""
    rows[S.KEYWORD] = normalize_series(rows[S.KEYWORD_RAW].astype("str"))
    rows[_KEY] = pd.factorize(rows[S.KEYWORD])[0]
    reason = reject_reasons(rows, max_len)
    valid = rows[reason.isna()]
    dup = valid[_KEY].duplicated(keep="first")
    reason[dup[dup].index] = "duplicate of '" + valid.loc[dup, S.KEYWORD] + "' merged"
    rejected = pd.DataFrame({
        S.REJECT_SOURCE: rows[S.SOURCE], S.REJECT_LINE: rows[S.SOURCE_LINE],
        S.REJECT_KEYWORD: rows[S.KEYWORD_RAW], S.REJECT_REASON: reason,
    })[reason.notna()].reset_index(drop=True)
    return merge_rows(valid), rejected, reason.notna().to_numpy()


def reject_reasons(rows: pd.DataFrame, max_len: int) -> pd.Series:
    """Reason per row (NaN = usable): blank, no word characters, too long."""
    reason = pd.Series(np.nan, index=rows.index, dtype="str")
    norm = rows[S.KEYWORD]
    blank = rows[S.KEYWORD_RAW].str.strip().eq("")
    reason[blank] = "blank"
    wordless = ~blank & ~word_character_mask(norm)
    reason[wordless] = "no word characters"
    too_long = reason.isna() & norm.str.len().gt(max_len)
    reason[too_long] = f"longer than {max_len} characters"
    return reason


def merge_rows(valid: pd.DataFrame) -> pd.DataFrame:
    """One row per keyword, by the documented merge rule (groupby on repeats only)."""
    repeated_mask = valid[_KEY].duplicated(keep=False)
    parts = [valid[~repeated_mask]]
    if repeated_mask.any():
        parts.append(_merge_repeats(valid[repeated_mask]))
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if not table[_ORDER].is_monotonic_increasing:  # no repeats: already in input order
        table = table.sort_values(_ORDER, kind="stable")
    return _set_dtypes(table[S.CANONICAL_COLUMNS].reset_index(drop=True))  # copy-on-write: no copy


def _merge_repeats(repeated: pd.DataFrame) -> pd.DataFrame:
    """One merged row per repeated keyword, keeping the first row's order key."""
    key = _KEY
    groups = repeated.groupby(key, sort=False)
    merged = groups[[S.KEYWORD, S.KEYWORD_RAW, S.SOURCE_LINE, _ORDER, *UNION_COLUMNS]].first()
    merged[FIRST_COLUMNS] = groups[FIRST_COLUMNS].first()
    merged[MAX_COLUMNS] = groups[MAX_COLUMNS].max()
    by_volume = repeated.sort_values([S.VOLUME, _ORDER], ascending=[False, True], na_position="last")
    merged[VOLUME_SET] = by_volume.drop_duplicates(key).set_index(key)[VOLUME_SET]
    for column in UNION_COLUMNS:
        unions = _union(repeated, column)
        if not unions.empty:
            merged[column] = merged[column].astype(object)
            merged.loc[unions.index, column] = unions
    return merged.reset_index()


def _union(repeated: pd.DataFrame, column: str) -> pd.Series:
    """``;``-joined distinct items per keyword, in order of appearance."""
    pairs = repeated[[_KEY, column]].dropna().drop_duplicates()
    pairs = pairs[pairs[_KEY].duplicated(keep=False) | pairs[column].str.contains(";")]
    items = pairs[column].str.split(";").explode()
    keys = pairs[_KEY].loc[items.index]
    flat = pd.DataFrame({"k": keys.to_numpy(), "v": items.to_numpy()}).dropna().drop_duplicates()
    joined: dict[int, list[str]] = {}
    for keyword, item in zip(flat["k"].tolist(), flat["v"].tolist(), strict=True):
        if item:
            joined.setdefault(keyword, []).append(item)
    return pd.Series({k: ";".join(v) for k, v in joined.items()}, dtype=object)


def _set_dtypes(table: pd.DataFrame) -> pd.DataFrame:
    for column in FLOAT_COLUMNS:
        table[column] = table[column].astype("float64")
    for column in TEXT_COLUMNS:
        table[column] = table[column].astype("str")
    table[S.VOLUME_IS_BUCKET] = table[S.VOLUME_IS_BUCKET].fillna(False).astype(bool)
    table[S.SOURCE_LINE] = table[S.SOURCE_LINE].astype("int64")
    return table


def _fill_stats(sources: list[SourceStats], rejected_mask: np.ndarray) -> None:
    """Per-source counts by row position (a file given twice is two sources)."""
    offset = 0
    for stats in sources:
        stats.rows_rejected = int(rejected_mask[offset: offset + stats.rows_read].sum())
        stats.rows_kept = stats.rows_read - stats.rows_rejected
        offset += stats.rows_read
