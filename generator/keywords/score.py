"""The opportunity score (0-100, higher = better) and its breakdown.

See :data:`SCORE_FORMULA_MD` for the formula as documented in the README.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from generator.keywords import intent as intent_mod
from generator.keywords import schema

WEIGHTS = {
    schema.SCORE_VALUE: 0.50,
    schema.SCORE_SPECIFICITY: 0.15,
    schema.SCORE_INTENT: 0.15,
    schema.SCORE_STRIKING: 0.12,
    schema.SCORE_CTR_GAP: 0.08,
}
INTENT_WEIGHTS = {
    "transactional": 1.0, "commercial": 0.9, "comparison": 0.8, "howto": 0.7,
    "question": 0.6, "audience": 0.5, "informational": 0.4, "year": 0.3, "local": 0.3,
}
# Expected click-through rate by position (linear between points, flat beyond the ends).
CTR_CURVE = ((1, 0.28), (2, 0.15), (3, 0.11), (4, 0.08), (5, 0.065), (6, 0.05), (7, 0.04),
             (8, 0.032), (9, 0.028), (10, 0.025), (20, 0.01), (50, 0.002))
DIFFICULTY_OFFSET = 10.0
SPECIFICITY_CAP = 5  # words; 1 word -> 0, 5+ words -> 1

SCORE_FORMULA_MD = """\
**Opportunity score** (0-100, higher = better). Five terms, each scaled to 0-1, weighted and
summed, then rescaled so the best keyword of the list scores 100; the five `score_*` columns
are the weighted terms in score points, so they add up to `score` (up to rounding).

| Column | Weight | Term (0-1) |
|---|---|---|
| `score_value` | 0.50 | KOB-style value-to-difficulty: `log1p(demand) × (1 + log1p(cpc)) / (difficulty + 10)`, divided by its maximum over the list. Demand = volume, else Search Console impressions; unknown CPC counts as 0 (factor 1). Higher volume and CPC raise it, higher difficulty lowers it |
| `score_specificity` | 0.15 | `(min(words, 5) − 1) / 4`: 1 word → 0, 5+ words → 1 |
| `score_intent` | 0.15 | the highest intent weight among the keyword's labels: transactional 1.0, commercial 0.9, comparison 0.8, howto 0.7, question 0.6, audience 0.5, informational 0.4, year 0.3, local 0.3, none 0 |
| `score_striking` | 0.12 | Search Console striking distance: position within the window (default 4-20) with impressions > 0 → `log1p(impressions) / log1p(max impressions in the window)`, else 0 |
| `score_ctr_gap` | 0.08 | Search Console CTR gap: `impressions × max(0, expected_ctr(position) − ctr)`, as `log1p(gap) / log1p(max gap)`. Expected CTR: 28 % at position 1, 15 % at 2, 11 % at 3, 8 % at 4, 6.5 % at 5, 5 % at 6, 4 % at 7, 3.2 % at 8, 2.8 % at 9, 2.5 % at 10, 1 % at 20, 0.2 % at 50 and beyond (linear in between). CTR missing → clicks / impressions |

