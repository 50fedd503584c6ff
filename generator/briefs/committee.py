"""The thought-leadership committee: ``thought_leadership/committee.yml``.

Members are the subject-matter experts (role ``committee``; on a brief whose ``sme``
they are, also ``sme``); journalists write; the editor owns the workflow.
Validation collects every problem with its file and line, then raises once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.briefs.where import shown
from generator.errors import ConfigError, NotFoundError, collected

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_TOP_KEYS = {"members", "journalists", "editor", "cadence"}
_MEMBER_KEYS = {"id", "name", "role", "expertise", "email", "monthly_capacity", "unavailable", "show_email", "bio"}
_PERSON_KEYS = {"id", "name", "role", "email", "show_email", "monthly_capacity", "unavailable"}


@dataclass(frozen=True)
class Member:
    """A committee member (subject-matter expert)."""

    id: str
    name: str
    role: str
    expertise: tuple[str, ...]
    email: str | None
    monthly_capacity: int
    unavailable: tuple[dt.date, ...] = ()
    show_email: bool = False


@dataclass(frozen=True)
class Person:
    """A journalist or the editor."""

    id: str
    name: str
    role: str
    email: str | None = None
    monthly_capacity: int | None = None


@dataclass(frozen=True)
class Committee:
    """Members, journalists, the editor and the meeting cadence."""

    members: tuple[Member, ...]
    journalists: tuple[Person, ...]
    editor: Person
    cadence: dict
    path: Path | None = field(default=None, compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @functools.cached_property
    def by_id(self) -> dict[str, Member | Person]:
        out: dict[str, Member | Person] = {m.id: m for m in self.members}
        out.update({j.id: j for j in self.journalists})
        out[self.editor.id] = self.editor
        return out

    def people(self) -> dict[str, Member | Person]:
        """Everyone by id: members, journalists, the editor."""
        return dict(self.by_id)

    def person(self, person_id: str) -> Member | Person:
        """The member, journalist or editor with this id; NotFoundError names the closest ids."""
        people = self.by_id
        if person_id in people:
            return people[person_id]
        close = difflib.get_close_matches(str(person_id), list(people), n=3, cutoff=0.5)
        hint = f". Closest: {', '.join(close)}" if close else f"; known: {', '.join(sorted(people))}"
        raise NotFoundError(f"no person '{person_id}' in {shown(self.path) if self.path else 'the committee'}{hint}")

    def role_of(self, person_id: str) -> str:
        """``editor``, ``journalist`` or ``committee`` (members; the brief's expert also acts as ``sme``)."""
        if person_id == self.editor.id:
            return "editor"
        if any(j.id == person_id for j in self.journalists):
            return "journalist"
        self.person(person_id)
        return "committee"

    def member(self, person_id: str) -> Member:
        person = self.person(person_id)
        if not isinstance(person, Member):
            raise NotFoundError(f"'{person_id}' is not a committee member (experts are listed under 'members')")
        return person


def load_committee(path: Path | str) -> Committee:
    """Load and validate ``committee.yml``; all problems are raised at once as ConfigError."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{shown(path)}: committee file not found; create it (members, journalists, editor, cadence)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown(path)}: not UTF-8 text; save it as UTF-8") from exc
    return parse_committee(text, path)


def parse_committee(text: str, path: Path | str) -> Committee:
    """Validate committee YAML text; errors name ``path`` and each line."""
    from generator.briefs.yamlnodes import by_line, line_of, load_with_nodes

    label = shown(path)
    data, node = load_with_nodes(text, label)
    if not isinstance(data, dict):
        raise ConfigError(f"{label}:1: the committee file must be a mapping with members, journalists, editor, cadence")
    problems = by_line(_validate(data, lambda *keys: f"{label}:{line_of(node, *keys)}"))
    errors = [p for p in problems if not p.startswith("warning: ")]
    if errors:
        raise ConfigError(collected(errors, label))
    warnings = tuple(p.removeprefix("warning: ") for p in problems if p.startswith("warning: "))
    return _build(data, Path(path), warnings)


def _validate(data: dict, at) -> list[str]:
    problems = [f"warning: {at(k)}: unknown key '{k}' (ignored)" for k in data if k not in _TOP_KEYS]
    members = data.get("members")
    if not isinstance(members, list) or not members:
        problems.append(f"{at('members')}: 'members' must be a non-empty list of committee members")
        members = []
    journalists = data.get("journalists") or []
    if not isinstance(journalists, list):
        problems.append(f"{at('journalists')}: 'journalists' must be a list")
        journalists = []
    for i, member in enumerate(members):
        problems += _validate_person(member, ("members", i), at, _MEMBER_KEYS, member=True)
    for i, person in enumerate(journalists):
        problems += _validate_person(person, ("journalists", i), at, _PERSON_KEYS, member=False)
    if not isinstance(data.get("editor"), dict):
        problems.append(f"{at('editor')}: 'editor' must be a mapping with id, name and email")
    else:
        problems += _validate_person(data["editor"], ("editor",), at, _PERSON_KEYS, member=False)
    problems += _duplicate_ids(data, members, journalists, at)
    if "cadence" in data and not isinstance(data["cadence"], dict):
        problems.append(f"{at('cadence')}: 'cadence' must be a mapping such as {{frequency: weekly, day: tuesday}}")
    return problems


def _validate_person(entry: Any, where: tuple, at, allowed: set, member: bool) -> list[str]:
    if not isinstance(entry, dict):
        return [f"{at(*where)}: each entry must be a mapping with id, name, email"]
    who = f"'{entry.get('id')}'" if entry.get("id") else "entry"
    required = ["id", "name", "role", "expertise", "monthly_capacity"] if member else ["id", "name"]
    problems = [f"{at(*where)}: {who} is missing '{key}'" for key in required if entry.get(key) in (None, "", [])]
    problems += [f"warning: {at(*where, k)}: unknown key '{k}' in {who} (ignored)" for k in entry if k not in allowed]
    if entry.get("id") not in (None, "") and not _ID.fullmatch(str(entry["id"])):
        problems.append(f"{at(*where, 'id')}: id '{entry['id']}' must be lowercase letters, digits, '-' or '_'")
    problems += _check_email(entry, where, at, who)
    problems += _check_capacity(entry, where, at, who)
    problems += _check_list(entry, where, at, who)
    return problems


def _check_email(entry: dict, where: tuple, at, who: str) -> list[str]:
    email = entry.get("email")
    if email is not None and not (isinstance(email, str) and _EMAIL.fullmatch(email)):
        return [f"{at(*where, 'email')}: bad email '{email}' for {who}; use name@example.com"]
    if "show_email" in entry and not isinstance(entry["show_email"], bool):
        return [f"{at(*where, 'show_email')}: show_email for {who} must be true or false"]
    return []


def _check_capacity(entry: dict, where: tuple, at, who: str) -> list[str]:
    capacity = entry.get("monthly_capacity")
    if capacity is None:
        return []
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        return [f"{at(*where, 'monthly_capacity')}: monthly_capacity for {who} must be a whole number, found {capacity!r}"]
    if capacity < 0:
        return [f"{at(*where, 'monthly_capacity')}: negative monthly_capacity {capacity} for {who}; use 0 or more"]
    return []


def _check_list(entry: dict, where: tuple, at, who: str) -> list[str]:
    problems = []
    expertise = entry.get("expertise")
    if expertise is not None and not (isinstance(expertise, list) and all(isinstance(t, str) for t in expertise)):
        problems.append(f"{at(*where, 'expertise')}: expertise for {who} must be a list of tags")
    unavailable = entry.get("unavailable") or []
    if not isinstance(unavailable, list):
        return problems + [f"{at(*where, 'unavailable')}: unavailable for {who} must be a list of dates"]
    for i, day in enumerate(unavailable):
        if not isinstance(day, dt.date):
            problems.append(f"{at(*where, 'unavailable', i)}: '{day}' in unavailable for {who} is not a date (YYYY-MM-DD)")
    return problems


def _duplicate_ids(data: dict, members: list, journalists: list, at) -> list[str]:
    entries = [(("members", i), m) for i, m in enumerate(members)]
    entries += [(("journalists", i), j) for i, j in enumerate(journalists)]
    if isinstance(data.get("editor"), dict):
        entries.append((("editor",), data["editor"]))
    seen, problems = {}, []
    for where, entry in entries:
        pid = entry.get("id") if isinstance(entry, dict) else None
        if pid in (None, ""):
            continue
        if pid in seen:
            problems.append(f"{at(*where, 'id')}: duplicate id '{pid}' (first at line {seen[pid]}); ids must be unique")
        else:
            seen[pid] = at(*where, "id").rsplit(":", 1)[1]
    return problems


def _build(data: dict, path: Path, warnings: tuple[str, ...]) -> Committee:
    members = tuple(_member(m) for m in data["members"])
    journalists = tuple(_person(j, "Journalist") for j in data.get("journalists") or [])
    return Committee(
        members=members,
        journalists=journalists,
        editor=_person(data["editor"], "Editor"),
        cadence=dict(data.get("cadence") or {}),
        path=path,
        warnings=warnings,
    )


def _member(entry: dict) -> Member:
    return Member(
        id=str(entry["id"]),
        name=str(entry["name"]),
        role=str(entry["role"]),
        expertise=tuple(str(t) for t in entry.get("expertise") or ()),
        email=entry.get("email"),
        monthly_capacity=int(entry["monthly_capacity"]),
        unavailable=tuple(sorted(entry.get("unavailable") or ())),
        show_email=bool(entry.get("show_email", False)),
    )


def _person(entry: dict, default_role: str) -> Person:
    capacity = entry.get("monthly_capacity")
    return Person(
        id=str(entry["id"]),
        name=str(entry["name"]),
        role=str(entry.get("role") or default_role),
        email=entry.get("email"),
        monthly_capacity=int(capacity) if capacity is not None else None,
    )
