"""Analyse a canonical keyword table: the long tail, intent, score, clusters, n-grams.

:func:`analyze` reads the table produced by loading (``schema.CANONICAL_COLUMNS``,
one row per keyword) and returns an :class:`Analysis`; it never changes its
input. Writing the files is :mod:`generator.keywords.outputs`' job.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from generator.keywords import cluster, intent, longtail, ngrams, schema, score

STEPS = ("words", "ngrams", "segments", "intent", "clusters", "score", "tables")


@dataclass(frozen=True)
class AnalysisSettings:
    """Knobs of the analysis (all documented in the README)."""

    segment_cuts: tuple[float, float] = (0.5, 0.8)
    tail_words: int = 3
    tail_volume: float | None = None  # None: the highest demand in the tail segment
    striking_window: tuple[float, float] = (4, 20)
    ngram_max: int = 3
    top: int = 25  # rows of the top-opportunities table in report.md
    cluster_min_size: int = 2
    cluster_list_max: int = 50  # subtopics / questions listed per cluster


@dataclass
class Analysis:
    opportunities: pd.DataFrame
    clusters: pd.DataFrame
    ngrams: pd.DataFrame
    stats: dict = field(default_factory=dict)


TEXT_COLUMNS = {
    schema.KEYWORD, schema.KEYWORD_RAW, schema.TOOL_INTENT, schema.PARENT, schema.TREND,
    schema.SERP_FEATURES, schema.SOURCE, schema.SOURCE_FORMAT,
}


def canonical_table(records) -> pd.DataFrame:
    """A canonical table from partial records (dicts or a DataFrame); absent columns are missing.

    Handy for tests, benchmarks and callers that build keyword lists in code.
    """
    given = pd.DataFrame(records)
    n = len(given)
    columns = {}
    for name in schema.CANONICAL_COLUMNS:
        if name in given:
            columns[name] = given[name].to_numpy()
        elif name == schema.VOLUME_IS_BUCKET:
            columns[name] = np.zeros(n, dtype=bool)
        elif name in TEXT_COLUMNS:
            columns[name] = pd.Series([np.nan] * n, dtype="str")
        else:
            columns[name] = np.full(n, np.nan)
    table = pd.DataFrame(columns)
    if schema.KEYWORD_RAW not in given:
        table[schema.KEYWORD_RAW] = table[schema.KEYWORD]
    return table


def keyword_ranks(keywords: pd.Series) -> np.ndarray:
    """Alphabetical rank of each keyword (0 = first), used to break ties."""
    text = keywords if isinstance(keywords, pd.Series) else pd.Series(keywords)
    order = text.astype("str").reset_index(drop=True).argsort(kind="stable").to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _progress(on_step: Callable[[str], None] | None) -> Callable[[str], None]:
    return on_step if on_step is not None else (lambda name: None)


def _segments(demand, words, rank, settings: AnalysisSettings) -> tuple[dict, dict]:
    order = longtail.demand_order(demand, rank)
    codes = longtail.segment_codes(demand, order, settings.segment_cuts)
    threshold = longtail.tail_threshold(demand, codes, settings.tail_volume)
    flags = longtail.long_tail_flags(demand, words, threshold, settings.tail_words)
    columns = {
        schema.SEGMENT: pd.Categorical.from_codes(codes, categories=list(longtail.SEGMENTS)),
        schema.LONG_TAIL: flags,
    }
    stats = {
        "segments": longtail.segment_stats(demand, codes),
        "segments_approximate": longtail.is_approximate(demand, order, codes),
        "long_tail": longtail.long_tail_stats(demand, flags, threshold, settings.tail_words),
    }
    return columns, stats


def _settings_dict(settings: AnalysisSettings) -> dict:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(settings).items()}


def analyze(table: pd.DataFrame, settings: AnalysisSettings = AnalysisSettings(),
            on_step: Callable[[str], None] | None = None) -> Analysis:
    """Run every analysis stage on ``table``; ``on_step(name)`` is called as each starts."""
    step = _progress(on_step)
    base = table.reset_index(drop=True)  # copy-on-write: the input is never changed
    text = base[schema.KEYWORD].astype("str")  # arrow-backed: fast regex, sorting, splitting
    with ThreadPoolExecutor(max_workers=2) as pool:  # more cores for GIL-free pyarrow/numpy work
        ranked = pool.submit(keyword_ranks, text)
        detected = pool.submit(intent.detect_modifiers, text)
        step("words")
        tokens = ngrams.tokenize(text)
        keywords = pd.Series(text.to_numpy(dtype=object))  # Python strings: fast indexing
        words = np.bincount(tokens.doc, minlength=len(base)).astype(np.int64)
        demand = longtail.demand(base)
        step("ngrams")
        counted = pool.submit(ngrams.ngram_table, keywords, demand, settings.ngram_max, tokens=tokens)
        step("segments")
        rank = ranked.result()
        seg_columns, stats = _segments(demand, words, rank, settings)
        step("intent")
        modifiers = detected.result()
        merged = intent.merge_intents(base[schema.TOOL_INTENT], modifiers)
        step("clusters")
        clustering = cluster.cluster_keywords(keywords, base[schema.PARENT], base[schema.SOURCE_FORMAT],
                                              words, demand, rank, settings.cluster_min_size, tokens)
        step("score")
        scores = score.score_table(base, demand, words, merged, clustering.codes, settings.striking_window)
        step("tables")
        tabled = pool.submit(
            cluster.cluster_table, clustering, keywords, demand, score.numeric(base, schema.DIFFICULTY),
            scores[schema.SCORE].to_numpy(), merged, intent.has_label(modifiers, "question"), rank,
            settings.cluster_list_max,
        )
        opportunities = _opportunities(base, words, seg_columns, modifiers, merged, clustering, scores, rank)
        clusters, ngram_table = tabled.result(), counted.result()
    stats.update(_totals(base, demand, clusters, settings))
    return Analysis(opportunities, clusters, ngram_table, stats)


def _totals(base, demand, clusters, settings) -> dict:
    return {
        "keywords": len(base),
        "keywords_total_volume": round(float(np.nansum(demand)), 2),
        "clusters": len(clusters),
        "settings": _settings_dict(settings),
    }


def _categorical(codes: np.ndarray, names) -> pd.Categorical:
    """Text column from per-row codes into ``names`` (names may repeat)."""
    name_codes, uniques = pd.factorize(pd.Series(list(names), dtype=object))
    return pd.Categorical.from_codes(name_codes[codes], categories=pd.Index(uniques, dtype=object))


def _opportunities(base, words, seg_columns, modifiers, merged, clustering, scores, rank) -> pd.DataFrame:
    """The table plus analysis columns, by score (descending), ties by keyword."""
    order = np.lexsort((rank, -scores[schema.SCORE].to_numpy()))
    pillar = np.zeros(len(base), dtype=bool)
    pillar[clustering.pillars] = True
    added = {
        schema.RANK: np.arange(1, len(base) + 1),
        schema.WORDS: words[order],
        schema.SEGMENT: seg_columns[schema.SEGMENT][order],
        schema.LONG_TAIL: seg_columns[schema.LONG_TAIL][order],
        schema.MODIFIERS: pd.Series(modifiers).take(order).array,
        schema.INTENT: pd.Series(merged).take(order).array,
        schema.CLUSTER: _categorical(clustering.codes[order], clustering.ids),
        schema.CLUSTER_LABEL: _categorical(clustering.codes[order], clustering.labels),
        schema.IS_PILLAR: pillar[order],
    }
    added.update({name: scores[name].to_numpy()[order] for name in scores.columns})
    kept = [n for n in base.columns if n not in added]
    with ThreadPoolExecutor(max_workers=2) as pool:  # numpy and pyarrow take without the GIL
        taken = dict(zip(kept, pool.map(lambda n: base[n].array.take(order), kept), strict=True))
    columns = {**taken, **added}
    names = [c for c in schema.OPPORTUNITY_COLUMNS if c in columns]
    names += [c for c in columns if c not in schema.OPPORTUNITY_COLUMNS]
    return pd.DataFrame({name: columns[name] for name in names})


OUTPUT_COLUMNS_MD = """\
**opportunities.csv** (one row per keyword, best first; then every canonical column):

