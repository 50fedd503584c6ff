"""Match a brief to a committee expert (SME) and pick its journalist.

Words are compared by Snowball stem, or as prefixes of at least four letters
(``qualif`` ~ ``qualifying``). An expertise tag matches a phrase of the cluster
when its words appear there in order, side by side ("sales process" matches
"sales process audit", not "sales hiring process"). A tag's weight is 3 when it
matches the pillar or the label, plus 1 per other matching phrase (subtopics and
questions); a member's score is the sum over their tags. Members at monthly
capacity (open briefs already assigned to them) or unavailable on the interview
due date are left out; the rest are ranked by score (highest first), then load
relative to capacity (least first), then id. No match, or every match full,
leaves the SME unassigned with the reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    "a an and are as at be by can do does for from how i in is it of on or should the to vs what "
    "when where which who why with you your my our their this that".split()
)


@dataclass(frozen=True)
class Match:
    member: object | None  # committee Member, or None when unassigned
    reason: str
    tags: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters and digits), stopwords dropped."""
    return [w for w in _WORD.findall(str(text).lower()) if w not in STOPWORDS]


@dataclass(frozen=True)
class Pool:
    """A cluster's stemmed words, with a sorted copy for prefix look-ups."""

    stems: frozenset[str]
    ordered: tuple[str, ...]


def stems(texts: Iterable[str]) -> Pool:
    """The stemmed words of every text."""
    found = frozenset(s for text in texts for s in sequence(text))
    return Pool(found, tuple(sorted(found)))


@lru_cache(maxsize=8192)
def sequence(text: str) -> tuple[str, ...]:
    """The stems of ``text``, in order."""
    return tuple(_stem(w) for w in words(text))


@dataclass(frozen=True)
class Topic:
    """A cluster's words: headline phrases (pillar, label), other phrases, and every stem.

    ``head_index`` and ``phrase_index`` map a stem to the positions of the phrases holding it.
    """

    head: tuple[tuple[str, ...], ...]
    phrases: tuple[tuple[str, ...], ...]
    pool: Pool
    head_index: dict = field(default_factory=dict, compare=False)
    phrase_index: dict = field(default_factory=dict, compare=False)


def topic(head: Iterable[str], phrases: Iterable[str]) -> Topic:
    head_seqs = tuple(sequence(t) for t in head)
    phrase_seqs = tuple(sequence(t) for t in phrases)
    found = frozenset(s for seq in head_seqs + phrase_seqs for s in seq)
    return Topic(head_seqs, phrase_seqs, Pool(found, tuple(sorted(found))), _index(head_seqs), _index(phrase_seqs))


def _index(seqs: tuple[tuple[str, ...], ...]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = {}
    for i, seq in enumerate(seqs):
        for stem in seq:
            index.setdefault(stem, set()).add(i)
    return index


def _candidates(alts: list[frozenset[str]], index: dict[str, set[int]]) -> list[int]:
    """Positions of the phrases holding an alternative of every tag word (the only ones that can match)."""
    found = None
    for alt in alts:
        holding = set().union(*(index.get(s, ()) for s in alt))
        found = holding if found is None else found & holding
        if not found:
            return []
    return sorted(found)


def _alternatives(stem: str, pool: Pool) -> frozenset[str]:
    """The stems of ``pool`` that count as ``stem``: itself, or a prefix relation of 4+ letters."""
    found = {stem} & pool.stems
    if len(stem) >= 4:
        found |= {stem[:k] for k in range(4, len(stem))} & pool.stems
        i = bisect.bisect_left(pool.ordered, stem)
        while i < len(pool.ordered) and pool.ordered[i].startswith(stem):
            found.add(pool.ordered[i])
            i += 1
    return frozenset(found)


def _in_order(alts: list[frozenset[str]], phrase: tuple[str, ...]) -> bool:
    n = len(alts)
    if n == 1:
        return not alts[0].isdisjoint(phrase)
    return any(all(phrase[i + j] in alts[j] for j in range(n)) for i in range(len(phrase) - n + 1))


@lru_cache(maxsize=4096)
def _tag_stems(tag: str) -> tuple[str, ...]:
    return sequence(tag)


def tag_weight(tag: str, found: Topic) -> int:
    """3 when the tag matches the pillar or label, plus 1 per other phrase it matches."""
    tag_seq = _tag_stems(tag)
    alts = [_alternatives(s, found.pool) for s in tag_seq]
    if not alts or not all(alts):
        return 0
    if not found.head_index and not found.phrase_index:  # a Topic built by hand
        return _weight(alts, found.head, found.phrases)
    heads = [found.head[i] for i in _candidates(alts, found.head_index)]
    return _weight(alts, heads, [found.phrases[i] for i in _candidates(alts, found.phrase_index)])


def _weight(alts: list[frozenset[str]], head, phrases) -> int:
    weight = 3 if any(_in_order(alts, h) for h in head) else 0
    return weight + sum(1 for p in phrases if _in_order(alts, p))


def matching_tags(expertise: Iterable[str], found: Topic) -> tuple[tuple[str, int], ...]:
    """The expertise tags that match the cluster, with their weights, heaviest first."""
    weighted = [(tag, tag_weight(tag, found)) for tag in expertise]
    return tuple(sorted(((t, w) for t, w in weighted if w), key=lambda tw: -tw[1]))


def match_expert(members: Iterable, found: Topic, load: dict[str, int], on: date | None) -> Match:
    """The best available expert for the cluster ``found``."""
    candidates, full = [], []
    for member in members:
        weighted = matching_tags(member.expertise, found)
        if not weighted:
            continue
        tags = tuple(t for t, _ in weighted)
        used = load.get(member.id, 0)
        if on is not None and on in tuple(member.unavailable):
            full.append(f"{member.id} (unavailable {on.isoformat()})")
        elif used >= member.monthly_capacity:
            full.append(f"{member.id} ({used}/{member.monthly_capacity} briefs)")
        else:
            ratio = used / member.monthly_capacity
            candidates.append(((-sum(w for _, w in weighted), ratio, used, member.id), member, tags))
    if not candidates:
        reason = "every matching expert is unavailable or at capacity: " + ", ".join(full) if full else (
            "no committee member's expertise matches this cluster"
        )
        return Match(None, reason)
    _, member, tags = min(candidates, key=lambda c: c[0])
    used = load.get(member.id, 0)
    return Match(member, f"expertise: {', '.join(tags)}; load {used}/{member.monthly_capacity} this month", tags)


def pick_journalist(journalists: Iterable, load: dict[str, int]) -> str | None:
    """The least-loaded journalist's id (ties: committee file order)."""
    people = list(journalists)
    if not people:
        return None
    return min(enumerate(people), key=lambda p: (load.get(p[1].id, 0), p[0]))[1].id
