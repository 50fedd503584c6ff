"""Head / torso / tail by cumulative volume share, and the long-tail flag."""

import numpy as np
import pytest
from support import REAL_EXPORTS, needs_real_exports

from generator.keywords import longtail
from generator.keywords.analysis import AnalysisSettings, analyze, canonical_table


def segments_of(volumes, keywords=None, cuts=(0.5, 0.8)):
    values = np.asarray(volumes, dtype=float)
    rank = np.arange(len(values)) if keywords is None else np.argsort(np.argsort(keywords))
    order = longtail.demand_order(values, rank)
    return longtail.segment_codes(values, order, cuts).tolist(), order


def test_share_before_the_row_decides():
    # total 100: shares before each row are 0, .40, .70, .80, .90
    codes, _ = segments_of([40, 30, 10, 10, 10])
    assert codes == [0, 0, 1, 2, 2]


def test_sorted_by_volume_whatever_the_input_order():
    codes, order = segments_of([10, 40, 10, 30, 10])
    assert order.tolist() == [1, 3, 0, 2, 4]
    assert codes == [1, 0, 2, 0, 2]


def test_missing_volume_is_tail_and_zero_total_is_all_tail():
    codes, _ = segments_of([np.nan, 100, np.nan])
    assert codes == [2, 0, 2]
    codes, _ = segments_of([0, 0, np.nan])
    assert codes == [2, 2, 2]


def test_custom_cuts():
    codes, _ = segments_of([25, 25, 25, 25], cuts=(0.25, 0.5))
    assert codes == [0, 1, 2, 2]


def test_ties_broken_by_keyword_and_flagged_approximate():
    values = np.array([50.0, 50.0, 50.0, 50.0])
    keywords = np.array(["d", "b", "a", "c"])
    codes, order = segments_of(values, keywords)
    assert order.tolist() == [2, 1, 3, 0]  # a, b, c, d
    assert codes == [1, 0, 0, 1]  # shares before a, b, c, d: 0, .25, .5, .75
    assert longtail.is_approximate(values, order, np.asarray(codes))
    distinct = np.array([60.0, 20.0, 10.0, 10.0])
    codes2, order2 = segments_of(distinct)
    assert not longtail.is_approximate(distinct, order2, np.asarray(codes2))


def test_long_tail_flag_words_or_volume():
    values = np.array([1000, 10, 500, np.nan])
    words = np.array([1, 1, 3, 1])
    flags = longtail.long_tail_flags(values, words, threshold=10, tail_words=3)
    assert flags.tolist() == [False, True, True, False]
    no_threshold = longtail.long_tail_flags(values, words, threshold=float("nan"), tail_words=3)
    assert no_threshold.tolist() == [False, False, True, False]


def test_default_threshold_is_the_highest_tail_volume():
    values = np.array([40.0, 30.0, 10.0, 9.0, 11.0])
    codes = np.array([0, 0, 2, 2, 1])
    assert longtail.tail_threshold(values, codes, None) == 10.0
    assert longtail.tail_threshold(values, codes, 25) == 25.0


def test_impressions_stand_in_for_missing_volume():
    table = canonical_table([
        {"keyword": "a", "volume": np.nan, "impressions": 90},
        {"keyword": "b", "volume": 10, "impressions": 1000},
        {"keyword": "c"},
    ])
    assert longtail.demand(table)[:2].tolist() == [90.0, 10.0]
    assert np.isnan(longtail.demand(table)[2])


def test_analysis_stats_and_columns():
    table = canonical_table([
        {"keyword": "crm", "volume": 600},
        {"keyword": "sales crm", "volume": 200},
        {"keyword": "best crm for startups", "volume": 100},
        {"keyword": "crm pricing", "volume": 60},
        {"keyword": "crm software", "volume": 40},
    ])
    result = analyze(table, AnalysisSettings(tail_words=4))
    rows = result.opportunities.set_index("keyword")
    assert rows.loc["crm", "segment"] == "head"
    assert rows.loc["sales crm", "segment"] == "torso"
    assert rows.loc["crm software", "segment"] == "tail"
    stats = result.stats
    assert stats["segments"]["head"] == {
        "keywords": 1, "volume": 600.0, "min_volume": 600.0, "max_volume": 600.0,
        "share_keywords": 0.2, "share_volume": 0.6,
    }
    # tail = everything whose share before is >= 80%: 100, 60, 40 -> threshold 100
    assert stats["long_tail"]["tail_volume"] == 100.0
    assert stats["long_tail"]["definition"] == "4+ words or volume <= 100"
    assert stats["long_tail"]["keywords"] == 3
    assert stats["long_tail"]["share_volume"] == 0.2
    assert rows["long_tail"].to_dict() == {
        "crm": False, "sales crm": False, "best crm for startups": True,
        "crm pricing": True, "crm software": True,
    }


@needs_real_exports
@pytest.mark.real_exports
@pytest.mark.parametrize("name, tail_share", [
    ("semrush_kmt_menopause_us.csv", 0.746),
    ("ahrefs_keywords-explorer_matching-terms_ai-tools_us_2025-07-08.csv", 0.526),
    ("gkp_keyword-stats_no-preamble_buckets_language-learning-ai.csv", 0.926),
])
def test_real_exports_tail_share_matches_the_reference(name, tail_share):
    from generator.keywords.load import load_exports

    path = REAL_EXPORTS / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    stats = analyze(load_exports([path], "auto", None).table).stats
    assert abs(stats["segments"]["tail"]["share_keywords"] - tail_share) < 0.005
