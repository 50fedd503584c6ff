"""Brief files: safe rendering, reading, collected errors, lookups, surgical atomic updates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from editorial_data import BODY, brief_front, make_project, write_brief
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.briefs import store
from generator.errors import InputError, NotFoundError, OutputError

HOSTILE = [
    'title: # "quoted" \'single\' \n <script>alert(1)</script>',
    "x" * 5000,
    "🎉 emoji 👩‍💻 and ünïcödé",
    "- starts like a list",
    "yes", "null", "~", "2026-001", "1e3", "0x1F", "@at", "`tick", "%percent", "!tag", "&anchor", "*alias",
    "trailing space ", " leading space", "trailing newline\n", "A\n", "tab\there", "cr\rhere", "nul\0here", "line\u2028sep", "bom\ufeff",
    "---", "...", "{a: 1}", "[1, 2]", "key: value", "#comment",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_stay_valid_yaml_on_one_line(value):
    text = store.render_front_matter({"title": value, "list": [value], "map": {"k": value}})
    assert text.splitlines()[:2] == [f"title: {store.render_scalar(value)}", f"list: [{store.render_scalar(value)}]"]
    assert yaml.safe_load(text) == {"title": value, "list": [value], "map": {"k": value}}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_round_trips(value):
    value = re.sub(r"[\ud800-\udfff]", "", value)  # lone surrogates cannot be written as UTF-8
    text = store.render_front_matter({"title": value})
    assert yaml.safe_load(text) == {"title": value}


def test_render_shapes():
    front = brief_front(1)
    text = store.render_front_matter(front)
    assert 'id: "2026-001"\n' in text
    assert "secondary_keywords: [keyword 1 examples, keyword 1 template]\n" in text
    assert "metrics:\n  volume: 100\n  difficulty: 30\n" in text
    assert "gpct: {goals: g, plans: p, challenges: c, timeline: t}\n" in text
    assert "due:\n  committee_review: 2026-11-05\n" in text
    assert (
        "history:\n  - {from: null, to: pitch, by: playbook, at: \"2026-11-02T09:00:00+00:00\", "
        "note: drafted from keyword analysis}\n"
    ) in text
    assert yaml.safe_load(text) == front


def test_read_and_properties(tmp_path):
    project = make_project(tmp_path)
    path = write_brief(project, 3, sme={"id": "maria-lopez", "name": "Maria Lopez", "role": "VP Sales"})
    brief = store.read_brief(path)
    assert (brief.id, brief.slug, brief.status, brief.title) == ("2026-003", "brief-003", "pitch", "Working title 3")
    assert brief.sme_id == "maria-lopez" and brief.journalist is None and brief.editor == "jo-park"
    assert brief.due["published"] == dt.date(2026, 12, 10)
    assert brief.body == BODY
    assert brief.text == path.read_text(encoding="utf-8")


def test_create_is_exclusive(tmp_path):
    project = make_project(tmp_path)
    path = write_brief(project, 1)
    before = path.read_bytes()
    assert store.create_brief(path, store.render_brief(brief_front(1, title="Other"), "other")) is False
    assert path.read_bytes() == before


def test_load_briefs_collects_every_problem(tmp_path):
    project = make_project(tmp_path)
    write_brief(project, 1)
    write_brief(project, 2, slug="second", id="2026-001")
    (project.briefs_dir / "broken.md").write_text("---\nid: x\ntitle: [unclosed\nstatus: pitch\n---\nbody\n")
    (project.briefs_dir / "nofront.md").write_text("# just a body\n")
    with pytest.raises(InputError) as err:
        store.load_briefs(project.briefs_dir)
    d = project.briefs_dir
    assert str(err.value) == (
        f"3 problems in {d}:\n"
        f"  {d / 'broken.md'}:4: malformed YAML front matter (did not find expected ',' or ']'); fix the line\n"
        f"  {d / 'nofront.md'}:1: no front matter; a brief starts with a '---' line\n"
        f"  {d / 'second.md'}: duplicate id '2026-001' (also in brief-001.md); make it unique"
    )


def test_load_briefs_sorted_and_empty(tmp_path):
    project = make_project(tmp_path)
    assert store.load_briefs(project.briefs_dir) == []
    assert store.load_briefs(tmp_path / "missing") == []
    write_brief(project, 2, slug="a-second")
    write_brief(project, 1, slug="z-first")
    assert [b.id for b in store.load_briefs(project.briefs_dir)] == ["2026-001", "2026-002"]


def test_find_brief_by_id_or_slug_with_closest(tmp_path):
    project = make_project(tmp_path)
    write_brief(project, 1, slug="sales-compensation-plan")
    write_brief(project, 2, slug="how-to-hire")
    assert store.find_brief(project.briefs_dir, "2026-002").slug == "how-to-hire"
    assert store.find_brief(project.briefs_dir, "sales-compensation-plan").id == "2026-001"
    with pytest.raises(NotFoundError) as err:
        store.find_brief(project.briefs_dir, "2026-012")
    assert str(err.value) == "no brief '2026-012'. Closest: 2026-002, 2026-001"
    with pytest.raises(NotFoundError) as err:
        store.find_brief(project.briefs_dir, "zzz")
    assert str(err.value) == "no brief 'zzz'; run 'playbook briefs list' to see the 2 briefs"


def _outside(text: str, keys: set[str]) -> list[str]:
    """Lines of ``text`` that do not belong to the top-level front-matter ``keys``."""
    kept, current, fences = [], None, 0
    for line in text.splitlines(keepends=True):
        if line.rstrip() == "---":
            fences += 1
            current = None
        elif fences == 1:
            match = re.match(r"^([A-Za-z_][\w-]*):", line)
            if match:
                current = match.group(1)
            elif not line.startswith((" ", "-")):
                current = None
        if current not in keys:
            kept.append(line)
    return kept


def test_human_edits_survive_updates_byte_for_byte(tmp_path):
    project = make_project(tmp_path)
    path = write_brief(project, 1)
    text = path.read_text(encoding="utf-8")
    text = text.replace("persona: sales_leader\n", "persona: sales_leader   # agreed with Jo\nreviewer_notes: keep it short\n")
    text = text.replace("angle: ", "# the angle is the hook\nangle: ")
    text += "\n## Journalist notes\n\nInterview went well: 'quotes' and \"more\".\n<!-- keep -->\n"
    path.write_text(text, encoding="utf-8")

    entry = {"from": "pitch", "to": "committee_review", "by": "sam-reed", "at": "2026-11-03T10:00:00+00:00", "note": None}
    store.update_brief(path, {"status": "committee_review"}, entry)
    store.update_brief(path, {"journalist": "sam-reed", "sme": {"id": "maria-lopez", "name": "Maria", "role": "VP"}})
    store.update_brief(path, {"metrics": {"volume": 2000, "difficulty": None, "score": 80.0}})
    store.update_brief(path, {"brand_new": "added"})
    after = path.read_text(encoding="utf-8")

    changed = {"status", "history", "journalist", "sme", "metrics", "brand_new"}
    assert _outside(after, changed) == _outside(text, changed)
    brief = store.read_brief(path)
    assert brief.status == "committee_review" and brief.journalist == "sam-reed"
    assert brief.history[-1] == entry and len(brief.history) == 2
    assert brief.metrics == {"volume": 2000, "difficulty": None, "score": 80.0}
    assert brief.front["reviewer_notes"] == "keep it short" and brief.front["brand_new"] == "added"
    assert after.endswith("<!-- keep -->\n")
    assert "persona: sales_leader   # agreed with Jo\n" in after and "# the angle is the hook\n" in after


def test_update_keeps_crlf_and_flow_history(tmp_path):
    path = tmp_path / "b.md"
    path.write_bytes(b"---\r\nid: \"2026-001\"\r\nstatus: pitch\r\nhistory: []\r\n---\r\nbody\r\n")
    store.update_brief(path, {"status": "hold"}, {"from": "pitch", "to": "hold", "by": "jo", "at": "t", "note": "n"})
    brief = store.read_brief(path)
    assert brief.status == "hold" and brief.history == [{"from": "pitch", "to": "hold", "by": "jo", "at": "t", "note": "n"}]
    assert brief.text == (
        '---\r\nid: "2026-001"\r\nstatus: hold\r\nhistory:\r\n'
        "  - {from: pitch, to: hold, by: jo, at: t, note: \"n\"}\r\n---\r\nbody\r\n"
    )


def test_update_refuses_a_file_it_cannot_patch_safely(tmp_path):
    path = tmp_path / "b.md"
    original = "---\nid: \"2026-001\"\nstatus: pitch\nhistory: &h\n  - {to: pitch}\nother: *h\n---\nbody\n"
    path.write_text(original)
    with pytest.raises(OutputError) as err:
        store.update_brief(path, {"history": []})
    assert str(err.value).startswith(f"{path}: update would leave invalid YAML (")
    assert path.read_text() == original
    twice = "---\nid: \"2026-001\"\nstatus: pitch\nstatus: drafting\n---\nbody\n"
    path.write_text(twice)
    with pytest.raises(OutputError) as err:
        store.update_brief(path, {"status": "hold"})
    assert str(err.value) == f"{path}: update would change more than ['status']; file left unchanged"
    assert path.read_text() == twice


def test_next_id():
    briefs = [store.parse_brief("a.md", store.render_brief({"id": i}, "")) for i in ("2026-001", "2026-009", "2025-044")]
    assert store.next_id(briefs, 2026) == "2026-010"
    assert store.next_id(briefs, 2027) == "2027-001"


def test_front_cache_follows_edits_and_survives_corruption(tmp_path):
    project = make_project(tmp_path)
    path = write_brief(project, 1)
    assert store.load_briefs(project.briefs_dir)[0].title == "Working title 1"
    cache = project.briefs_dir / ".cache" / "fronts.json"
    assert cache.is_file() and (cache.parent / ".gitignore").read_text() == "*\n"
    path.write_text(path.read_text().replace("Working title 1", "Edited by hand"))
    first = store.load_briefs(project.briefs_dir)[0]
    assert first.title == "Edited by hand" and first.due["published"] == dt.date(2026, 12, 10)
    assert first.front == store.read_brief(path).front
    cache.write_text("{not json")
    assert store.load_briefs(project.briefs_dir)[0].front == store.read_brief(path).front


def test_history_append_after_hand_written_items_and_comments(tmp_path):
    path = tmp_path / "b.md"
    text = (
        "---\nid: \"2026-001\"\nstatus: pitch\nhistory:\n"
        "  - from: null\n    to: pitch   # written by hand\n    by: jo\n"
        "# a comment after the history\n"
        "custom: kept\n---\nbody\n"
    )
    path.write_text(text)
    entry = {"from": "pitch", "to": "hold", "by": "jo-park", "at": "2026-11-03T10:00:00+00:00", "note": "wait"}
    brief = store.update_brief(path, {"status": "hold"}, entry)
    assert brief.text == text.replace("status: pitch", "status: hold").replace(
        "    by: jo\n", "    by: jo\n  - {from: pitch, to: hold, by: jo-park, at: \"2026-11-03T10:00:00+00:00\", note: wait}\n"
    )
    assert brief.history == [{"from": None, "to": "pitch", "by": "jo"}, entry]
