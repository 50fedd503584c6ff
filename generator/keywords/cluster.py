r"""Topic clusters: every keyword gets one cluster, each cluster one pillar.

1. **Tool grouping first.** A keyword with a ``parent`` value (Ahrefs Parent
   Keyword, Keyword Planner Concept, Semrush Topic) joins the group of that
   value; a keyword without one whose own text equals a group's value joins it
   too. ``method`` says which tool: ``parent`` (Ahrefs and others),
   ``concept`` (Keyword Planner) or ``topic`` (Semrush).
2. **Lexical method for the rest.** Words are split like the n-grams,
   stopwords (:data:`STOPWORDS`: articles, prepositions, question and intent
   words) and numbers dropped, the rest stemmed with the English Snowball
   stemmer. Candidate *head terms* of a keyword are its stems and its pairs of
   consecutive stems. Each keyword joins its head term shared by the most
   keywords (a pair shared by at least ``min_size`` keywords wins over a single
   stem), ties by the term's text. A cluster smaller than ``min_size`` is
   dissolved: its keywords join the largest cluster among their own candidate
   terms, else ``misc``.

The pillar is the broadest, highest-demand member: fewest words, then highest
demand, then keyword. The cluster id is a slug of the pillar keyword (ASCII;
non-Latin text gets a short hash; duplicates get ``-2``, ``-3``); the label is
the group's value (tool grouping) or the head term (lexical), spelled as in
the pillar keyword, in title case. In ``clusters.csv`` the
subtopics and questions are ``|``-joined; a ``|`` inside a keyword is written
``\|``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from generator.keywords import intent as intent_mod
from generator.keywords import ngrams, schema

STOPWORDS = frozenset(
    "a an the and or of in on at to for from with without by into about as vs vs. versus "
    "how what why when where which who whom whose is are was were be been can could should "
    "does do did will would my your our their his her its it i me we you they this that these "
    "those not no best top near nearby free new online 2 3 5 10".split()
)
MISC = "misc"
METHODS = {"ahrefs": "parent", "gkp": "concept", "semrush": "topic"}
SMALL_WORDS = frozenset("a an the and or of in on at to for from with by vs".split())


@dataclass(frozen=True)
class Clustering:
    """Per keyword: ``codes`` (cluster number); per cluster: id, label, pillar row, method."""

    codes: np.ndarray
    ids: list[str]
    labels: list[str]
    pillars: np.ndarray
    methods: list[str]


def slugify(text: str) -> str:
    """ASCII slug; text with non-Latin letters gets a short stable hash appended."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    lost = not text.isascii() and any(ch.isalnum() and not ch.isascii() for ch in decomposed if not unicodedata.combining(ch))
    if lost or not slug:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"k-{digest}"
    return slug


