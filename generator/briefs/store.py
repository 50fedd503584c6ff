"""Brief files: ``thought_leadership/briefs/<slug>.md`` = YAML front matter + Markdown body.

Reading parses the front matter; writing never re-serialises a whole file. An update
replaces only the lines of the top-level keys it changes (or appends one history
line), re-parses the result to verify it, and writes it atomically under a lock,
so human edits (body, comments, custom keys, key order) survive byte for byte.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.briefs.where import shown
from generator.errors import InputError, NotFoundError, OutputError, collected
from generator.fsutil import atomic_write_text, create_exclusive_many, file_lock

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
BLOCK_KEYS = ("metrics", "due")
"""Mappings always written one key per line; other mappings are flow style unless long."""
_PLAIN = re.compile(r"[A-Za-z/][A-Za-z0-9_ ./-]*")
_CLOSING = re.compile(r"\n---[ \t]*(?:\r?\n|\r?$)")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Brief:
    """One brief file: its path, parsed front matter, Markdown body and full text."""

    path: Path
    front: dict
    body: str
    text: str

    def get(self, key: str, default: Any = None) -> Any:
        return self.front.get(key, default)

    @property
    def id(self) -> str:
        return str(self.front.get("id", ""))

    @property
    def slug(self) -> str:
        return str(self.front.get("slug") or self.path.stem)

    @property
    def status(self) -> str:
        return str(self.front.get("status", ""))

    @property
    def title(self) -> str:
        return str(self.front.get("title") or "")

    @property
    def target_keyword(self) -> str:
        return str(self.front.get("target_keyword") or "")

    @property
    def sme_id(self) -> str | None:
        sme = self.front.get("sme")
        if isinstance(sme, dict):
            return _str_or_none(sme.get("id"))
        return _str_or_none(sme)

    @property
    def journalist(self) -> str | None:
        return _str_or_none(self.front.get("journalist"))

    @property
    def editor(self) -> str | None:
        return _str_or_none(self.front.get("editor"))

    @property
    def due(self) -> dict[str, dt.date]:
        return _dates(self.front.get("due"))

    @property
    def history(self) -> list[dict]:
        history = self.front.get("history")
        return list(history) if isinstance(history, list) else []

    @property
    def metrics(self) -> dict:
        metrics = self.front.get("metrics")
        return metrics if isinstance(metrics, dict) else {}


def _str_or_none(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _dates(value: Any) -> dict[str, dt.date]:
    if not isinstance(value, dict):
        return {}
    out = {}
    for key, item in value.items():
        if isinstance(item, dt.date):
            out[str(key)] = item if not isinstance(item, dt.datetime) else item.date()
        elif isinstance(item, str):
            try:
                out[str(key)] = dt.date.fromisoformat(item)
            except ValueError:
                continue
    return out


# --------------------------------------------------------------------------- reading


def split_front_matter(text: str, path: Path | str, what: str = "brief") -> tuple[str, str]:
    """Return (front-matter text, body); the front matter sits between two ``---`` lines.

    ``what`` names the kind of file in the error ("brief", "blog post").
    """
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        raise InputError(f"{shown(path)}:1: no front matter; a {what} starts with a '---' line")
    start = text.index("\n") + 1
    match = _CLOSING.search(text, start - 1)
    if not match:
        raise InputError(f"{shown(path)}: front matter is not closed; add a '---' line after it")
    return text[start : match.start() + 1], text[match.end() :]


def parse_front(front_text: str, path: Path | str) -> dict:
    """Parse front-matter YAML; errors name the file and the line (counting the first '---')."""
    data = fast_front(front_text)
    if data is not None:
        return data
    try:
        data = yaml.load(front_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{shown(path)}{line}: malformed YAML front matter ({problem}); fix the line") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{shown(path)}:2: front matter must be a mapping of keys, found {type(data).__name__}")
    return data


# --------------------------------------------------------------------------- fast path
#
# The store writes front matter in a small, regular subset of YAML: ``key: value``
# lines, ``key:`` followed by ``  sub: value`` or ``  - value`` lines, values being
# plain words, numbers, dates, double-quoted strings and one-line flow collections.
# :func:`fast_front` reads exactly that subset (giving what yaml.CSafeLoader gives,
# checked by tests/briefs/test_store_fastpath.py) and returns None for anything
# else, which is then parsed by YAML. Anything unusual (comments, other indents,
# single quotes, CRLF, tabs, YAML 1.1 words like 'yes' or 'Null') falls back.

_F_LINE = re.compile(r"(  )?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?|- (.*))")
_F_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): ")
_F_PLAIN = re.compile(r"[A-Za-z0-9/_.-][A-Za-z0-9_ ./-]*")
_F_QUOTED = re.compile(r'"((?:[^"\\]|\\(?:[\\"ntr0]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}))*)"')
_F_ESCAPE = re.compile(r"\\(x..|u....|U........|.)")
_F_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "0": "\0"}
_F_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_F_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_F_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_F_WORD = re.compile(r"[A-Za-z/][A-Za-z0-9_ ./-]*")
_F_WORDS = {"true": True, "false": False, "null": None}
_F_END = frozenset("]},")
_F_MEMO: dict[str, Any] = {}  # scalar text -> value (immutable values only)
_F_MEMO_SIZE = 100_000
_F_GOOD_KEYS: set[str] = set()  # keys known to read as themselves
_MISSING = object()


class _NotFast(Exception):
    """The text is outside the fast path's subset: parse it with YAML."""


