"""Keyword normalisation and cell-value coercion.

``normalize_keyword`` is the dedupe key: Unicode NFKC, casefold, curly
apostrophes made straight, whitespace collapsed to single spaces, and
punctuation stripped at word edges only. Inner characters stay (``c++``,
``24/7``, ``b2b``, ``don't``, ``$1,000``); symbols such as ``$ + = < > ^ | ~``
are not punctuation and stay even at edges, and so do ``# % & @`` (``c#``,
``50%``, ``r&d``). Non-Latin scripts are untouched apart from NFKC, so Arabic or
Spanish text stays readable (``¿``, ``؟`` are stripped at edges). The function is
idempotent.

The coercers turn export cells into numbers: separators, currency signs, comma
decimals and ``%`` are handled; ``∞``, ``+∞``, `` --``, ``-``, ``n/a``,
``Unknown`` and blanks are missing (NaN), never 0.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

KEEP_AT_EDGES = "#%&@"
# Punctuation (category P*) of every plane that has any: 0-3 and 14. Planes 4-13 are
# unassigned and 15-16 private use, so skipping them saves ~0.15 s per start, same set.
_PLANES = itertools.chain(range(0x40000), range(0xE0000, 0xF0000))
_EDGE_PUNCT = "".join(
    ch for ch in map(chr, _PLANES)
    if unicodedata.category(ch).startswith("P") and ch not in KEEP_AT_EDGES
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})

# ASCII fast path (vectorised, must equal normalize_keyword on ASCII text).
_ASCII_WS = r"[\t\n\x0b\x0c\r\x1c-\x1f]"
_ASCII_EDGE = "".join(ch for ch in _EDGE_PUNCT if ord(ch) < 128)
_ASCII_EDGE_CLASS = "[" + re.escape(_ASCII_EDGE) + "]+"
_ASCII_MESSY = "|".join([_ASCII_WS, "[" + re.escape(_ASCII_EDGE) + "]", "  ", "^ ", " $"])

MISSING_TOKENS = frozenset(
    {"", "-", "--", "—", "–", "∞", "+∞", "-∞", "n/a", "na", "nan", "none", "null", "unknown", "#n/a"}
)


def normalize_keyword(text: str) -> str:
    """Return the normalised form of one keyword (the dedupe key)."""
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKC", text.casefold()).translate(_QUOTES)
    tokens = (tok.strip(_EDGE_PUNCT) for tok in text.split())
    return " ".join(tok for tok in tokens if tok)


def has_word_characters(text: str) -> bool:
    """True when ``text`` holds at least one letter or digit (any script)."""
    return any(ch.isalnum() for ch in text)


def normalize_series(raw: pd.Series) -> pd.Series:
    """Vectorised :func:`normalize_keyword` (ASCII in bulk, the rest cached)."""
    raw = raw.astype("str")
    ascii_mask = raw.str.isascii().fillna(False).astype(bool)
    if ascii_mask.all():
        return _normalize_ascii(raw)
    out = pd.Series("", index=raw.index, dtype="str")
    if ascii_mask.any():
        out[ascii_mask] = _normalize_ascii(raw[ascii_mask])
    rest = ~ascii_mask
    if rest.any():
        out[rest] = raw[rest].map(_normalize_cached)
    return out


def _normalize_ascii(s: pd.Series) -> pd.Series:
    s = s.str.lower()
    messy = s.str.contains(_ASCII_MESSY, regex=True).fillna(False).astype(bool)
    if messy.any():
        s[messy] = _clean_ascii(s[messy])
    return s


def _clean_ascii(s: pd.Series) -> pd.Series:
    s = s.str.replace(_ASCII_WS, " ", regex=True)
    s = s.str.replace("(^| )" + _ASCII_EDGE_CLASS, r"\1", regex=True)
    s = s.str.replace(_ASCII_EDGE_CLASS + "( |$)", r"\1", regex=True)
    return s.str.replace("  +", " ", regex=True).str.strip(" ")


@lru_cache(maxsize=200_000)
def _normalize_cached(text: str) -> str:
    return normalize_keyword(text)


def word_character_mask(norm: pd.Series) -> pd.Series:
    """Vectorised :func:`has_word_characters` over normalised keywords."""
    mask = norm.str.contains(r"[A-Za-z0-9]", regex=True).fillna(False).astype(bool)
    non_ascii = ~norm.str.isascii().fillna(True).astype(bool) & ~mask
    if non_ascii.any():
        mask[non_ascii] = norm[non_ascii].map(has_word_characters).astype(bool)
    return mask


# --- numbers ------------------------------------------------------------------

_CURRENCY = re.compile(r"[$€£¥₹₽₩₺₪]|\b(?:usd|eur|gbp|aud|cad|chf|jpy|inr)\b", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d*,\d+$")
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "tis.": 1e3, "tis": 1e3, "mio.": 1e6, "mio": 1e6}
_SUFFIXED = re.compile(r"^([+-]?[\d.,]+)\s*(k|m|b|tis\.?|mio\.?)$", re.IGNORECASE)


def parse_number(text: object) -> float:
    """Parse one cell as a number; NaN when missing or unreadable.

    ``1,234`` and ``1.234,5`` use thousands separators, ``0,35`` is a comma
    decimal, currency signs and spaces are dropped, ``12%`` gives 12.0 (use
    :func:`parse_percent` for a fraction) and ``10K`` gives 10000.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return math.nan
    if isinstance(text, (int, float)):
        return float(text)
    s = str(text).strip()
    if s.casefold() in MISSING_TOKENS:
        return math.nan
    s = _SPACES.sub("", _CURRENCY.sub("", s)).rstrip("%")
    return _plain_number(s)


