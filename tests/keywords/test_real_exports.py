"""The real exports in ../shared/data/keyword-exports load correctly (skipped when absent).

Assertions are structural (formats, row counts, blanks kept as NaN), taken from
that folder's README; no data from those files is copied into the repository.
"""

from __future__ import annotations

import pytest
from support import REAL_EXPORTS, needs_real_exports

from generator.keywords import schema as S
from generator.keywords.load import load_exports, read_source

pytestmark = [needs_real_exports, pytest.mark.real_exports]

GKP_CONCEPTS = "gkp_keyword-stats_2021-11-11_preamble_monthly_concepts_es-auto-repair.csv"
GKP_BUCKETS = "gkp_keyword-stats_no-preamble_buckets_language-learning-ai.csv"
AHREFS = "ahrefs_keywords-explorer_matching-terms_ai-tools_us_2025-07-08.csv"
SEMRUSH = "semrush_kmt_menopause_us.csv"
GSC = "gsc_queries_adelphi_jfaccioli.csv"
GSC_COMPARE = "gsc_queries_compare_querycat.csv"
GSC_LOCO = "gsc_queries_compare_loco_querycat.csv"


def rows_of(name):
    frame, stats = read_source(REAL_EXPORTS / name, "auto", None)
    return frame, stats


@pytest.mark.parametrize(
    ("name", "fmt", "encoding", "delimiter", "rows"),
    [(GKP_CONCEPTS, "gkp", "utf-16-le", "\t", 2214), (GKP_BUCKETS, "gkp", "utf-16-le", "\t", 8899),
     (AHREFS, "ahrefs", "utf-8", ",", 2272), (SEMRUSH, "semrush", "utf-8", ",", 17606),
     (GSC, "gsc", "utf-8", ",", 795), (GSC_COMPARE, "gsc", "utf-8", ",", 973),
     (GSC_LOCO, "gsc", "utf-8", ",", 1364)],
)
def test_full_files_load_with_the_documented_row_counts(name, fmt, encoding, delimiter, rows):
    result = load_exports([REAL_EXPORTS / name])
    source = result.sources[0]
    assert (source.format, source.encoding, source.delimiter, source.rows_read) == (fmt, encoding, delimiter, rows)
    assert source.rows_read == source.rows_kept + source.rows_rejected
    assert len(result.table) == source.rows_kept
    assert list(result.table.columns) == S.CANONICAL_COLUMNS


def test_gkp_preamble_blank_volumes_unknown_competition_trend_and_concepts():
    frame, stats = rows_of(GKP_CONCEPTS)
    assert frame[S.SOURCE_LINE].iloc[0] == 4  # two preamble lines, header on line 3
    assert frame[S.VOLUME].isna().sum() == 1786
    assert frame[S.COMPETITION].isna().sum() == 2108
    assert not frame[S.VOLUME_IS_BUCKET].any()
    trends = frame[S.TREND].dropna()
    assert len(trends) == 428 and trends.str.count(";").eq(11).all()
    assert frame[S.PARENT].notna().sum() > 1000
    assert stats.warnings == []


def test_gkp_buckets_duplicates_and_blank_rows():
    result = load_exports([REAL_EXPORTS / GKP_BUCKETS])
    frame, _ = rows_of(GKP_BUCKETS)
    assert frame[S.VOLUME].isna().sum() == 5
    assert frame[S.VOLUME_IS_BUCKET].sum() == 8894
    assert set(frame[S.VOLUME_HIGH].dropna()) <= {0, 100, 1000, 10000, 100000, 1000000}
    reasons = result.rejected[S.REJECT_REASON]
    assert reasons.str.startswith("duplicate of").sum() == result.sources[0].rows_rejected >= 1402
    assert 7400 < len(result.table) <= 7497
    assert any("every volume is a bucket" in w for w in result.sources[0].warnings)