def fast_front(front_text: str, keys: frozenset[str] | None = None) -> dict | None:
    """The front matter ``yaml.CSafeLoader`` would give, when written in the store's own subset; else None.

    With ``keys``, what it would give for ``summary_text(front_text, keys)``.
    """
    if not front_text:
        return {}
    lines = (front_text[:-1] if front_text.endswith("\n") else front_text).split("\n")
    try:
        return _fast_mapping(lines if keys is None else _summary_lines(lines, keys))
    except (_NotFast, ValueError, OverflowError):
        return None


def _summary_lines(lines: list[str], keys: frozenset[str]) -> list[str]:
    """The lines :func:`summary_text` keeps: those of the top-level blocks whose key is in ``keys``."""
    kept, keep, match = [], False, _TOP_KEY.match
    for line in lines:
        if line[:1].isascii() and (line[:1].isalpha() or line[:1] == "_"):
            top = match(line)
            if top:
                keep = top.group(1) in keys
        if keep:
            kept.append(line)
    return kept


def _fast_mapping(lines: list[str]) -> dict:
    """Top-level ``key: value`` lines; ``key:`` takes the ``  sub: value`` or ``  - value`` lines after it."""
    data: dict = {}
    header, block = None, None  # the last ``key:`` line's key, and the mapping or list under it
    memo, fullmatch, good_keys = _F_MEMO.get, _F_LINE.fullmatch, _F_GOOD_KEYS
    for line in lines:
        match = fullmatch(line)
        if match is None:
            raise _NotFast
        indent, key, text, item = match.groups()
        if key is not None and key not in good_keys:
            _fast_key(key)
        value = None if text is None else memo(text, _MISSING)
        if value is _MISSING:
            value = _fast_line_value(text)
        if not indent:
            if item is not None:
                raise _NotFast
            header, block = (key, None) if text is None else (None, None)
            data[key] = value
            continue
        if header is None:
            raise _NotFast
        if block is None:
            block = data[header] = [] if item is not None else {}
        if item is not None and isinstance(block, list):
            block.append(_fast_line_value(item))
        elif text is not None and isinstance(block, dict):
            block[key] = value
        else:
            raise _NotFast
    return data


def _fast_key(key: str) -> str:
    if key.lower() in _RESOLVED_WORDS:
        raise _NotFast
    if len(_F_GOOD_KEYS) < _F_MEMO_SIZE:
        _F_GOOD_KEYS.add(key)
    return key


def _fast_line_value(text: str) -> Any:
    """The value filling the rest of a line (a scalar, or a flow collection)."""
    value = _F_MEMO.get(text, _MISSING)
    if value is not _MISSING:
        return value
    value, pos = _fast_value(text, 0, flow=False)
    if pos != len(text):
        raise _NotFast
    return value


