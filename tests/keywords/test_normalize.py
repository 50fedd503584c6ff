"""Keyword normalisation and cell coercion."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.keywords.normalize import (
    has_word_characters,
    join_list,
    normalize_keyword,
    normalize_series,
    parse_number,
    parse_percent,
    parse_range,
    range_mid,
    split_list,
    to_fraction,
    to_number,
    word_character_mask,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  How to Hire  SALES reps?", "how to hire sales reps"),
        ("c++ developer", "c++ developer"),
        ("24/7 sales support", "24/7 sales support"),
        ('"B2B" sales', "b2b sales"),
        ("$1,000 sales bonus", "$1,000 sales bonus"),
        ("(c#) training", "c# training"),
        ("50% commission", "50% commission"),
        ("r&d sales", "r&d sales"),
        ("sales - marketing sla", "sales marketing sla"),
        ("don’t hire sales reps", "don't hire sales reps"),
        ("ＧＰＣＴ qualification", "gpct qualification"),
        ("Straße verkaufen", "strasse verkaufen"),
        ("¿Cómo contratar vendedores?", "cómo contratar vendedores"),
        ("كيف توظيف مندوب مبيعات؟", "كيف توظيف مندوب مبيعات"),
        ("sales\ttraining\nprogram", "sales training program"),
        ("...", ""),
    ],
)
def test_normalize_keyword(raw, expected):
    assert normalize_keyword(raw) == expected


def test_non_latin_text_is_tokenised_on_spaces():
    assert normalize_keyword("تدريب  المبيعات للمبتدئين").split(" ") == ["تدريب", "المبيعات", "للمبتدئين"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_keyword(text)
    assert normalize_keyword(once) == once


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=40))
def test_vectorised_normalisation_matches_the_scalar_function(texts):
    assert normalize_series(pd.Series(texts, dtype="str")).tolist() == [normalize_keyword(t) for t in texts]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(max_codepoint=127)), min_size=1, max_size=40))
def test_ascii_fast_path_matches_the_scalar_function(texts):
    assert normalize_series(pd.Series(texts, dtype="str")).tolist() == [normalize_keyword(t) for t in texts]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=40))
def test_word_character_mask_matches_scalar(texts):
    norm = normalize_series(pd.Series(texts, dtype="str"))
    assert word_character_mask(norm).tolist() == [has_word_characters(t) for t in norm]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1,234", 1234.0), ("0,35", 0.35), ("1.234,5", 1234.5), ("$1.50", 1.5), ("€ 2", 2.0),
     ("12%", 12.0), ("5K", 5000.0), ("2 400", 2400.0), ("880", 880.0), ("-20", -20.0)],
)
def test_parse_number(cell, expected):
    assert parse_number(cell) == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["", " --", "--", "-", "∞", "+∞", "n/a", "N/A", "Unknown", "abc", None])
def test_missing_values_are_nan_never_zero(cell):
    assert math.isnan(parse_number(cell))


def test_to_number_is_vectorised_parse_number():
    cells = pd.Series(["1,234", "0,35", " --", "∞", "Unknown", "$1.5", "", "12%", "10", "inf"], dtype="str")
    out = to_number(cells)
    assert out.dtype == "float64"
    expected = [parse_number(c) for c in cells[:-1]] + [math.nan]
    assert [x if x == x else None for x in out] == [x if x == x else None for x in expected]


def test_percent_to_fraction():
    assert parse_percent("33.33%") == pytest.approx(0.3333)
    assert parse_percent("100%") == 1.0
    assert parse_percent("0.25") == 0.25
    assert to_fraction(pd.Series(["33.33%", "0.9%", "0%", ""], dtype="str")).tolist()[:3] == pytest.approx(
        [0.3333, 0.009, 0.0]
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1K – 10K", (1000.0, 10000.0)), ("118001..300000", (118001.0, 300000.0)), ("10 - 100", (10.0, 100.0)),
     ("1,000 to 5,000", (1000.0, 5000.0)), ("-5", None), ("500", None), ("10K – 1K", None)],
)
def test_parse_range(cell, expected):
    assert parse_range(cell) == expected


def test_range_mid_is_the_geometric_mean():
    assert range_mid(1000, 10000) == pytest.approx(3162.2777, rel=1e-6)
    assert range_mid(0, 10) == pytest.approx(math.sqrt(10))
    assert range_mid(0, 0) == 0.0


def test_list_cells():
    assert split_list('Informational, Commercial') == ["Informational", "Commercial"]
    assert join_list(["Informational", "Commercial", "informational"]) == "informational;commercial"
