"""Write an analysis to its output folder, all files or none.

Every file is rendered in memory first, then written into a staging folder
and swapped in (:func:`generator.fsutil.staged_dir`). CSVs are UTF-8 with
``\\n`` line ends, booleans as ``true``/``false``, missing values empty,
floats rounded to 6 decimals and written without a trailing ``.0``, text
cells in double quotes (pyarrow's fast writer; any CSV reader reads them).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from generator import fsutil
from generator.keywords import schema

FLOAT_DECIMALS = 6
WHOLE_LIMIT = 1e9  # floats below this that are whole numbers are written as integers
CSV_CHUNK_ROWS = 200_000  # rows per CSV slice; slices are written on all cores
CSV_BATCH_ROWS = 8192  # pyarrow's rows per formatting batch (its default 1024 is slower)
SOURCE_KEYS = ("path", "format", "encoding", "rows_read", "rows_kept", "rows_rejected", "warnings")


def _is_bool_column(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series.dtype):
        return True
    if series.dtype != object:
        return False
    values = series.dropna()
    return len(values) > 0 and all(isinstance(v, bool | np.bool_) for v in values)


def _arrow_column(series: pd.Series):
    import pyarrow as pa

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        names = pa.array([str(c) for c in series.cat.categories], type=pa.string())
        indices = pa.array(codes.astype(np.int32), mask=codes < 0)
        return pa.DictionaryArray.from_arrays(indices, names).cast(pa.string())
    if series.dtype == np.dtype(bool):  # numpy bools: no NA, no Python objects
        return pa.array(series.to_numpy(), type=pa.bool_())
    if _is_bool_column(series):
        return pa.array(series.astype(object).where(series.notna(), None).tolist(), type=pa.bool_())
    if pd.api.types.is_integer_dtype(series.dtype) and not isinstance(series.dtype, pd.ArrowDtype):
        return pa.array(series.to_numpy(dtype="int64", na_value=0), mask=series.isna().to_numpy())
    if pd.api.types.is_float_dtype(series.dtype):
        values = np.round(series.to_numpy(dtype=float, na_value=np.nan), FLOAT_DECIMALS)
        missing = np.isnan(values)
        if _small_whole(values, missing):  # same text as the floats, written faster
            return pa.array(np.where(missing, 0, values).astype(np.int64), mask=missing)
        return pa.array(values, from_pandas=True)
    if hasattr(series.array, "__arrow_array__"):  # pandas' arrow-backed text: no conversion
        return pa.array(series.array).cast(pa.string())
    try:
        return pa.array(series.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects: write their str()
        text = series.astype(object)
        return pa.array(text.where(text.notna(), None).map(_as_text, na_action="ignore").tolist(),
                        type=pa.string())


def _small_whole(values: np.ndarray, missing: np.ndarray) -> bool:
    """True when every known value is a whole number below 1e9 in size and none is -0.0.

    pyarrow writes such floats exactly like integers ("100", not "1e+02").
    """
    known = values[~missing]
    if not len(known) or np.abs(known).max() >= WHOLE_LIMIT:
        return False
    return bool((np.floor(known) == known).all() and not np.signbit(known[known == 0]).any())


def _as_text(value) -> str:
    return value if isinstance(value, str) else str(value)


def _workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _csv_body(table):
    """CSV rows of an arrow table (no header) as an arrow buffer; pyarrow releases the GIL."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    out = pa.BufferOutputStream()
    pa_csv.write_csv(table, out, pa_csv.WriteOptions(include_header=False, quoting_style="needed",
                                                     batch_size=CSV_BATCH_ROWS))
    return out.getvalue()