def _fast_value(text: str, pos: int, flow: bool) -> tuple[Any, int]:
    first = text[pos : pos + 1]
    if first == "{":
        return _fast_flow_mapping(text, pos + 1)
    if first == "[":
        return _fast_flow_list(text, pos + 1)
    match = (_F_QUOTED if first == '"' else _F_PLAIN).match(text, pos)
    if not match:
        raise _NotFast
    end = match.end()
    if end < len(text) and (not flow or text[end] not in _F_END):
        raise _NotFast
    token = match.group()
    value = _F_MEMO.get(token, _MISSING)
    if value is _MISSING:
        value = _fast_quoted(match.group(1)) if first == '"' else _fast_plain(token)
        if len(_F_MEMO) >= _F_MEMO_SIZE:
            _F_MEMO.clear()
        _F_MEMO[token] = value
    return value, end


def _fast_plain(token: str) -> Any:
    if token.endswith(" "):
        raise _NotFast
    if _F_INT.fullmatch(token):
        return int(token)
    if _F_FLOAT.fullmatch(token):
        return float(token)
    date = _F_DATE.fullmatch(token)
    if date:
        return dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
    if not _F_WORD.fullmatch(token):
        raise _NotFast
    if token in _F_WORDS:
        return _F_WORDS[token]
    if token.lower() in _RESOLVED_WORDS:
        raise _NotFast
    return token


def _fast_quoted(raw: str) -> str:
    if not raw.isprintable() or _RAW_UNSAFE.search(raw):
        raise _NotFast
    return _F_ESCAPE.sub(_fast_escape, raw) if "\\" in raw else raw


def _fast_escape(match: re.Match) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _F_ESCAPES[code]
    number = int(code[1:], 16)
    if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        raise _NotFast
    return chr(number)


def _fast_flow_mapping(text: str, pos: int) -> tuple[dict, int]:
    out: dict = {}
    if text.startswith("}", pos):
        return out, pos + 1
    while True:
        match = _F_KEY.match(text, pos)
        if not match:
            raise _NotFast
        out[_fast_key(match.group(1))], pos = _fast_value(text, match.end(), flow=True)
        pos = _fast_next(text, pos, "}")
        if pos < 0:
            return out, -pos


def _fast_flow_list(text: str, pos: int) -> tuple[list, int]:
    out: list = []
    if text.startswith("]", pos):
        return out, pos + 1
    while True:
        value, pos = _fast_value(text, pos, flow=True)
        out.append(value)
        pos = _fast_next(text, pos, "]")
        if pos < 0:
            return out, -pos


def _fast_next(text: str, pos: int, close: str) -> int:
    """After a flow item: the next item's position, or minus the position after ``close``."""
    if text.startswith(", ", pos):
        return pos + 2
    if text.startswith(close, pos):
        return -(pos + 1)
    raise _NotFast


def parse_brief(path: Path | str, text: str) -> Brief:
    """Build a :class:`Brief` from its text (no file access)."""
    front_text, body = split_front_matter(text, path)
    return Brief(Path(path), parse_front(front_text, path), body, text)


