"""Head, torso and tail by cumulative volume share, and the long-tail flag.

*Demand* is a keyword's monthly volume, or its Search Console impressions
when the volume is unknown (a Search Console export has no volume); a keyword
with neither has unknown demand.

Segments: sort by demand, highest first (ties by keyword); a keyword is
``head`` while the share of total demand *before* it is under the first cut
(default 50 %), ``torso`` while under the second cut (80 %), ``tail`` after.
Keywords with unknown demand are ``tail``, and when the total demand is 0
every keyword is ``tail``. When equal demands (typically Keyword Planner
buckets) straddle a cut, which side a keyword lands on depends only on the
keyword tie-break: the split is then flagged ``approximate``.

Long tail (``long_tail``): at least ``tail_words`` words (default 3), or demand
at or below ``tail_volume`` (default: the highest demand in the tail segment).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from generator.keywords import schema

SEGMENTS = ("head", "torso", "tail")


def demand(table: pd.DataFrame) -> np.ndarray:
    """Volume, else impressions, else NaN (float array aligned with ``table``)."""
    volume = pd.to_numeric(table[schema.VOLUME], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    impressions = pd.to_numeric(table[schema.IMPRESSIONS], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    return np.where(np.isnan(volume), impressions, volume)


def demand_order(values: np.ndarray, keyword_rank: np.ndarray) -> np.ndarray:
    """Row positions by demand descending (unknown last), ties by keyword rank."""
    key = np.where(np.isnan(values), np.inf, -values)
    return np.lexsort((keyword_rank, key))


def segment_codes(values: np.ndarray, order: np.ndarray, cuts=(0.5, 0.8)) -> np.ndarray:
    """0 (head), 1 (torso) or 2 (tail) per row; ``order`` from :func:`demand_order`."""
    sorted_values = np.nan_to_num(values[order], nan=0.0)
    total = sorted_values.sum()
    codes = np.full(len(values), 2, dtype=np.int8)
    if total <= 0:
        return codes
    before = (np.cumsum(sorted_values) - sorted_values) / total
    in_order = np.where(before < cuts[0], 0, np.where(before < cuts[1], 1, 2)).astype(np.int8)
    in_order[np.isnan(values[order])] = 2
    codes[order] = in_order
    return codes


def tail_threshold(values: np.ndarray, codes: np.ndarray, tail_volume: float | None) -> float:
    """The demand at or below which a keyword is long tail (NaN: no volume rule)."""
    if tail_volume is not None:
        return float(tail_volume)
    tail = values[(codes == 2) & ~np.isnan(values)]
    return float(tail.max()) if len(tail) else float("nan")


def long_tail_flags(values: np.ndarray, words: np.ndarray, threshold: float, tail_words: int):
    """True where words >= ``tail_words`` or demand <= ``threshold``."""
    with np.errstate(invalid="ignore"):
        low = (values <= threshold) if not np.isnan(threshold) else np.zeros(len(values), bool)
    return (words >= tail_words) | low


def is_approximate(values: np.ndarray, order: np.ndarray, codes: np.ndarray) -> bool:
    """True when equal known demands fall on both sides of a segment boundary."""
    v, c = values[order], codes[order]
    known = ~np.isnan(v[:-1]) & ~np.isnan(v[1:])
    return bool(np.any(known & (v[:-1] == v[1:]) & (c[:-1] != c[1:])))


def _share(part: float, total: float) -> float:
    return round(part / total, 4) if total else 0.0


def segment_stats(values: np.ndarray, codes: np.ndarray) -> dict:
    """Per segment: keywords, demand, min/max demand and shares of the whole."""
    known = np.nan_to_num(values, nan=0.0)
    total_kw, total_vol = len(values), float(known.sum())
    stats = {}
    for code, name in enumerate(SEGMENTS):
        mask = codes == code
        vals = values[mask & ~np.isnan(values)]
        stats[name] = {
            "keywords": int(mask.sum()),
            "volume": round(float(known[mask].sum()), 2),
            "min_volume": round(float(vals.min()), 2) if len(vals) else None,
            "max_volume": round(float(vals.max()), 2) if len(vals) else None,
            "share_keywords": _share(int(mask.sum()), total_kw),
            "share_volume": _share(float(known[mask].sum()), total_vol),
        }
    return stats


def long_tail_stats(values: np.ndarray, flags: np.ndarray, threshold: float, tail_words: int) -> dict:
    """Long-tail keyword count, its shares of keywords and demand, and the definition used."""
    known = np.nan_to_num(values, nan=0.0)
    rule = f"{tail_words}+ words"
    if not np.isnan(threshold):
        rule += f" or volume <= {threshold:,.0f}" if threshold >= 10 else f" or volume <= {threshold:g}"
    return {
        "keywords": int(flags.sum()),
        "share_keywords": _share(int(flags.sum()), len(values)),
        "share_volume": _share(float(known[flags].sum()), float(known.sum())),
        "tail_volume": None if np.isnan(threshold) else round(threshold, 2),
        "definition": rule,
    }
