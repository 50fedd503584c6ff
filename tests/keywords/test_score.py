"""The opportunity score: formula, breakdown, imputation, Search Console terms."""

import math

import numpy as np
import pandas as pd
import pytest

from generator.keywords import schema, score
from generator.keywords.analysis import analyze, canonical_table


def scored(records):
    return analyze(canonical_table(records)).opportunities.set_index(schema.KEYWORD)


def test_breakdown_adds_up_and_best_is_100():
    rows = scored([
        {"keyword": "crm", "volume": 5000, "difficulty": 80, "cpc": 5},
        {"keyword": "best crm for startups", "volume": 300, "difficulty": 20, "cpc": 8},
        {"keyword": "what is a crm", "volume": 900, "difficulty": 40},
    ])
    assert rows[schema.SCORE].max() == 100.0
    parts = rows[[schema.SCORE_VALUE, schema.SCORE_SPECIFICITY, schema.SCORE_INTENT,
                  schema.SCORE_STRIKING, schema.SCORE_CTR_GAP]].sum(axis=1)
    assert np.allclose(parts, rows[schema.SCORE], atol=0.03)
    assert rows[schema.SCORE].between(0, 100).all()


def test_value_term_formula_and_direction():
    demand = np.array([100.0, 100.0, 1000.0, 100.0])
    cpc = np.array([np.nan, 0.0, np.nan, 4.0])
    kd = np.array([10.0, 10.0, 10.0, 90.0])
    raw = np.log1p(demand) * (1 + np.log1p(np.nan_to_num(cpc))) / (kd + 10)
    assert np.allclose(score.value_term(demand, cpc, kd), raw / raw.max())
    easy, hard = score.value_term(np.array([100.0, 100.0]), np.array([1.0, 1.0]), np.array([10.0, 60.0]))
    assert easy > hard  # higher difficulty lowers the value


def test_missing_difficulty_is_imputed_not_zero():
    rows = scored([
        {"keyword": "sales training", "volume": 100, "difficulty": 40},
        {"keyword": "sales training program", "volume": 100, "difficulty": 60},
        {"keyword": "sales training ideas", "volume": 100},
        {"keyword": "gpct", "volume": 100},
    ])
    assert rows.loc["sales training ideas", schema.DIFFICULTY_IMPUTED]
    assert math.isnan(rows.loc["sales training ideas", schema.DIFFICULTY])  # the data stays missing
    assert rows.loc["sales training ideas", schema.DIFFICULTY_USED] == 50.0  # cluster median
    assert rows.loc["gpct", schema.DIFFICULTY_USED] == 50.0  # global median (own cluster has none)
    assert not rows.loc["sales training", schema.DIFFICULTY_IMPUTED]
    # were missing read as 0, the imputed row would beat its twins on value
    assert rows.loc["sales training ideas", schema.SCORE_VALUE] < rows.loc["sales training", schema.SCORE_VALUE]


def test_imputation_falls_back_to_word_count_without_any_difficulty():
    used, imputed = score.impute_difficulty(np.array([np.nan, np.nan]), np.array([0, 1]), np.array([1, 4]))
    assert used.tolist() == [70.0, 34.0]
    assert imputed.tolist() == [True, True]


def test_specificity_and_intent_terms():
    assert score.specificity_term(np.array([1, 2, 3, 5, 9])).tolist() == [0, 0.25, 0.5, 1, 1]
    labels = pd.Series(["question;howto", "transactional", "", None, "navigational"])
    assert score.intent_term(labels).tolist() == [0.7, 1.0, 0.0, 0.0, 0.0]


def test_expected_ctr_curve():
    assert score.expected_ctr(np.array([1, 3, 10, 15, 50, 200])).tolist() == pytest.approx(
        [0.28, 0.11, 0.025, 0.0175, 0.002, 0.002])


def test_striking_distance_window_and_impressions():
    position = np.array([2.0, 5.0, 12.0, 25.0, 8.0, np.nan])
    impressions = np.array([5000, 100, 1000, 5000, 0, 900])
    term = score.striking_term(position, impressions, window=(4, 20))
    assert term[0] == 0 and term[3] == 0 and term[4] == 0 and term[5] == 0
    assert term[2] == 1.0 and 0 < term[1] < term[2]  # more impressions -> more


def test_ctr_gap():
    position = np.array([1.0, 1.0, 10.0, np.nan])
    impressions = np.array([1000, 1000, 1000, 1000])
    ctr = np.array([0.28, 0.08, np.nan, 0.1])
    clicks = np.array([280, 80, 5, 100])
    term = score.ctr_gap_term(position, impressions, ctr, clicks)
    gap = np.log1p(1000 * (0.28 - 0.08)), np.log1p(1000 * (0.025 - 0.005))
    assert term.tolist() == pytest.approx([0.0, 1.0, gap[1] / gap[0], 0.0])


def test_search_console_rows_score_on_striking_and_gap():
    rows = scored([
        {"keyword": "sales playbook template", "impressions": 4000, "clicks": 20, "ctr": 0.005, "position": 8.2},
        {"keyword": "sales playbook examples", "impressions": 4000, "clicks": 1200, "ctr": 0.3, "position": 1.4},
    ])
    assert rows.loc["sales playbook template", schema.SCORE_STRIKING] > 0
    assert rows.loc["sales playbook template", schema.SCORE_CTR_GAP] > 0
    assert rows.loc["sales playbook examples", schema.SCORE_STRIKING] == 0
    assert rows.loc["sales playbook examples", schema.SCORE_CTR_GAP] == 0


def test_formula_text_names_every_term():
    for name in score.WEIGHTS:
        assert f"`{name}`" in score.SCORE_FORMULA_MD
    assert math.isclose(sum(score.WEIGHTS.values()), 1.0)
