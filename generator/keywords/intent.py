"""Search-intent modifiers detected in the keyword text, merged with tool intents.

Labels (each a regular expression over the normalised, lower-case keyword):

- ``question``: starts with a question word (how, what, why, …) or ends with ``?``
- ``howto``: "how to / how do / how does / how can"
- ``comparison``: vs, versus, compared to, comparison, alternative(s), difference between
- ``commercial``: best, top, top 10, review(s), rated, cheap(est), affordable, premium
- ``transactional``: buy, price(s), pricing, cost, coupon, discount, deal(s), order, hire,
  near me, for sale, subscription, template(s), download, free trial, demo, quote
- ``audience``: "for <segment>", the segment from :data:`AUDIENCE_SEGMENTS`
  (beginners, students, managers, small business, startups, enterprise, saas,
  b2b, real estate, insurance, …); a bare "for <noun>" is too noisy to count
- ``year``: a year 1900-2099
- ``local``: near me, nearby

``intent`` = the sorted union of the tool's intents (``tool_intent``) and the
detected labels, lower case, ``;``-joined. Everything is vectorised: one
``str.contains`` per label, and the label sets are built once per distinct
combination.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

AUDIENCE_SEGMENTS = (
    "beginners", "dummies", "kids", "women", "men", "seniors", "students", "teachers",
    "small business", "small businesses", "startups", "startup", "enterprise", "enterprises",
    "saas", "b2b", "b2c", "smb", "smbs", "agencies", "agency", "nonprofits", "nonprofit",
    "freelancers", "consultants", "managers", "sales managers", "sales reps", "sales teams",
    "sales leaders", "marketers", "recruiters", "founders", "executives", "remote teams",
    "real estate", "insurance", "manufacturing", "healthcare", "retail", "ecommerce",
    "e-commerce", "banks", "banking", "finance", "financial services", "hospitality",
    "construction", "education", "pharma", "technology companies", "tech companies",
    "software companies", "it companies", "consulting firms", "law firms", "accountants",
)

PATTERNS = {
    "question": r"^(?:how|what|why|when|where|which|who|whom|whose|is|are|can|could|should"
    r"|does|do|did|will|would)\b|\?$",
    "howto": r"\bhow (?:to|do|does|can)\b",
    "comparison": r"\b(?:vs\.?|versus|compared? to|comparison|alternatives?|difference between)\b",
    "commercial": r"\b(?:best|top \d+|top|reviews?|rated|cheap(?:est)?|affordable|premium)\b",
    "transactional": r"\b(?:buy|prices?|pricing|cost|coupon|discount|deals?|order|hire|near me"
    r"|for sale|subscription|templates?|download|free trial|demo|quote)\b",
    "audience": r"\bfor (?:" + "|".join(sorted(AUDIENCE_SEGMENTS, key=lambda s: (-len(s), s))) + r")\b",
    "year": r"\b(?:19|20)\d{2}\b",
    "local": r"\b(?:near me|nearby)\b",
}
LABELS = tuple(PATTERNS)


def _to_text(keywords) -> pd.Series:
    text = keywords if isinstance(keywords, pd.Series) else pd.Series(keywords)
    return text.astype("str").fillna("").reset_index(drop=True)


def detect_modifiers(keywords) -> pd.Series:
    """Detected labels per keyword, ``;``-joined in :data:`LABELS` order ("" when none)."""
    text = _to_text(keywords)
    bits = np.zeros(len(text), dtype=np.int64)
    for i, pattern in enumerate(PATTERNS.values()):
        bits |= text.str.contains(pattern, regex=True).to_numpy(dtype=bool).astype(np.int64) << i
    present = np.bincount(bits, minlength=1) > 0
    used = np.flatnonzero(present)
    names = [";".join(lab for i, lab in enumerate(LABELS) if code >> i & 1) for code in used]
    return _text_series((np.cumsum(present) - 1)[bits], names)


def _text_series(codes: np.ndarray, names: list[str]) -> pd.Series:
    """A categorical text Series (cheap to build, take and write) from codes into ``names``."""
    name_codes, uniques = pd.factorize(pd.Series(names, dtype=object))
    categories = pd.Index(uniques, dtype=object)
    return pd.Series(pd.Categorical.from_codes(name_codes[codes], categories=categories))


def _text_codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct texts of ``values``, missing read as "" — the same as factorising
    ``values.astype(object).fillna("")``, without a Python object per row."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.CategoricalDtype):
        row_codes = series.cat.codes.to_numpy()
        distinct = np.asarray(series.cat.categories, dtype=object)
    else:
        row_codes, distinct = pd.factorize(series)  # missing: -1
        distinct = np.asarray(distinct, dtype=object)
    first_codes, first = pd.factorize(row_codes.astype(np.int64))  # order of first appearance
    texts = np.append(distinct, np.array([""], dtype=object))[first]  # -1 (missing) reads ""
    codes, uniques = pd.factorize(texts)  # a missing value and a real "" become one
    return codes[first_codes], np.asarray(uniques, dtype=object)


def _split_labels(value) -> set[str]:
    if not isinstance(value, str):
        return set()
    return {part.strip().lower() for part in value.split(";") if part.strip()}


def merge_intents(tool_intent, modifiers) -> pd.Series:
    """Sorted union of tool intents and modifiers per row, lower case, ``;``-joined."""
    tool_codes, tools = _text_codes(tool_intent)
    mod_codes, mods = _text_codes(modifiers)
    pair_codes, pairs = pd.factorize(tool_codes.astype(np.int64) * max(len(mods), 1) + mod_codes)
    merged = [
        ";".join(sorted(_split_labels(tools[p // max(len(mods), 1)]) | _split_labels(mods[p % max(len(mods), 1)])))
        for p in pairs
    ]
    return _text_series(pair_codes, merged)


def has_label(intent: pd.Series, label: str) -> np.ndarray:
    """Boolean array: the ``;``-joined ``intent`` contains ``label``."""
    codes, uniques = _text_codes(intent)
    hit = np.array([label in _split_labels(u) for u in uniques], dtype=bool)
    return hit[codes] if len(codes) else np.zeros(0, dtype=bool)
