"""Match a brief to a committee expert (SME) and pick its journalist.

An expertise tag matches a cluster when every word of the tag appears among the
cluster's words (pillar, label, subtopics, questions, intents), compared by
Snowball stem or as a prefix of at least four letters (``qualif`` ~ ``qualifying``).
Among members with at least one matching tag, those at monthly capacity (open
briefs already assigned to them) or unavailable on the interview date are left
out; the rest are ranked by matching tags (most first), then load relative to
capacity (least first), then id. No match, or every match full, leaves the SME
unassigned with the reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
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

    def __contains__(self, stem: str) -> bool:
        if stem in self.stems:
            return True
        if len(stem) < 4:
            return False
        if any(stem[:k] in self.stems for k in range(4, len(stem))):
            return True
        i = bisect.bisect_left(self.ordered, stem)
        return i < len(self.ordered) and self.ordered[i].startswith(stem)


def stems(texts: Iterable[str]) -> Pool:
    """The stemmed words of every text."""
    found = frozenset(_stem(w) for text in texts for w in words(text))
    return Pool(found, tuple(sorted(found)))


def matching_tags(expertise: Iterable[str], pool: Pool) -> tuple[str, ...]:
    """The expertise tags whose every (stemmed) word is in ``pool``."""
    found = []
    for tag in expertise:
        tag_stems = [_stem(w) for w in words(tag)]
        if tag_stems and all(s in pool for s in tag_stems):
            found.append(tag)
    return tuple(found)


def match_expert(members: Iterable, pool: Pool, load: dict[str, int], on: date | None) -> Match:
    """The best available expert for a cluster whose stemmed words are ``pool``."""
    candidates, full = [], []
    for member in members:
        tags = matching_tags(member.expertise, pool)
        if not tags:
            continue
        used = load.get(member.id, 0)
        if on is not None and on in tuple(member.unavailable):
            full.append(f"{member.id} (unavailable {on.isoformat()})")
        elif used >= member.monthly_capacity:
            full.append(f"{member.id} ({used}/{member.monthly_capacity} briefs)")
        else:
            ratio = used / member.monthly_capacity
            candidates.append(((-len(tags), ratio, used, member.id), member, tags))
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