def read_brief(path: Path | str) -> Brief:
    """Read and parse one brief file."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise NotFoundError(f"{shown(path)}: no such brief file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown(path)}: not UTF-8 text; save it as UTF-8") from exc
    return parse_brief(path, text)


def brief_paths(briefs_dir: Path | str) -> list[Path]:
    """The brief files of a folder, sorted by name (hidden files skipped)."""
    briefs_dir = Path(briefs_dir)
    if not briefs_dir.is_dir():
        return []
    with os.scandir(briefs_dir) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".md") and not e.name.startswith(".") and e.is_file())
    return [briefs_dir / name for name in names]


SUMMARY_KEYS = frozenset(
    {"id", "slug", "title", "status", "target_keyword", "cluster", "metrics", "sme", "interview", "journalist",
     "editor", "due"}
)
"""The front-matter keys that listing, agenda, load, calendar and drafting read from every brief."""

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:", re.M)


def summary_text(front_text: str, keys: frozenset[str] = SUMMARY_KEYS) -> str:
    """The top-level blocks of ``front_text`` whose key is in ``keys`` (the rest is not parsed)."""
    starts = list(_TOP_KEY.finditer(front_text))
    if not starts:
        return ""
    ends = [m.start() for m in starts[1:]] + [len(front_text)]
    return "".join(front_text[m.start() : end] for m, end in zip(starts, ends, strict=True) if m.group(1) in keys)


@functools.lru_cache(maxsize=64)
def _keys_tag(keys: frozenset[str]) -> str:
    """A prefix that keeps cache entries of different key sets apart."""
    return "\0" + " ".join(sorted(keys)) + "\0"

def load_briefs(briefs_dir: Path | str, keys: frozenset[str] | None = None) -> list[Brief]:
    """Read every brief, sorted by id; every problem (bad YAML, missing or duplicate id/slug) is collected and raised once.

    With ``keys`` (e.g. :data:`SUMMARY_KEYS`) only those top-level blocks of each
    front matter are parsed, which keeps listing thousands of briefs fast; parsed
    blocks are cached in ``<briefs_dir>/.cache/`` keyed by a hash of the front
    matter's text (and the keys), so only new or edited briefs are parsed again.
    Use :func:`read_brief` for one whole brief.
    """
    from generator.briefs.frontcache import FrontCache

    cache = FrontCache(Path(briefs_dir))
    briefs, problems = [], []
    for path in brief_paths(briefs_dir):
        try:
            briefs.append(_read_cached(path, cache, keys))
        except (InputError, NotFoundError) as exc:
            problems.append(str(exc))
    cache.save()
    problems += _identity_problems(briefs)
    if problems:
        raise InputError(collected(problems, shown(briefs_dir)))
    return sorted(briefs, key=lambda b: (b.id, b.slug))


def _read_cached(path: Path, cache, keys: frozenset[str] | None) -> Brief:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown(path)}: not UTF-8 text; save it as UTF-8") from exc
    front_text, body = split_front_matter(text, path)
    cache_key = front_text if keys is None else _keys_tag(keys) + front_text
    front = cache.get(cache_key)
    if front is None:
        front = fast_front(front_text, keys)
        fast = front is not None
        if not fast:
            wanted = front_text if keys is None else summary_text(front_text, keys)
            try:
                front = parse_front(wanted, path)
            except InputError:
                parse_front(front_text, path)  # report the error with the whole front matter's line numbers
                raise
        cache.put(cache_key, front, known_cacheable=fast)
    return Brief(path, front, body, text)


def _identity_problems(briefs: list[Brief]) -> list[str]:
    problems, seen_ids, seen_slugs = [], {}, {}
    for brief in briefs:
        if not brief.front.get("id"):
            problems.append(f"{shown(brief.path)}:2: missing 'id'; add a unique id such as \"2026-001\"")
            continue
        for seen, value, what in ((seen_ids, brief.id, "id"), (seen_slugs, brief.slug, "slug")):
            if value in seen:
                problems.append(f"{shown(brief.path)}: duplicate {what} '{value}' (also in {seen[value].name}); make it unique")
            else:
                seen[value] = brief.path
    return problems


def find_brief(briefs_dir: Path | str, key: str) -> Brief:
    """Find a brief by id or slug; NotFoundError names the closest ids/slugs."""
    briefs_dir = Path(briefs_dir)
    direct = briefs_dir / f"{key}.md"
    if "/" not in key and direct.is_file():
        return read_brief(direct)
    briefs = load_briefs(briefs_dir)
    for brief in briefs:
        if key in (brief.id, brief.slug):
            return read_brief(brief.path)
    names = [b.id for b in briefs] + [b.slug for b in briefs]
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    hint = f". Closest: {', '.join(close)}" if close else f"; run 'playbook briefs list' to see the {len(briefs)} briefs"
    raise NotFoundError(f"no brief '{key}'{hint}")


# --------------------------------------------------------------------------- rendering


def render_scalar(value: Any) -> str:
    """One YAML scalar on one line: plain when unambiguous, else double-quoted and escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _render_float(value)
    if isinstance(value, dt.datetime):
        return _quote(value.isoformat())
    if isinstance(value, dt.date):
        return value.isoformat()
    return _render_text(str(value))


@functools.lru_cache(maxsize=16384)
def _render_text(text: str) -> str:
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and _plain_roundtrips(text):
        return text
    return _quote(text)


def _render_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


_RESOLVED_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "y", "n", "null"})