def test_ahrefs_blanks_stay_missing():
    frame, stats = rows_of(AHREFS)
    assert frame[S.DIFFICULTY].isna().sum() == 1250
    assert (frame[S.DIFFICULTY] == 0).any()
    assert frame[S.CPC].isna().sum() == 1551
    assert frame[S.PARENT].notna().sum() == 1018 and frame[S.PARENT].nunique() == 423
    assert frame[S.TOOL_INTENT].isna().sum() == 1385
    assert frame[S.TRAFFIC_POTENTIAL].max() == 52_190_000
    assert frame[S.VOLUME].sum() == 378_540
    assert stats.warnings == [f"{REAL_EXPORTS / AHREFS}: difficulty missing in 1,250 of 2,272 rows; it is "
                              "imputed for scoring, never read as 0"]


def test_semrush_seven_columns_crlf_multi_intent():
    frame, _ = rows_of(SEMRUSH)
    assert frame[S.DIFFICULTY].isna().sum() == 966
    assert frame[S.TOOL_INTENT].isna().sum() == 969
    assert frame[S.SERP_FEATURES].isna().sum() == 976
    assert (frame[S.TOOL_INTENT] == "informational;commercial").sum() == 538
    assert (frame[S.CPC] == 0).sum() == 5334
    assert frame[S.VOLUME].sum() == 4_324_590
    assert frame[S.COMPETITION].between(0, 1).all()


def test_gsc_multiline_queries_are_one_row_and_positions_above_100_are_kept():
    frame, _ = rows_of(GSC)
    assert frame[S.KEYWORD_RAW].str.contains("\n").sum() == 2
    assert frame[S.SOURCE_LINE].iloc[-1] == 798  # 798 physical lines, the last row's line
    assert frame[S.CLICKS].sum() == 346 and frame[S.IMPRESSIONS].sum() == 32_433
    assert (frame[S.POSITION] > 100).sum() == 26 and frame[S.POSITION].max() == 276
    assert frame[S.CTR].between(0, 1).all()


@pytest.mark.parametrize(("name", "current_zero", "previous_zero"), [(GSC_COMPARE, 221, 217),
                                                                    (GSC_LOCO, 364, 364)])
def test_gsc_compare_uses_the_current_period_and_position_zero_is_missing(name, current_zero, previous_zero):
    frame, _ = rows_of(name)
    assert frame[S.POSITION].isna().sum() == current_zero
    assert frame[S.POSITION_PREV].isna().sum() == previous_zero
    assert (frame.loc[frame[S.POSITION].isna(), S.IMPRESSIONS] == 0).all()
    assert frame[S.CLICKS_PREV].notna().all()


def test_gsc_loco_multiline_query():
    frame, _ = rows_of(GSC_LOCO)
    assert frame[S.KEYWORD_RAW].str.contains("\n").sum() == 1
    assert frame[S.SOURCE_LINE].iloc[-1] == 1366


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("gkp_preamble_monthly_concepts.excerpt.csv", "gkp"), ("gkp_no-preamble_buckets.excerpt.csv", "gkp"),
     ("ahrefs_ke_matching-terms.excerpt.csv", "ahrefs"), ("semrush_kmt.excerpt.csv", "semrush"),
     ("gsc_queries.excerpt.csv", "gsc"), ("gsc_queries_compare.excerpt.csv", "gsc")],
)
def test_excerpts(name, fmt):
    frame, stats = read_source(REAL_EXPORTS / "excerpts" / name, "auto", None)
    assert (stats.format, stats.rows_read) == (fmt, 36)


def test_all_files_merge_with_consistent_accounting():
    paths = sorted(REAL_EXPORTS.glob("*.csv"))
    result = load_exports(paths)
    assert result.rows_read == 2214 + 8899 + 2272 + 17606 + 795 + 973 + 1364
    assert result.rows_read == result.rows_kept + result.rows_rejected == len(result.table) + len(result.rejected)
