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
CSV_CHUNK_ROWS = 200_000  # rows per CSV slice; slices are written on all cores
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
        return pa.array(values, from_pandas=True)
    if hasattr(series.array, "__arrow_array__"):  # pandas' arrow-backed text: no conversion
        return pa.array(series.array).cast(pa.string())
    try:
        return pa.array(series.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects: write their str()
        text = series.astype(object)
        return pa.array(text.where(text.notna(), None).map(_as_text, na_action="ignore").tolist(),
                        type=pa.string())


def _as_text(value) -> str:
    return value if isinstance(value, str) else str(value)


def _workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _csv_body(table) -> bytes:
    """CSV rows of an arrow table (no header); pyarrow releases the GIL while writing."""
    import pyarrow.csv as pa_csv

    body = io.BytesIO()
    pa_csv.write_csv(table, body, pa_csv.WriteOptions(include_header=False, quoting_style="needed"))
    return body.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Deterministic UTF-8 CSV for ``frame`` (see the module docstring)."""
    import pyarrow as pa

    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in frame.columns])
    parts = [header.getvalue().encode("utf-8")]
    if not len(frame):
        return parts[0]
    table = pa.table({str(name): _arrow_column(frame[name]) for name in frame.columns})
    slices = [table.slice(start, CSV_CHUNK_ROWS) for start in range(0, len(table), CSV_CHUNK_ROWS)]
    if len(slices) == 1 or _workers() == 1:
        parts.extend(_csv_body(part) for part in slices)
    else:  # rows are independent: slices written in parallel, joined in order
        with ThreadPoolExecutor(max_workers=_workers()) as pool:
            parts.extend(pool.map(_csv_body, slices))
    return b"".join(parts)


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


def render_outputs(analysis, load_result) -> tuple[dict, dict[str, str]]:
    """(summary, {file name: bytes or text}) for every output file, rendered in memory."""
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
        pending = {name: pool.submit(csv_bytes, frame) for name, frame in tables.items()}
        texts = {
            schema.SUMMARY_JSON: json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
            schema.REPORT_MD: render_report(analysis, summary, rejected),
            schema.LONGTAIL_SVG: longtail_svg(analysis.opportunities, analysis.stats),
        }
        files = {name: future.result() for name, future in pending.items()}
    files.update(texts)
    return summary, files


def write_outputs(analysis, load_result, out_dir: Path | str) -> dict:
    """Write the seven output files into ``out_dir`` (all or none); return the summary."""
    summary, files = render_outputs(analysis, load_result)
    with fsutil.staged_dir(out_dir) as stage, ThreadPoolExecutor(max_workers=_workers()) as pool:
        writes = [
            pool.submit(fsutil.atomic_write_bytes, stage / name,
                        content if isinstance(content, bytes) else content.encode("utf-8"))
            for name, content in files.items()
        ]
        for write in writes:  # every write finishes (or raises) before the swap
            write.result()
    return summary
