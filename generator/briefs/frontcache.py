"""A cache of parsed brief front matter, so listing thousands of briefs stays fast.

Entries are keyed by a hash of the front-matter text (not by file times), so an
edited brief is always parsed again. The cache lives in ``<briefs>/.cache/`` (with
its own ``.gitignore``), is written atomically, and is only an optimisation: any
problem reading or writing it is ignored.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
from pathlib import Path

from generator.fsutil import atomic_write_text

VERSION = 1
_TAGS = ("$date", "$datetime")


def _key(front_text: str) -> str:
    return hashlib.blake2b(front_text.encode("utf-8"), digest_size=16).hexdigest()


def _encode(obj):
    if isinstance(obj, dt.datetime):
        return {"$datetime": obj.isoformat()}
    if isinstance(obj, dt.date):
        return {"$date": obj.isoformat()}
    raise TypeError(type(obj).__name__)


def _decode(obj: dict):
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
    return obj


def cacheable(value) -> bool:
    """True when ``value`` survives the JSON round trip exactly (str keys, known scalar types)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and k not in _TAGS and cacheable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(cacheable(v) for v in value)
    return value is None or isinstance(value, str | bool | int | float | dt.date)


class FrontCache:
    """Parsed front matter by front-matter hash, for one briefs folder."""

    def __init__(self, briefs_dir: Path):
        self.path = briefs_dir / ".cache" / "fronts.json"
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        self.dirty = False
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads(self.path.read_text(encoding="utf-8"), object_hook=_decode)
            if data.get("version") == VERSION:
                self.entries = data["entries"]

    def get(self, front_text: str) -> dict | None:
        key = _key(front_text)
        front = self.entries.get(key)
        if front is None:
            return None
        shared = key in self.used  # two files with the same front matter get separate dicts
        self.used.add(key)
        return copy.deepcopy(front) if shared else front

    def put(self, front_text: str, front: dict, known_cacheable: bool = False) -> None:
        """Remember ``front``; ``known_cacheable`` skips the :func:`cacheable` check (the store's fast path)."""
        if known_cacheable or cacheable(front):
            key = _key(front_text)
            self.entries[key] = front
            self.used.add(key)
            self.dirty = True

    def save(self) -> None:
        """Write the entries used in this load (dropping stale ones) when anything changed."""
        if not self.dirty and len(self.used) == len(self.entries):
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        with contextlib.suppress(OSError, TypeError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                atomic_write_text(ignore, "*\n")
            atomic_write_text(self.path, json.dumps({"version": VERSION, "entries": keep}, default=_encode))
