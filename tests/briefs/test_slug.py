"""Hostile keywords: slugs are safe file names and front matter parses back to the same keyword."""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from authoring_data import TODAY, make_project  # noqa: E402

from generator.briefs import store  # noqa: E402
from generator.briefs.draft import draft_briefs  # noqa: E402
from generator.briefs.slug import MAX_LENGTH, slugify, unique_slug  # noqa: E402

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HOSTILE = [
    "../../etc/passwd",
    "<script>alert('x')</script>",
    "sales 🚀 playbook 😀",
    "😀😀😀",
    "كيف توظف مندوب مبيعات",
    "x" * 5000,
    "crème brûlée straße",
    'key: "value" # not a comment\n- list',
    "--- \n---\n",
    "con",
    "",
    "   ",
    "null",
    "yes",
    "2026-01-01",
    "{{ jinja }} {% raw %}",
    "a\\b\tc\r\nd\x00e",
]


@pytest.mark.parametrize("keyword", HOSTILE)
def test_slug_is_safe(keyword):
    slug = slugify(keyword)
    assert SAFE.match(slug), slug
    assert 0 < len(slug) <= MAX_LENGTH
    assert slug not in {"con", "nul", "prn", "aux"}


def test_examples():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Crème brûlée Straße") == "creme-brulee-strasse"
    assert slugify("كيف توظف") == slugify("كيف توظف") != slugify("كيف")
    assert slugify("كيف توظف").startswith("kw-")
    assert len(slugify("sales " * 1000)) <= MAX_LENGTH and not slugify("sales " * 1000).endswith("-")


def test_unique_slug_suffixes():
    taken = {"a", "a-2"}
    assert unique_slug("a", taken) == "a-3"
    assert unique_slug("b", taken) == "b"
    assert {"a-3", "b"} <= taken
    long = "x" * MAX_LENGTH
    assert len(unique_slug(long, {long})) <= MAX_LENGTH


@given(st.text())
def test_any_text_gives_a_safe_slug(text):
    slug = slugify(text)
    assert SAFE.match(slug) and len(slug) <= MAX_LENGTH


def _hostile_project(root: Path, keywords: list[str]) -> Path:
    clusters = [(f"c{i}", kw, "informational:1", [(kw, 10, 5, 50.0 - i, "")]) for i, kw in enumerate(keywords)]
    return make_project(root, clusters=clusters)


def test_hostile_keywords_draft_into_valid_briefs(tmp_path):
    keywords = [k for k in HOSTILE if k.strip() and "\x00" not in k and "\r" not in k and "\n" not in k]
    project = _hostile_project(tmp_path, keywords)
    result = draft_briefs(project, top=0, today=TODAY)
    assert len(result.created) == len(keywords)
    briefs_dir = project / "thought_leadership" / "briefs"
    for path in result.created:
        assert path.parent == briefs_dir and SAFE.match(path.stem)
        front = store.read_brief(path).front
        assert front["target_keyword"] in keywords
        assert front["slug"] == path.stem
    assert sorted(store.read_brief(p).front["target_keyword"] for p in result.created) == sorted(keywords)
    assert len({p.name for p in result.created}) == len(keywords)


CSV_SAFE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    min_size=1, max_size=60,
).filter(lambda s: s.strip() == s and s.strip() and "|" not in s)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keyword=st.one_of(CSV_SAFE, st.sampled_from(string.punctuation).map(lambda c: f"{c}sales{c}")))
def test_any_keyword_round_trips_through_front_matter(tmp_path_factory, keyword):
    root = tmp_path_factory.mktemp("p")
    _hostile_project(root, [keyword])
    (path,) = draft_briefs(root, today=TODAY).created
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert front["target_keyword"] == keyword
    def norm(text):
        return " ".join(text.casefold().split())

    assert norm(keyword).rstrip(" ?.!") in norm(front["title"])
    assert SAFE.match(path.stem)