def title(text: str) -> str:
    """Title-ish: capitalise each word except small joining words after the first."""
    words = str(text).split()
    return " ".join(
        w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _group_values(parent) -> pd.Series:
    """Normalised tool group (casefolded, single spaces) per row; None when missing or blank."""
    text = pd.Series(parent, dtype="str").reset_index(drop=True)
    if text.isna().all():  # no tool grouping (the usual case): skip the text work
        return pd.Series(np.full(len(text), None, dtype=object))
    text = text.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()
    return text.astype(object).where(text.notna() & (text != ""), None)


def _group_keys(keywords: pd.Series, groups: pd.Series) -> pd.Series:
    """Tool group per keyword, incl. keywords without one that name a group."""
    named = groups.isna() & keywords.isin(set(groups.dropna()))
    return groups.where(~named, keywords)


def sorted_unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct int values (ascending) and their counts, by sorting (numpy's hash path is slow)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def _stem_vocab(vocab: np.ndarray) -> np.ndarray:
    """Stem id per word (-1 for stopwords, numbers and words without letters)."""
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("english")
    stems = [
        stemmer.stemWord(w) if w not in STOPWORDS and any(c.isalpha() for c in w) else None
        for w in vocab
    ]
    codes, _ = pd.factorize(pd.Series(stems, dtype=object))
    return codes.astype(np.int64)


def _candidates(tokens: ngrams.Tokens):
    """Distinct (keyword row, term) pairs, and per term: text, text rank, is-pair flag.

    Terms are the stems of a keyword and its pairs of consecutive stems.
    """
    stem_of = _stem_vocab(tokens.vocab) if len(tokens.vocab) else np.zeros(0, np.int64)
    stems = stem_of[tokens.ids] if len(tokens.ids) else np.zeros(0, np.int64)
    keep = stems >= 0
    doc, stem = tokens.doc[keep], stems[keep]
    n_stems = int(stem_of.max()) + 1 if len(stem_of) and stem_of.max() >= 0 else 1
    pair_ok = doc[:-1] == doc[1:]
    term_raw = np.concatenate([stem, n_stems + stem[:-1][pair_ok] * n_stems + stem[1:][pair_ok]])
    term_doc = np.concatenate([doc, doc[:-1][pair_ok]])
    first = _first_in_doc(term_doc, term_raw)
    term, uniques = pd.factorize(term_raw[first])
    return term_doc[first], term.astype(np.int64), _term_info(uniques, n_stems, tokens.vocab, stem_of)


def _first_in_doc(doc: np.ndarray, term: np.ndarray) -> np.ndarray:
    """True for the first occurrence of each (doc, term) pair; equal docs are adjacent.

    Compares each entry with the few before it in its run (a keyword has few words),
    which is much cheaper than sorting all pairs.
    """
    first = np.ones(len(doc), dtype=bool)
    if not len(doc):
        return first
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    longest = int(np.diff(np.r_[starts, len(doc)]).max())
    for k in range(1, longest):
        first[k:] &= (doc[k:] != doc[:-k]) | (term[k:] != term[:-k])
    return first


def _term_info(uniques, n_stems, vocab, stem_of):
    """Per term: text, alphabetical rank, is-pair flag (a stem reads as its first word A-Z)."""
    alphabetical = pd.Series(vocab, dtype="str").argsort(kind="stable").to_numpy()
    alphabetical = alphabetical[stem_of[alphabetical] >= 0]
    codes, first = np.unique(stem_of[alphabetical], return_index=True)
    stem_text = np.empty(n_stems, dtype=object)
    stem_text[codes] = vocab[alphabetical[first]]
    stem_rank = np.zeros(n_stems, dtype=np.int64)
    stem_rank[codes] = np.argsort(np.argsort(stem_text[codes].astype(str), kind="stable"), kind="stable")
    is_pair = uniques >= n_stems
    pair = np.where(is_pair, uniques - n_stems, 0)
    a = np.where(is_pair, pair // n_stems, uniques)
    b = pair % n_stems
    order = np.lexsort((np.where(is_pair, stem_rank[b], -1), stem_rank[a]))
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques))

    def text(terms: np.ndarray) -> np.ndarray:
        out = stem_text[a[terms]].copy()
        pairs = is_pair[terms]
        out[pairs] = out[pairs] + " " + stem_text[b[terms][pairs]]
        return out

    return text, rank, is_pair


def _pick(doc, primary, rank_of_term, n_docs, n_ranks) -> np.ndarray:
    """Per keyword row, the smallest (primary, alphabetical rank) rank; -1 when none.

    ``primary`` and ``rank_of_term`` align with the (doc, term) pairs; ranks are < ``n_ranks``.
    """
    n = max(n_ranks, 1)
    none = np.iinfo(np.int64).max
    best = np.full(n_docs, none, dtype=np.int64)
    np.minimum.at(best, doc, primary.astype(np.int64) * n + rank_of_term)
    return np.where(best == none, -1, best % n)


def _rehome(doc, term, choice, small, df, rank, by_rank) -> np.ndarray:
    """New cluster (a term id, -1 = misc) for keywords of dissolved clusters.

    Each term's *home* is the kept cluster holding most of the keywords that
    contain it (ties by the cluster term's text); a dissolved keyword moves to
    the home of its most widely shared term that has one.
    """
    n = len(rank)
    kept = (~small[doc]) & (choice[doc] >= 0)
    t, c = term[kept], choice[doc[kept]]
    pairs, counts = sorted_unique(t * np.int64(n) + c)
    if not len(pairs):
        return np.full(len(choice), -1, dtype=np.int64)
    t, c = pairs // n, pairs % n
    home_rank = _pick(t, counts.max() - counts, rank[c], n, n)
    home = np.where(home_rank >= 0, by_rank[np.maximum(home_rank, 0)], -1)
    sub = small[doc] & (home[term] >= 0)
    chosen = _pick(doc[sub], df.max(initial=0) - df[term[sub]], rank[term[sub]], len(choice), n)
    return np.where(chosen >= 0, home[by_rank[np.maximum(chosen, 0)]], -1)


def lexical_terms(keywords, min_size: int = 2, tokens: ngrams.Tokens | None = None) -> np.ndarray:
    """Head-term label per keyword (``t:<term>``; :data:`MISC` when none)."""
    inverse, names = _lexical_codes(keywords, min_size, tokens)
    return names[inverse]


def _lexical_codes(keywords, min_size: int, tokens: ngrams.Tokens | None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`lexical_terms` as (code per keyword, distinct labels)."""
    tokens = tokens if tokens is not None else ngrams.tokenize(keywords)
    doc, term, (text, rank, is_pair) = _candidates(tokens)
    if not len(rank):
        return np.zeros(tokens.n_docs, dtype=np.int64), np.array([MISC], dtype=object)
    by_rank = np.argsort(rank)
    df = np.bincount(term, minlength=len(rank))
    top = df.max(initial=0) + 1
    klass = np.where(df[term] >= min_size, np.where(is_pair[term], 0, 1), 2)
    chosen = _pick(doc, klass * top + (top - df[term]), rank[term], tokens.n_docs, len(rank))
    choice = np.where(chosen >= 0, by_rank[np.maximum(chosen, 0)], -1)
    size = np.bincount(choice[choice >= 0], minlength=len(rank))
    small = (choice >= 0) & (size[np.maximum(choice, 0)] < min_size)
    if small.any():
        choice = np.where(small, _rehome(doc, term, choice, small, df, rank, by_rank), choice)
    values = np.where(choice >= 0, choice, len(rank))
    present = np.bincount(values, minlength=len(rank) + 1) > 0
    used, inverse = np.flatnonzero(present), (np.cumsum(present) - 1)[values]
    names = np.array(["t:" + t for t in text(used[used < len(rank)])] + [MISC], dtype=object)
    return inverse, names


def _cluster_keys(keywords: pd.Series, groups: pd.Series, min_size: int,
                  tokens: ngrams.Tokens | None) -> tuple[np.ndarray, np.ndarray]:
    """Cluster number per keyword (in order of first appearance) and each cluster's key.

    Keys are ``p:<group>`` (tool grouping), ``t:<term>`` (lexical) or :data:`MISC`;
    rows are numbered by integer label, the same numbering as factorising the key texts.
    """
    lexical = groups.isna().to_numpy()
    group_codes, group_names = pd.factorize(groups)  # -1 for lexical rows
    labels = group_codes.astype(np.int64)
    names = ["p:" + g for g in group_names]
    if lexical.any():
        subset = None if tokens is None else tokens if lexical.all() else tokens.subset(lexical)
        texts = keywords[lexical].tolist() if subset is None else None
        inverse, term_names = _lexical_codes(texts, min_size, subset)
        labels[lexical] = len(names) + inverse
        names += list(term_names)
    codes, first = pd.factorize(labels)
    return codes, np.asarray(names, dtype=object)[first]


def _pillars(codes, words, demand, keyword_rank, n_clusters) -> np.ndarray:
    """Row of each cluster's pillar: fewest words, then highest demand, then keyword."""
    worst = np.where(np.isnan(demand), np.inf, -demand)
    by_demand = np.lexsort((keyword_rank, worst))
    position = np.empty(len(codes), dtype=np.int64)
    position[by_demand] = np.arange(len(codes))
    n = max(len(codes), 1)
    best = np.full(n_clusters, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, codes, np.minimum(words, 10_000).astype(np.int64) * n + position)
    return by_demand[best % n]


def _unique_ids(slugs: list[str], order: np.ndarray) -> list[str]:
    """Make slugs unique (``-2``, ``-3`` …) in the given order of clusters."""
    seen: dict[str, int] = {}
    out = list(slugs)
    for i in order:
        base = slugs[i]
        seen[base] = seen.get(base, 0) + 1
        out[i] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return out


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord(word.strip(ngrams.WORD_DELIM_CHARS))


def _label(key: str, pillar: str) -> str:
    """Readable label: the tool group, or the head term spelled as in the pillar keyword."""
    if key == MISC:
        return "Misc"
    if key.startswith("p:"):
        return title(key[2:])
    spelled = {_stem(w): w.strip(ngrams.WORD_DELIM_CHARS) for w in reversed(pillar.split())}
    return title(" ".join(spelled.get(_stem(w), w) for w in key[2:].split()))


def _methods(uniques, codes, has_parent, formats) -> list[str]:
    """Per cluster: lexical, or the tool grouping named by its first member's format with a parent."""
    first = np.full(len(uniques), -1, dtype=np.int64)
    rows = np.flatnonzero(has_parent)
    first[codes[rows][::-1]] = rows[::-1]
    methods = []
    for key, row in zip(uniques, first, strict=True):
        value = formats.iloc[row] if row >= 0 else None
        fmt = value if isinstance(value, str) else ""
        method = next((METHODS[f] for f in fmt.split(";") if f in METHODS), "parent")
        methods.append(method if key.startswith("p:") else "lexical")
    return methods


def cluster_keywords(keywords, parent, source_format, words, demand, keyword_rank,
                     min_size: int = 2, tokens: ngrams.Tokens | None = None) -> Clustering:
    """Assign every keyword a cluster (see the module docstring for the rules).

    ``tokens`` (of all ``keywords``, from :func:`ngrams.tokenize`) saves splitting them again.
    """
    keywords = pd.Series(keywords, dtype=object).reset_index(drop=True)
    given = _group_values(parent)
    groups = _group_keys(keywords, given)
    codes, uniques = _cluster_keys(keywords, groups, min_size, tokens)
    pillars = _pillars(codes, np.asarray(words), np.asarray(demand, float), keyword_rank, len(uniques))
    pillar_kw = keywords.to_numpy()[pillars]
    formats = pd.Series(source_format).reset_index(drop=True)  # read for a few rows only
    labels = [_label(key, kw) for key, kw in zip(uniques, pillar_kw, strict=True)]
    methods = _methods(uniques, codes, given.notna().to_numpy(), formats)
    slugs = [MISC if key == MISC else slugify(kw) for key, kw in zip(uniques, pillar_kw, strict=True)]
    misc_first = sorted(range(len(uniques)), key=lambda i: (uniques[i] != MISC, keyword_rank[pillars[i]]))
    ids = _unique_ids(slugs, np.asarray(misc_first, dtype=np.int64))
    return Clustering(codes.astype(np.int64), ids, labels, pillars, methods)


def _join_runs(groups: np.ndarray, texts: np.ndarray, n_groups: int, sep: str, limit: int) -> list[str]:
    """Join ``texts`` per run of equal ``groups`` (sorted), at most ``limit`` per group."""
    out = [""] * n_groups
    if not len(groups):
        return out
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ends = np.r_[starts[1:], len(groups)]
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        out[groups[start]] = sep.join(texts[start:min(end, start + limit)])
    return out


def _joined_lists(codes, rows, keywords, n_clusters, limit) -> list[str]:
    """Per cluster, ``keywords[rows]`` (already in order) "|"-joined (a "|" in a keyword as "\\|")."""
    c = codes[rows]
    starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]]) if len(c) else np.zeros(0, np.int64)
    first = np.repeat(starts, np.diff(np.r_[starts, len(c)]))
    keep = np.arange(len(c)) - first < limit
    words = np.array([w.replace("|", "\\|") for w in keywords[rows[keep]]], dtype=object)
    return _join_runs(c[keep], words, n_clusters, "|", limit)