| Column | Meaning |
|---|---|
| `rank` | 1 = best score; ties broken by keyword |
| `score`, `score_value`, `score_specificity`, `score_intent`, `score_striking`, `score_ctr_gap` | opportunity score 0-100 and its five parts in points (see the formula) |
| `segment` | `head`, `torso` or `tail` by cumulative share of demand (default 50/30/20); demand = volume, else Search Console impressions; unknown demand is `tail` |
| `long_tail` | `true` when words ≥ 3 (`tail_words`) or demand ≤ the highest demand in the tail segment (`tail_volume`) |
| `words` | number of space-separated words |
| `difficulty` | as exported (empty = unknown); `difficulty_used` = the value scored (imputed when unknown), `difficulty_imputed` = `true` when imputed |
| `intent` | sorted union of tool intents and detected modifiers, lower case, `;`-joined |
| `modifiers` | detected only: `question`, `howto`, `comparison`, `commercial`, `transactional`, `audience`, `year`, `local` |
| `cluster`, `cluster_label`, `is_pillar` | cluster id (slug of the pillar keyword), readable label, `true` for the cluster's pillar |

**clusters.csv** (best cluster first): `cluster`, `label`, `pillar`, `keywords` (count), `total_volume`
(demand), `mean_difficulty` (known values only), `best_score`, `mean_score`, `intent_mix`
(`label:count;…`, most frequent first), `method` (`parent` Ahrefs parent keyword, `concept` Keyword
Planner concept, `topic` Semrush topic, `lexical` shared stemmed terms), `subtopics` (other members by
score, up to 50, `|`-joined, a `|` inside a keyword written `\\|`), `questions` (members with the question
modifier, same format).

**ngrams.csv**: `ngram`, `n` (1-3), `abs_freq` (occurrences), `wtd_freq` (sum of demand over occurrences;
unknown demand counts 0), `doc_freq` (keywords containing it), `rel_value` (`wtd_freq / abs_freq`);
`abs_freq` and `wtd_freq` equal `advertools.word_frequency(keywords, demand, phrase_len=n, rm_words=[])`.

**summary.json**: `rows_read`, `rows_kept`, `rows_rejected`, `keywords`, `keywords_total_volume`, `sources`
(`path, format, encoding, rows_read, rows_kept, rows_rejected, warnings`), `segments` (per segment:
`keywords, volume, min_volume, max_volume, share_keywords, share_volume`), `segments_approximate`,
`long_tail` (`keywords, share_keywords, share_volume, tail_volume, definition`), `clusters`, `ngrams`,
`settings`.

CSV files are UTF-8 with `\\n` line ends; `true`/`false` for booleans, empty for missing values, text in
double quotes.
"""
