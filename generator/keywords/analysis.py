"""Analyse a canonical keyword table: the long tail, intent, score, clusters, n-grams.

:func:`analyze` reads the table produced by loading (``schema.CANONICAL_COLUMNS``,
one row per keyword) and returns an :class:`Analysis`; it never changes its
input. Writing the files is :mod:`generator.keywords.outputs`' job.
"""

from __future__ import annotations

from collections.abc import Callable
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
    order = pd.Series(keywords, dtype="str").reset_index(drop=True).argsort(kind="stable").to_numpy()
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
        schema.SEGMENT: np.asarray(longtail.SEGMENTS, dtype=object)[codes],
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
    base = table.reset_index(drop=True).copy()
    keywords = base[schema.KEYWORD].astype(object)
    step("words")
    tokens = ngrams.tokenize(keywords)
    words = np.bincount(tokens.doc, minlength=len(base)).astype(np.int64)
    rank = keyword_ranks(keywords)
    demand = longtail.demand(base)
    step("ngrams")
    ngram_table = ngrams.ngram_table(keywords, demand, settings.ngram_max, tokens=tokens)
    step("segments")
    seg_columns, stats = _segments(demand, words, rank, settings)
    step("intent")
    modifiers = intent.detect_modifiers(keywords)
    merged = intent.merge_intents(base[schema.TOOL_INTENT], modifiers)
    step("clusters")
    clustering = cluster.cluster_keywords(keywords, base[schema.PARENT], base[schema.SOURCE_FORMAT],
                                          words, demand, rank, settings.cluster_min_size, tokens)
    step("score")
    scores = score.score_table(base, demand, words, merged, clustering.codes, settings.striking_window)
    step("tables")
    opportunities = _opportunities(base, words, seg_columns, modifiers, merged, clustering, scores, rank)
    clusters = cluster.cluster_table(
        clustering, keywords, demand, score._num(base, schema.DIFFICULTY), scores[schema.SCORE].to_numpy(),
        merged, intent.has_label(modifiers, "question"), rank, settings.cluster_list_max,
    )
    stats.update(_totals(base, demand, clusters, settings))
    return Analysis(opportunities, clusters, ngram_table, stats)


def _totals(base, demand, clusters, settings) -> dict:
    return {
        "keywords": len(base),
        "keywords_total_volume": round(float(np.nansum(demand)), 2),
        "clusters": len(clusters),
        "settings": _settings_dict(settings),
    }


def _opportunities(base, words, seg_columns, modifiers, merged, clustering, scores, rank) -> pd.DataFrame:
    """The table plus analysis columns, by score (descending), ties by keyword."""
    frame = base.copy()
    frame[schema.WORDS] = words
    for name, values in seg_columns.items():
        frame[name] = values
    frame[schema.MODIFIERS] = modifiers.to_numpy()
    frame[schema.INTENT] = merged.to_numpy()
    frame[schema.CLUSTER] = np.asarray(clustering.ids, dtype=object)[clustering.codes]
    frame[schema.CLUSTER_LABEL] = np.asarray(clustering.labels, dtype=object)[clustering.codes]
    pillar = np.zeros(len(frame), dtype=bool)
    pillar[clustering.pillars] = True
    frame[schema.IS_PILLAR] = pillar
    for name in scores.columns:
        frame[name] = scores[name].to_numpy()
    order = np.lexsort((rank, -frame[schema.SCORE].to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    frame.insert(0, schema.RANK, np.arange(1, len(frame) + 1))
    extra = [c for c in frame.columns if c not in schema.OPPORTUNITY_COLUMNS]
    columns = [c for c in schema.OPPORTUNITY_COLUMNS if c in frame.columns] + extra
    return frame[columns]