Missing difficulty is never read as 0: it is imputed with the median known difficulty of the
keyword's cluster, else of the whole list, else from the word count (`max(10, 70 − 12 × (words − 1))`),
and flagged in `difficulty_imputed`; `difficulty_used` holds the value used.
"""


def numeric(table: pd.DataFrame, column: str) -> np.ndarray:
    """A column as a float array (NaN = unknown)."""
    return pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def impute_difficulty(difficulty: np.ndarray, clusters: np.ndarray, words: np.ndarray):
    """(difficulty used, imputed flag): cluster median, else global median, else word prior."""
    missing = np.isnan(difficulty)
    used = difficulty.copy()
    if not missing.any():
        return used, missing
    medians = pd.Series(difficulty).groupby(clusters).median()
    used[missing] = medians.reindex(clusters[missing]).to_numpy(dtype=float)
    known = difficulty[~missing]
    still = np.isnan(used)
    if known.size:
        used[still] = float(np.median(known))
    else:
        used[still] = np.maximum(10.0, 70.0 - 12.0 * (words[still] - 1))
    return used, missing


def value_term(demand: np.ndarray, cpc: np.ndarray, difficulty_used: np.ndarray) -> np.ndarray:
    """KOB-style benefit over opposition, 0-1 (1 = best of the list)."""
    benefit = np.log1p(np.nan_to_num(demand, nan=0.0).clip(0)) * (
        1 + np.log1p(np.nan_to_num(cpc, nan=0.0).clip(0))
    )
    raw = benefit / (difficulty_used.clip(0, 100) + DIFFICULTY_OFFSET)
    return _scale_to_max(raw)


def _scale_to_max(values: np.ndarray) -> np.ndarray:
    top = values.max(initial=0.0)
    return values / top if top > 0 else np.zeros_like(values)


def specificity_term(words: np.ndarray) -> np.ndarray:
    return (np.clip(words, 1, SPECIFICITY_CAP) - 1) / (SPECIFICITY_CAP - 1)


def intent_term(intent: pd.Series) -> np.ndarray:
    """Highest intent weight among each keyword's labels."""
    codes, uniques = intent_mod._text_codes(intent)
    best = np.array(
        [max((INTENT_WEIGHTS.get(lab, 0.0) for lab in intent_mod._split_labels(u)), default=0.0)
         for u in uniques], dtype=float,
    )
    return best[codes] if len(codes) else np.zeros(0)


def expected_ctr(position: np.ndarray) -> np.ndarray:
    xs, ys = zip(*CTR_CURVE, strict=True)
    return np.interp(position, xs, ys)


def striking_term(position: np.ndarray, impressions: np.ndarray, window=(4, 20)) -> np.ndarray:
    """log1p(impressions) scaled to the best, for positions inside ``window``."""
    impressions = np.nan_to_num(impressions, nan=0.0)
    with np.errstate(invalid="ignore"):
        inside = (position >= window[0]) & (position <= window[1]) & (impressions > 0)
    return _scale_to_max(np.where(inside, np.log1p(impressions), 0.0))


def ctr_gap_term(position, impressions, ctr, clicks) -> np.ndarray:
    """log1p(impressions × (expected CTR − CTR)) scaled to the best; 0 without position data."""
    impressions = np.nan_to_num(impressions, nan=0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ctr = np.where(np.isnan(ctr), clicks / impressions, ctr)
    gap = impressions * np.clip(expected_ctr(position) - np.nan_to_num(ctr, nan=0.0), 0, None)
    gap = np.where(np.isnan(position) | (impressions <= 0), 0.0, gap)
    return _scale_to_max(np.log1p(gap))


def score_table(table: pd.DataFrame, demand, words, intent, clusters, window=(4, 20)) -> pd.DataFrame:
    """Score columns (plus DIFFICULTY_USED and DIFFICULTY_IMPUTED) for ``table``'s rows."""
    used, imputed = impute_difficulty(numeric(table, schema.DIFFICULTY), clusters, words)
    position, impressions = numeric(table, schema.POSITION), numeric(table, schema.IMPRESSIONS)
    terms = {
        schema.SCORE_VALUE: value_term(demand, numeric(table, schema.CPC), used),
        schema.SCORE_SPECIFICITY: specificity_term(words),
        schema.SCORE_INTENT: intent_term(intent),
        schema.SCORE_STRIKING: striking_term(position, impressions, window),
        schema.SCORE_CTR_GAP: ctr_gap_term(position, impressions, numeric(table, schema.CTR),
                                           numeric(table, schema.CLICKS)),
    }
    raw = sum(WEIGHTS[name] * term for name, term in terms.items())
    top = raw.max(initial=0.0) if len(raw) else 0.0
    factor = 100.0 / top if top > 0 else 0.0
    out = {name: np.round(WEIGHTS[name] * term * factor, 2) for name, term in terms.items()}
    out[schema.SCORE] = np.round(raw * factor, 2)
    out[schema.DIFFICULTY_USED] = np.round(used, 2)
    out[schema.DIFFICULTY_IMPUTED] = imputed
    return pd.DataFrame(out, index=table.index)
