"""committee.yml: loading, lookups and validation (every problem, with its line)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from editorial_data import COMMITTEE_YML

from generator.briefs.committee import Member, Person, load_committee, parse_committee
from generator.errors import ConfigError, NotFoundError

REPO = Path(__file__).resolve().parents[2]


def test_sample_committee_is_valid_and_realistic():
    committee = load_committee(REPO / "thought_leadership" / "committee.yml")
    assert 5 <= len(committee.members) <= 7
    assert committee.editor.id == "jo-park"
    assert [j.id for j in committee.journalists] == ["sam-reed", "priya-nair"]
    assert committee.cadence["day"] == "tuesday"
    tags = {t for m in committee.members for t in m.expertise}
    for topic in ("hiring", "coachability", "gpct", "compensation", "seo", "sla", "buyer matrix", "sales management"):
        assert topic in tags
    assert [m.id for m in committee.members if m.show_email] == ["david-chen"]
    assert committee.warnings == ()


def test_lookups(tmp_path):
    committee = parse_committee(COMMITTEE_YML, tmp_path / "committee.yml")
    maria = committee.person("maria-lopez")
    assert maria == Member(
        id="maria-lopez", name="Maria Lopez", role="VP Sales", expertise=("compensation", "contests"),
        email="maria@example.com", monthly_capacity=1, unavailable=(dt.date(2026, 12, 8),), show_email=False,
    )
    assert committee.person("jo-park") == Person("jo-park", "Jo Park", "Managing Editor", "jo@example.com")
    assert [committee.role_of(p) for p in ("jo-park", "sam-reed", "david-chen")] == ["editor", "journalist", "committee"]
    with pytest.raises(NotFoundError) as err:
        committee.role_of("maria-lopes")
    assert str(err.value) == f"no person 'maria-lopes' in {tmp_path / 'committee.yml'}. Closest: maria-lopez"


BAD = """\
cadence: {frequency: weekly, day: tuesday}
editor: {id: jo-park, name: Jo Park, email: jo@example.com}
journalists:
  - {id: sam-reed, name: Sam Reed, email: not-an-email}
members:
  - id: maria-lopez
    name: Maria Lopez
    role: VP Sales
    expertise: [compensation]
    monthly_capacity: -2
    favourite_colour: blue
  - id: maria-lopez
    name: Maria Again
    role: CEO
    expertise: [hiring]
    monthly_capacity: 1
  - id: no-name
    role: CFO
    expertise: [finance]
    monthly_capacity: 1
    unavailable: [someday]
"""


def test_every_problem_is_reported_with_its_line():
    with pytest.raises(ConfigError) as err:
        parse_committee(BAD, "tl/committee.yml")
    assert str(err.value) == (
        "5 problems in tl/committee.yml:\n"
        "  tl/committee.yml:4: bad email 'not-an-email' for 'sam-reed'; use name@example.com\n"
        "  tl/committee.yml:10: negative monthly_capacity -2 for 'maria-lopez'; use 0 or more\n"
        "  tl/committee.yml:12: duplicate id 'maria-lopez' (first at line 6); ids must be unique\n"
        "  tl/committee.yml:17: 'no-name' is missing 'name'\n"
        "  tl/committee.yml:21: 'someday' in unavailable for 'no-name' is not a date (YYYY-MM-DD)"
    )


def test_unknown_keys_are_warnings(tmp_path):
    text = COMMITTEE_YML.replace("    show_email: true\n", "    show_email: true\n    shoe_size: 44\n") + "budget: 10\n"
    committee = parse_committee(text, "c.yml")
    assert committee.warnings == (
        "c.yml:19: unknown key 'shoe_size' in 'david-chen' (ignored)",
        "c.yml:21: unknown key 'budget' (ignored)",
    )


def test_malformed_yaml_names_file_and_line():
    with pytest.raises(ConfigError) as err:
        parse_committee("members:\n  - id: a\n    name: [unclosed\n", "c.yml")
    assert str(err.value).startswith("c.yml:4: malformed YAML")


def test_single_problem_is_one_line():
    with pytest.raises(ConfigError) as err:
        parse_committee(COMMITTEE_YML.replace("monthly_capacity: 3", "monthly_capacity: lots"), "c.yml")
    assert str(err.value) == "c.yml:19: monthly_capacity for 'david-chen' must be a whole number, found 'lots'"


def test_missing_file_and_wrong_shape(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_committee(tmp_path / "committee.yml")
    assert str(err.value) == (
        f"{tmp_path / 'committee.yml'}: committee file not found; create it (members, journalists, editor, cadence)"
    )
    with pytest.raises(ConfigError) as err:
        parse_committee("- a\n- b\n", "c.yml")
    assert str(err.value) == "c.yml:1: the committee file must be a mapping with members, journalists, editor, cadence"