def _plain_roundtrips(text: str) -> bool:
    """True when ``text`` (already matching the plain-safe pattern) reads back as this string.

    The pattern rules out numbers, dates, '~', '.inf' and indicators; what is left
    to exclude are the words YAML 1.1 reads as booleans or null.
    """
    return text.lower() not in _RESOLVED_WORDS


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


_RAW_UNSAFE = re.compile("[\ufeff\ufffe\uffff]")


def _quote(text: str) -> str:
    if text.isprintable() and not _RAW_UNSAFE.search(text):  # fast path: only '\\' and '"' need escaping
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() and ch not in "\ufeff\ufffe\uffff":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08x}")
        else:
            out.append("\\ufffd")  # lone surrogate: not representable in UTF-8
    return '"' + "".join(out) + '"'


def render_flow(value: Any) -> str:
    """A value (scalar, list or mapping, nested) in YAML flow style on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {render_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render_flow(v) for v in value) + "]"
    return render_scalar(value)


@functools.lru_cache(maxsize=4096)
def _key(key: Any) -> str:
    text = str(key)
    return text if _KEY.fullmatch(text) and _plain_roundtrips(text) else _quote(text)


def render_key(key: str, value: Any) -> str:
    """The lines of one top-level key: scalars inline, mappings as blocks, lists of mappings as block lists."""
    if isinstance(value, dict) and value:
        flow = render_flow(value) if key not in BLOCK_KEYS else ""
        if key in BLOCK_KEYS or len(flow) > 100:
            return f"{_key(key)}:\n" + "".join(f"  {_key(k)}: {render_flow(v)}\n" for k, v in value.items())
        return f"{_key(key)}: {flow}\n"
    if isinstance(value, list | tuple) and value and all(isinstance(v, dict) for v in value):
        return f"{_key(key)}:\n" + "".join(f"  - {render_flow(v)}\n" for v in value)
    return f"{_key(key)}: {render_flow(value)}\n"


def render_front_matter(data: dict) -> str:
    """Front matter (without the '---' lines) that parses back to ``data`` for any string."""
    return "".join(render_key(str(k), v) for k, v in data.items())


def render_brief(front: dict, body: str) -> str:
    """A whole brief file: '---', front matter, '---', body."""
    return f"---\n{render_front_matter(front)}---\n{body}"


# --------------------------------------------------------------------------- writing


def create_brief(path: Path | str, text: str) -> bool:
    """Create a brief file; never overwrites (returns False when it exists)."""
    return create_briefs([(path, text)])[0]


def create_briefs(items: list[tuple[Path | str, str]], rendered: list[str] | None = None) -> list[bool]:
    """Create brief files, each checked to parse first; one True/False (it existed) per item.

    ``rendered`` (optional, one per item) is the front matter the caller rendered with
    :func:`render_front_matter`; a file whose front matter is exactly that text is not
    parsed again, since the renderer only writes YAML that reads back. Files are
    created exclusively and synced in batches (see :func:`create_exclusive_many`).
    """
    for i, (path, text) in enumerate(items):
        if rendered is None or not text.startswith(f"---\n{rendered[i]}---\n"):
            parse_brief(path, text)
    try:
        return create_exclusive_many(items)
    except OSError as exc:
        where = exc.filename or (items[0][0] if items else "")
        raise OutputError(f"{shown(where)}: cannot create the brief ({exc.strerror}); check the folder") from exc


def update_brief(path: Path | str, set_keys: dict, append_history: dict | None = None) -> Brief:
    """Set top-level keys and/or append a history entry, touching only those lines; locked and atomic."""
    return modify_brief(path, lambda _brief: (set_keys, append_history))


def modify_brief(path: Path | str, plan: Callable[[Brief], tuple[dict, dict | None]]) -> Brief:
    """Like :func:`update_brief`, with the changes decided by ``plan(current brief)`` inside the lock.

    ``plan`` may raise (e.g. WorkflowError) to abort without writing.
    """
    path = Path(path)
    with file_lock(path):
        brief = read_brief(path)
        set_keys, append_history = plan(brief)
        append_history = history_entry(append_history) if append_history is not None else None
        text = patch_text(brief, set_keys, append_history)
        try:
            updated = parse_brief(path, text)
        except InputError as exc:
            raise OutputError(f"{shown(path)}: update would leave invalid YAML ({exc}); file left unchanged") from exc
        _verify(brief, updated, set_keys, append_history)
        if text != brief.text:
            atomic_write_text(path, text)
        return updated


def next_id(briefs: list[Brief], year: int) -> str:
    """The next free id ``<year>-NNN`` after the highest one of that year."""
    prefix = f"{year}-"
    numbers = [int(b.id[len(prefix) :]) for b in briefs if b.id.startswith(prefix) and b.id[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def now_iso() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SS+00:00``."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def patch_text(brief: Brief, set_keys: dict, append_history: dict | None = None) -> str:
    """The brief's text with ``set_keys`` replaced in place and one history entry appended."""
    head, lines, tail = _front_lines(brief.text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for key, value in set_keys.items():
        lines = _replace_key(lines, key, render_key(key, value), newline)
    if append_history is not None:
        lines = _append_history(lines, brief.history, history_entry(append_history), newline)
    return head + "".join(lines) + tail


def history_entry(entry: dict) -> dict:
    """A history entry in the contract's key order, with ``at`` set to now when missing."""
    order = ["from", "to", "by", "at", "note"]
    out = {k: entry.get(k) for k in order}
    out["at"] = out["at"] or now_iso()
    out.update({k: v for k, v in entry.items() if k not in order})
    return out


def _front_lines(text: str) -> tuple[str, list[str], str]:
    first = text.index("\n") + 1
    match = _CLOSING.search(text, first - 1)
    return text[:first], text[first : match.start() + 1].splitlines(keepends=True), text[match.start() + 1 :]


def _key_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Top-level key → (first line, end line) including its indented or '- ' continuation lines.

    Comment and blank lines after a key's last value line are not part of it, so they survive.
    """
    spans, current, start, last = {}, None, 0, 0
    for i, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if match:
            if current is not None:
                spans.setdefault(current, (start, last + 1))
            current, start, last = match.group(1), i, i
        elif current is not None and line.strip() and not line.lstrip().startswith("#"):
            last = i  # an indented value line, a '- ' item, or a multi-line flow/scalar continuation
    if current is not None:
        spans.setdefault(current, (start, last + 1))
    return spans


def _replace_key(lines: list[str], key: str, rendered: str, newline: str = "\n") -> list[str]:
    new = [line[:-1] + newline for line in rendered.splitlines(keepends=True)]
    span = _key_spans(lines).get(key)
    if span is None:
        if lines and not lines[-1].endswith("\n"):
            lines = [*lines[:-1], lines[-1] + newline]
        return lines + new
    start, end = span
    return lines[:start] + new + lines[end:]


def _append_history(lines: list[str], history: list, entry: dict, newline: str = "\n") -> list[str]:
    """Add one '- {…}' line after the last history item (or re-render a flow/empty history)."""
    span = _key_spans(lines).get("history")
    items = [i for i in range(*span) if re.match(r"\s*- ", lines[i])] if span and history else []
    if not items or _flow_value(lines[span[0]]):
        return _replace_key(lines, "history", render_key("history", [*history, entry]), newline)
    prefix = re.match(r"(\s*)- ", lines[items[0]]).group(1)
    end = span[1]
    return [*lines[:end], f"{prefix}- {render_flow(entry)}{newline}", *lines[end:]]


def _flow_value(key_line: str) -> bool:
    value = key_line.split(":", 1)[1].strip()
    return bool(value) and not value.startswith("#")


def _verify(before: Brief, after: Brief, set_keys: dict, append_history: dict | None) -> None:
    expected = dict(before.front)
    for key, value in set_keys.items():
        expected[key] = yaml.load(render_key(key, value), Loader=_Loader)[key]
    if append_history is not None:
        expected["history"] = [*before.history, after.history[-1] if after.history else None]
        if after.history[-1:] != [yaml.load(render_flow(append_history), Loader=_Loader)]:
            raise OutputError(f"{shown(before.path)}: could not append to 'history' safely; check its format")
    if after.front != expected or after.body != before.body:
        raise OutputError(f"{shown(before.path)}: update would change more than {sorted(set_keys)}; file left unchanged")