def _plain_number(s: str) -> float:
    match = _SUFFIXED.match(s)
    if match:
        return _plain_number(match.group(1)) * _SUFFIX[match.group(2).lower()]
    if _THOUSANDS_COMMA.match(s):
        s = s.replace(",", "")
    elif _THOUSANDS_DOT.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL.match(s):
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def to_number(cells: pd.Series) -> pd.Series:
    """Vectorised :func:`parse_number` returning float64 (NaN = missing)."""
    cells = cells.astype("str").str.strip()
    fast = _arrow_floats(cells)
    if fast is not None:
        return fast
    out = pd.to_numeric(cells, errors="coerce").astype("float64")
    out[~np.isfinite(out)] = np.nan
    todo = out.isna() & cells.ne("")
    if todo.any():
        out[todo] = cells[todo].map(parse_number).astype("float64")
    return out


def _arrow_floats(cells: pd.Series) -> pd.Series | None:
    """Plain numbers (or blanks) cast in bulk by pyarrow; None when any cell is not."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arr = pa.array(cells, type=pa.string(), from_pandas=True)
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        values = pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    values = np.where(np.isfinite(values), values, np.nan)
    return pd.Series(values, index=cells.index, dtype="float64")


def parse_percent(text: object) -> float:
    """``33.33%`` -> 0.3333; a bare number above 1 is read as a percentage too."""
    value = parse_number(text)
    if math.isnan(value):
        return value
    if str(text).strip().endswith("%") or value > 1:
        return value / 100
    return value


def to_fraction(cells: pd.Series) -> pd.Series:
    """Vectorised :func:`parse_percent`."""
    cells = cells.astype("str").str.strip()
    values = to_number(cells)
    percent = cells.str.endswith("%").fillna(False).astype(bool) | (values > 1)
    return values.where(~percent, values / 100)


# --- ranges and buckets --------------------------------------------------------

_RANGE = re.compile(r"^\s*(.+?)\s*(?:\.\.|–|—|-|to)\s*(.+?)\s*$")


def parse_range(text: object) -> tuple[float, float] | None:
    """``1K – 10K`` or ``118001..300000`` -> (low, high); None when not a range."""
    if text is None:
        return None
    match = _RANGE.match(str(text))
    if not match or not match.group(1)[-1:].isalnum():
        return None
    low, high = parse_number(match.group(1)), parse_number(match.group(2))
    if math.isnan(low) or math.isnan(high) or low > high:
        return None
    return low, high


def range_mid(low: float, high: float) -> float:
    """Geometric mean of a range, low floored at 1 (1,000-10,000 -> 3,162.3)."""
    if high <= 0:
        return 0.0
    return math.sqrt(max(low, 1.0) * high)


def split_list(text: object, sep: str = ",") -> list[str]:
    """Split a list cell (``"Informational, Commercial"``) into stripped items."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    return [item.strip() for item in str(text).split(sep) if item.strip()]


def join_list(items: list[str]) -> str:
    """Join list items lower-cased with ``;`` (order kept, duplicates dropped)."""
    seen = dict.fromkeys(item.strip().casefold() for item in items if item.strip())
    return ";".join(seen)