def _intent_mix(codes, intent, n_clusters) -> list[str]:
    """Per cluster, ``label:count`` for every intent label, most frequent first, ties by label."""
    icodes, combos = intent_mod._text_codes(intent)
    n_combos = max(len(combos), 1)
    pair_codes, pair_counts = sorted_unique(codes * np.int64(n_combos) + icodes)
    combo_labels = [[lab for lab in str(c).split(";") if lab] for c in combos]
    labels = sorted({lab for labs in combo_labels for lab in labs})
    label_id = {lab: i for i, lab in enumerate(labels)}
    per_combo = np.array([len(labs) for labs in combo_labels] or [0], dtype=np.int64)
    flat_ids = np.array([label_id[lab] for labs in combo_labels for lab in labs], dtype=np.int64)
    offsets = np.r_[0, np.cumsum(per_combo)]
    combo = pair_codes % n_combos
    reps = per_combo[combo]
    cluster = np.repeat(pair_codes // n_combos, reps)
    within = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    label = flat_ids[np.repeat(offsets[combo], reps) + within] if len(flat_ids) else within
    n_labels = max(len(labels), 1)
    totals = np.bincount(cluster * n_labels + label, weights=np.repeat(pair_counts, reps),
                         minlength=n_clusters * n_labels).astype(np.int64)
    nz = np.flatnonzero(totals)
    c, lab, n = nz // n_labels, nz % n_labels, totals[nz]
    order = np.lexsort((lab, -n, c))
    text = np.asarray(labels, dtype=object)[lab[order]] + ":" + n[order].astype(str).astype(object)
    return _join_runs(c[order], text, n_clusters, ";", len(labels))


def cluster_table(clustering: Clustering, keywords, demand, difficulty, score, intent, is_question,
                  keyword_rank, limit: int = 50) -> pd.DataFrame:
    """One row per cluster with :data:`schema.CLUSTER_COLUMNS`, by best score, ties by id.

    Subtopics (members except the pillar, by score then keyword) and questions
    are listed up to ``limit`` each.
    """
    codes, n = clustering.codes, len(clustering.ids)
    keywords = np.asarray(keywords, dtype=object)
    count = np.bincount(codes, minlength=n)
    known = ~np.isnan(difficulty)
    diff_n = np.bincount(codes[known], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_diff = np.bincount(codes[known], weights=difficulty[known], minlength=n) / diff_n
    best = np.full(n, -np.inf)
    np.maximum.at(best, codes, score)
    order = np.lexsort((keyword_rank, -score, codes))
    not_pillar = np.ones(len(codes), dtype=bool)
    not_pillar[clustering.pillars] = False
    frame = pd.DataFrame({
        schema.CL_ID: clustering.ids,
        schema.CL_LABEL: clustering.labels,
        schema.CL_PILLAR: keywords[clustering.pillars],
        schema.CL_KEYWORDS: count,
        schema.CL_VOLUME: np.round(np.bincount(codes, weights=np.nan_to_num(demand), minlength=n), 2),
        schema.CL_DIFFICULTY: np.round(np.where(diff_n > 0, mean_diff, np.nan), 2),
        schema.CL_BEST_SCORE: np.round(best, 2),
        schema.CL_MEAN_SCORE: np.round(np.bincount(codes, weights=score, minlength=n) / count, 2),
        schema.CL_INTENT_MIX: _intent_mix(codes, intent, n),
        schema.CL_METHOD: clustering.methods,
        schema.CL_SUBTOPICS: _joined_lists(codes, order[not_pillar[order]], keywords, n, limit),
        schema.CL_QUESTIONS: _joined_lists(codes, order[is_question[order]], keywords, n, limit),
    })
    frame = frame.sort_values([schema.CL_BEST_SCORE, schema.CL_ID], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True)[schema.CLUSTER_COLUMNS]
