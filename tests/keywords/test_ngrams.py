"""N-gram counts: parity with advertools.word_frequency, doc_freq, weights, order."""

import math

import numpy as np
import pandas as pd
import pytest

from generator.keywords import ngrams, schema

CASES = {
    "simple": (["apple orange", "apple orange banana", "apple kiwi", "kiwi mango"], [100, 100, 100, 400]),
    "repeated tokens": (["time full time", "full time job", "time time time"], [10, 20, 5]),
    "missing volume": (["sales training", "sales training program", "sales coaching"], [50, np.nan, 7]),
    "halves round to even": (["a b", "a c", "b c", "c"], [0.5, 1.0, 1.5, 2.5]),
    "unicode": (["café crème", "تدريب المبيعات", "تدريب فريق المبيعات", "ventas für b2b", "c++ training"],
                [30, 20, 10, 5, 1]),
    "punctuation": (["what is gpct?", "(sales) training, online", "sales - training", "«quoted» words"],
                    [3, 4, 5, 6]),
    "all ones": (["a b c", "a b", "b c d"], [1, 1, 1]),
}


def advertools_counts(keywords, weights, n):
    import advertools as adv

    frame = adv.word_frequency(keywords, list(weights), phrase_len=n, rm_words=[])
    return frame.set_index("word")


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("n", [1, 2, 3])
def test_counts_equal_advertools(name, n):
    keywords, volumes = CASES[name]
    weights = np.nan_to_num(np.asarray(volumes, dtype=float), nan=0.0)  # our documented NaN weight
    ours = ngrams.ngram_table(keywords, volumes, max_n=3)
    ours = ours[ours[schema.N] == n].set_index(schema.NGRAM)
    theirs = advertools_counts(keywords, weights, n)
    assert sorted(ours.index) == sorted(theirs.index)
    ours = ours.loc[theirs.index]
    assert ours[schema.ABS_FREQ].tolist() == theirs["abs_freq"].tolist()
    if "wtd_freq" in theirs:  # advertools drops it when every weight is 1
        assert ours[schema.WTD_FREQ].tolist() == theirs["wtd_freq"].tolist()
        assert ours[schema.REL_VALUE].tolist() == theirs["rel_value"].tolist()
    else:
        assert ours[schema.WTD_FREQ].tolist() == ours[schema.ABS_FREQ].tolist()


def test_delimiters_match_advertools():
    from advertools.regex import WORD_DELIM

    assert set(ngrams.WORD_DELIM_CHARS) == set(WORD_DELIM)


def test_doc_freq_counts_keywords_not_occurrences():
    table = ngrams.ngram_table(["time full time", "full time job", "job"], [1, 2, 3], max_n=2)
    rows = table.set_index([schema.N, schema.NGRAM])
    assert rows.loc[(1, "time"), schema.ABS_FREQ] == 3
    assert rows.loc[(1, "time"), schema.DOC_FREQ] == 2
    assert rows.loc[(1, "time"), schema.WTD_FREQ] == 1 + 1 + 2
    assert rows.loc[(2, "full time"), schema.DOC_FREQ] == 2
    assert rows.loc[(1, "job"), schema.DOC_FREQ] == 2


def test_missing_volume_weighs_zero_but_counts():
    table = ngrams.ngram_table(["sales plan", "sales"], [np.nan, 10], max_n=1).set_index(schema.NGRAM)
    assert table.loc["sales", schema.ABS_FREQ] == 2
    assert table.loc["sales", schema.WTD_FREQ] == 10
    assert table.loc["plan", schema.WTD_FREQ] == 0
    assert not math.isnan(table.loc["plan", schema.REL_VALUE])


def test_order_and_columns_are_deterministic():
    keywords = ["b a", "a b", "c", "a"]
    table = ngrams.ngram_table(keywords, [1, 1, 1, 1])
    assert list(table.columns) == schema.NGRAM_COLUMNS
    assert table[[schema.NGRAM, schema.N]].values.tolist() == [
        ["a", 1], ["b", 1], ["c", 1], ["a b", 2], ["b a", 2],
    ]
    again = ngrams.ngram_table(list(reversed(keywords)), [1, 1, 1, 1])
    pd.testing.assert_frame_equal(table, again)


def test_empty_and_wordless_input():
    assert ngrams.ngram_table([], [], max_n=3).empty
    table = ngrams.ngram_table(["", "a"], [5, 1], max_n=2)
    assert table[schema.NGRAM].tolist() == ["a"]


def test_tokenize_positions_and_words():
    tokens = ngrams.tokenize(["Sales  Training", "", "c++ (b2b)"])
    assert tokens.vocab[tokens.ids].tolist() == ["sales", "training", "c++", "b2b"]
    assert tokens.doc.tolist() == [0, 0, 2, 2]
    assert tokens.pos.tolist() == [0, 1, 0, 1]
