"""N-gram counts over the kept keywords, equal to advertools' ``word_frequency``.

For each n in 1..``max_n`` the table has, per n-gram:

- ``abs_freq``: occurrences (a keyword repeating a word counts it twice),
- ``wtd_freq``: the sum of the keyword weights over those occurrences,
- ``doc_freq``: the number of keywords containing the n-gram at least once,
- ``rel_value``: ``wtd_freq / abs_freq``.

``abs_freq`` and ``wtd_freq`` equal ``advertools.word_frequency(keywords,
weights, phrase_len=n, rm_words=[])``: same tokens (lower-cased, split on
whitespace, advertools' delimiter characters stripped from both ends of each
word, empty words kept), and the same rounding (``wtd_freq`` and
``rel_value`` rounded half-to-even to whole numbers). The weight of a keyword
is its demand (see :func:`generator.keywords.longtail.demand`); a keyword
with unknown demand weighs 0, so it counts in ``abs_freq`` and adds nothing to
``wtd_freq`` (advertools would turn the whole n-gram's weight into NaN).

The counting is vectorised: each keyword is split once, distinct words get
integer ids, and n-grams are integer codes counted with ``numpy.bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from generator.keywords import schema

# The characters advertools strips from word ends (``advertools.regex.WORD_DELIM``
# used as a ``str.strip`` argument, i.e. as a set of characters, brackets and
# backslash included). A test checks it against advertools itself.
WORD_DELIM_CHARS = (
    '!"\'(),.:;?[\\]{}\xa1\xab\xbb\xbf\u0294\u02bc\u02ee\u037e\u055a\u055c\u055d\u055e\u0589'
    "\u060c\u061b\u061f\u06d4\u0701\u0702\u0703\u0704\u0705\u0706\u0707\u0708\u0709\u07f4"
    "\u07f5\u07f8\u07f9\u1362\u1363\u1364\u1365\u1366\u1367\u166e\u1802\u1803\u1804\u1808"
    "\u1809\u1944\u1945\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u203c"
    "\u203d\u2045\u2046\u2047\u2048\u2049\u204f\u205d\u207d\u207e\u208d\u208e\u2329\u232a"
    "\u2768\u2769\u276a\u276b\u276c\u276d\u276e\u276f\u2770\u2771\u2772\u2773\u2774\u2775"
    "\u27e6\u27e7\u27e8\u27e9\u27ea\u27eb\u27ec\u27ed\u27ee\u27ef\u2983\u2984\u2985\u2986"
    "\u2987\u2988\u2989\u298a\u298b\u298c\u298d\u298e\u298f\u2990\u2991\u2992\u2993\u2994"
    "\u2995\u2996\u2997\u2998\u29fc\u29fd\u2cf9\u2cfa\u2cfb\u2cfe\u2e02\u2e03\u2e04\u2e05"
    "\u2e09\u2e0a\u2e0c\u2e0d\u2e1c\u2e1d\u2e22\u2e23\u2e24\u2e25\u2e26\u2e27\u2e28\u2e29"
    "\u2e2e\u2e32\u2e34\u2e35\u2e3c\u2e41\u2e42\u2e49\u2e4c\u3001\u3002\u3008\u3009\u300a"
    "\u300b\u300c\u300d\u300e\u300f\u3010\u3011\u3014\u3015\u3016\u3017\u3018\u3019\u301a"
    "\u301b\u301d\u301e\u301f\ua4fe\ua4ff\ua60d\ua60e\ua60f\ua6f3\ua6f4\ua6f5\ua6f6\ua6f7"
    "\ufd3e\ufd3f\ufe10\ufe11\ufe12\ufe13\ufe14\ufe15\ufe16\ufe17\ufe35\ufe36\ufe37\ufe38"
    "\ufe39\ufe3a\ufe3b\ufe3c\ufe3d\ufe3e\ufe3f\ufe40\ufe41\ufe42\ufe43\ufe44\ufe47\ufe48"
    "\ufe50\ufe51\ufe52\ufe54\ufe55\ufe56\ufe57\ufe59\ufe5a\ufe5b\ufe5c\ufe5d\ufe5e\uff01"
    "\uff02\uff07\uff08\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\uff3b\uff3d\uff5b\uff5d\uff5f"
    "\uff60\uff61\uff62\uff63\uff64\U00011143\U0001144d\U00012471\U00012472\U00012473"
    "\U00012474\U00016af5\U00016e97\U00016e98\U00016e9a\U0001bc9f\U0001da87\U0001da88"
    "\U0001da89\U0001da8a\U0001da8b\U0001e95e\U0001e95f"
)


@dataclass(frozen=True)
class Tokens:
    """Every keyword split into words, as flat integer arrays.

    ``ids[i]`` is the word id of the i-th word overall, ``doc[i]`` the row
    (0-based position) of the keyword it comes from, ``pos[i]`` its position in
    that keyword; ``vocab[id]`` is the word's text.
    """

    ids: np.ndarray
    doc: np.ndarray
    pos: np.ndarray
    vocab: np.ndarray
    n_docs: int

    def subset(self, rows: np.ndarray) -> Tokens:
        """The tokens of the keywords where the boolean ``rows`` is True, renumbered."""
        keep = rows[self.doc]
        new_doc = np.cumsum(rows) - 1
        return Tokens(self.ids[keep], new_doc[self.doc[keep]], self.pos[keep], self.vocab, int(rows.sum()))


SENTINEL = "\x02"  # a non-space control character, never in a normalised keyword


def _split_flat(keywords: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word codes of all keywords (lower-cased), the distinct words, and word counts."""
    joined = f" {SENTINEL} ".join(keywords)
    if joined.count(SENTINEL) != max(len(keywords) - 1, 0):  # pragma: no cover - never in a keyword
        split = [text.lower().split() for text in keywords]
        lengths = np.fromiter((len(w) for w in split), dtype=np.int64, count=len(split))
        codes, vocab = pd.factorize(np.array([w for ws in split for w in ws] or [""], dtype=object))
        return codes[: int(lengths.sum())], vocab, lengths
    flat = np.array(joined.lower().split(), dtype=object)
    codes, vocab = pd.factorize(flat, sort=False)
    sep_code = next((i for i, word in enumerate(vocab) if word == SENTINEL), -1)
    is_sep = codes == sep_code
    bounds = np.flatnonzero(np.r_[True, is_sep, True])
    lengths = (np.diff(bounds) - 1)[: len(keywords)]
    codes = codes[~is_sep]
    if sep_code >= 0:
        codes = codes - (codes > sep_code)
        vocab = np.delete(vocab, sep_code)
    return codes, vocab, lengths