def _csv_parts(frame: pd.DataFrame) -> list:
    """The CSV of ``frame`` as consecutive byte chunks (header first), rows written on all cores."""
    import pyarrow as pa

    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in frame.columns])
    parts = [header.getvalue().encode("utf-8")]
    if not len(frame):
        return parts
    if len(frame) >= CSV_CHUNK_ROWS and _workers() > 1:  # numpy and pyarrow convert without the GIL
        with ThreadPoolExecutor(max_workers=_workers()) as pool:
            columns = list(pool.map(_arrow_column, (frame[name] for name in frame.columns)))
    else:
        columns = [_arrow_column(frame[name]) for name in frame.columns]
    table = pa.table({  # all-missing columns as nulls: same empty cells, written faster
        str(name): pa.nulls(len(frame)) if column.null_count == len(frame) else column
        for name, column in zip(frame.columns, columns, strict=True)
    })
    slices = [table.slice(start, CSV_CHUNK_ROWS) for start in range(0, len(table), CSV_CHUNK_ROWS)]
    if len(slices) == 1 or _workers() == 1:
        parts.extend(_csv_body(part) for part in slices)
    else:  # rows are independent: slices written in parallel, kept in order
        with ThreadPoolExecutor(max_workers=_workers()) as pool:
            parts.extend(pool.map(_csv_body, slices))
    return parts


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Deterministic UTF-8 CSV for ``frame`` (see the module docstring)."""
    return b"".join(_csv_parts(frame))


def _copy_into(target: np.ndarray, part, offset: int) -> None:
    chunk = np.frombuffer(part, dtype=np.uint8)
    target[offset: offset + len(chunk)] = chunk  # numpy copies without the GIL


def _joined(parts: list) -> bytes | memoryview:
    """The chunks as one contiguous buffer, copied on all cores (large CSVs)."""
    if len(parts) <= 2:
        return b"".join(parts)
    sizes = [memoryview(part).nbytes for part in parts]
    offsets = np.cumsum([0, *sizes]).tolist()
    target = np.empty(offsets[-1], dtype=np.uint8)
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        list(pool.map(_copy_into, [target] * len(parts), parts, offsets[:-1]))
    return memoryview(target)


def _csv_buffer(frame: pd.DataFrame) -> bytes | memoryview:
    return _joined(_csv_parts(frame))


def _round(value):
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return _round(float(value))
    return value


def _source_dict(source) -> dict:
    return {key: getattr(source, key) for key in SOURCE_KEYS}


def build_summary(analysis, load_result) -> dict:
    """summary.json content: counts, sources, segments, long tail, clusters, settings."""
    sources = list(getattr(load_result, "sources", []) or [])
    kept = len(analysis.opportunities)
    rows_read = sum(s.rows_read for s in sources) if sources else kept
    rows_rejected = sum(s.rows_rejected for s in sources) if sources else 0
    stats = analysis.stats
    summary = {
        "rows_read": rows_read,
        "rows_kept": sum(s.rows_kept for s in sources) if sources else kept,
        "rows_rejected": rows_rejected,
        "keywords": kept,
        "keywords_total_volume": stats.get("keywords_total_volume"),
        "sources": [_source_dict(s) for s in sources],
        "segments": stats.get("segments", {}),
        "segments_approximate": stats.get("segments_approximate", False),
        "long_tail": stats.get("long_tail", {}),
        "clusters": stats.get("clusters", len(analysis.clusters)),
        "ngrams": len(analysis.ngrams),
        "settings": stats.get("settings", {}),
    }
    return _round(summary)


def _rejected(load_result) -> pd.DataFrame:
    rejected = getattr(load_result, "rejected", None)
    if rejected is None:
        return pd.DataFrame(columns=schema.REJECTED_COLUMNS)
    return rejected[schema.REJECTED_COLUMNS]


def _render(analysis, load_result) -> tuple[dict, dict]:
    """Like :func:`render_outputs`, but a large CSV may be a memoryview (no extra copy)."""
    from generator.keywords.chart import longtail_svg
    from generator.keywords.report import render_report

    summary = build_summary(analysis, load_result)
    rejected = _rejected(load_result)
    tables = {
        schema.OPPORTUNITIES_CSV: analysis.opportunities,
        schema.CLUSTERS_CSV: analysis.clusters,
        schema.NGRAMS_CSV: analysis.ngrams,
        schema.REJECTED_CSV: rejected,
    }
    with ThreadPoolExecutor(max_workers=_workers()) as pool:  # CSVs on other cores, text here
        pending = {name: pool.submit(_csv_buffer, frame) for name, frame in tables.items()}
        texts = {
            schema.SUMMARY_JSON: json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
            schema.REPORT_MD: render_report(analysis, summary, rejected),
            schema.LONGTAIL_SVG: longtail_svg(analysis.opportunities, analysis.stats),
        }
        files = {name: future.result() for name, future in pending.items()}
    files.update(texts)
    return summary, files


def render_outputs(analysis, load_result) -> tuple[dict, dict[str, str]]:
    """(summary, {file name: bytes or text}) for every output file, rendered in memory."""
    summary, files = _render(analysis, load_result)
    return summary, {name: bytes(v) if isinstance(v, memoryview) else v for name, v in files.items()}


def _write_file(path: Path, content) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    fsutil.atomic_write_bytes(path, data)


def write_outputs(analysis, load_result, out_dir: Path | str) -> dict:
    """Write the seven output files into ``out_dir`` (all or none); return the summary."""
    summary, files = _render(analysis, load_result)
    with fsutil.staged_dir(out_dir) as stage, ThreadPoolExecutor(max_workers=_workers()) as pool:
        writes = [pool.submit(_write_file, stage / name, content) for name, content in files.items()]
        for write in writes:  # every write finishes (or raises) before the swap
            write.result()
    return summary