# Text the arrow fast path cannot split exactly like ``str.split()``: other whitespace,
# leading, trailing or double spaces.
_UNSPLITTABLE = r"[\t\n\x0b\x0c\r\x1c-\x1f]|^ | $|  "


def _split_arrow(keywords) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """:func:`_split_flat` in pyarrow for arrow-backed ASCII text split by single spaces; else None."""
    if not isinstance(keywords, pd.Series) or not hasattr(keywords.array, "__arrow_array__"):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(keywords.array)
    text = text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text
    if not len(text) or text.null_count or not pc.all(pc.string_is_ascii(text)).as_py():
        return None
    if pc.min(pc.binary_length(text)).as_py() == 0 or pc.any(pc.match_substring_regex(text, _UNSPLITTABLE)).as_py():
        return None
    words = pc.split_pattern(pc.ascii_lower(text), " ")
    encoded = pc.dictionary_encode(pc.list_flatten(words))  # ids in order of first occurrence
    lengths = pc.list_value_length(words).to_numpy(zero_copy_only=False).astype(np.int64)
    vocab = np.array(encoded.dictionary.to_pylist(), dtype=object)
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), vocab, lengths


def tokenize(keywords) -> Tokens:
    """Split keywords the way advertools' ``word_tokenize`` does, once."""
    fast = _split_arrow(keywords)
    if fast is not None:
        raw_codes, raw_vocab, lengths = fast
        keywords = lengths  # only its length is used below
    else:
        if not (isinstance(keywords, list) and all(type(k) is str for k in keywords)):
            keywords = pd.Series(keywords, dtype=object).astype("str").fillna("").tolist()
        raw_codes, raw_vocab, lengths = _split_flat(keywords)
    stripped = np.array([word.strip(WORD_DELIM_CHARS) for word in raw_vocab], dtype=object)
    remap, vocab = pd.factorize(stripped, sort=False)
    ids = remap[raw_codes].astype(np.int64)
    doc = np.repeat(np.arange(len(keywords), dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    pos = np.arange(len(ids), dtype=np.int64) - np.repeat(starts, lengths)
    return Tokens(ids, doc, pos, np.asarray(vocab, dtype=object), len(keywords))


def ngram_codes(tokens: Tokens, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (codes, doc, first) for every n-gram occurrence.

    ``codes`` are dense ids of distinct n-grams (numbered in order of first
    occurrence), ``doc`` the keyword row of each occurrence, ``first`` the flat
    index of each occurrence's first word.
    """
    ids, doc = tokens.ids, tokens.doc
    last = len(ids) - n + 1
    if last <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    first = np.arange(last, dtype=np.int64)
    first = first[doc[first] == doc[first + n - 1]]
    codes = ids[first]
    for k in range(1, n):
        pair = codes * np.int64(len(tokens.vocab)) + ids[first + k]
        codes = pd.factorize(pair, sort=False)[0].astype(np.int64)
    return codes, doc[first], first


def _repeated_in_doc(codes: np.ndarray, doc: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """True for an occurrence whose n-gram already occurred earlier in the same keyword."""
    repeated = np.zeros(len(codes), dtype=bool)
    for k in range(1, int(pos.max()) + 1 if len(pos) else 1):
        same = (doc[k:] == doc[:-k]) & (codes[k:] == codes[:-k])
        repeated[k:] |= same
    return repeated


def _first_index(codes: np.ndarray, size: int) -> np.ndarray:
    first = np.empty(size, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1, dtype=np.int64)
    return first


def _ngram_words(tokens: Tokens, first: np.ndarray, n: int) -> list[np.ndarray]:
    return [tokens.ids[first + k] for k in range(n)]


def count_ngrams(tokens: Tokens, weights: np.ndarray, n: int) -> pd.DataFrame:
    """N-gram table for one n (unsorted), :data:`schema.NGRAM_COLUMNS` plus word ids."""
    codes, doc, first = ngram_codes(tokens, n)
    size = int(codes.max()) + 1 if len(codes) else 0
    abs_freq = np.bincount(codes, minlength=size)
    wtd = np.bincount(codes, weights=weights[doc], minlength=size)
    unique_in_doc = ~_repeated_in_doc(codes, doc, tokens.pos[first])
    doc_freq = np.bincount(codes[unique_in_doc], minlength=size)
    words = _ngram_words(tokens, first[_first_index(codes, size)], n)
    text = tokens.vocab[words[0]]
    for ids in words[1:]:
        text = text + " " + tokens.vocab[ids]
    frame = pd.DataFrame({
        schema.NGRAM: pd.Series(text, dtype=object),
        schema.N: np.full(size, n, dtype=np.int64),
        schema.ABS_FREQ: abs_freq.astype(np.int64),
        schema.WTD_FREQ: np.round(wtd),
        schema.DOC_FREQ: doc_freq.astype(np.int64),
        schema.REL_VALUE: np.round(wtd / np.maximum(abs_freq, 1)),
    })
    return frame, words


def ngram_table(keywords, weights, max_n: int = 3, tokens: Tokens | None = None) -> pd.DataFrame:
    """N-grams for n = 1..``max_n``, sorted by n, wtd_freq and abs_freq (descending), then words.

    ``weights`` align with ``keywords``; NaN weights count as 0. Ties are
    broken by the n-gram's words in alphabetical order, word by word.
    """
    tokens = tokens if tokens is not None else tokenize(keywords)
    w = np.nan_to_num(np.asarray(weights, dtype=float), nan=0.0)
    word_rank = np.argsort(np.argsort(tokens.vocab.astype(str), kind="stable"), kind="stable")
    frames = []
    for n in range(1, max_n + 1):
        frame, words = count_ngrams(tokens, w, n)
        keys = [word_rank[ids] for ids in reversed(words)]
        keys += [-frame[schema.ABS_FREQ].to_numpy(), -frame[schema.WTD_FREQ].to_numpy()]
        frames.append(frame.iloc[np.lexsort(keys)] if len(frame) else frame)
    return pd.concat(frames, ignore_index=True)
