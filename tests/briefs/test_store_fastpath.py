"""Fast paths: the front-matter reader agrees with yaml.CSafeLoader, the csv-module analysis reader
agrees with pandas, batched exclusive creation never overwrites, drafted output is unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import os

import pytest
import yaml
from authoring_data import TODAY, make_project
from editorial_data import brief_front
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import fsutil
from generator.briefs import analysis_input, store
from generator.briefs.draft import draft_briefs
from generator.briefs.where import shown
from generator.errors import InputError, OutputError
from generator.keywords import schema as S

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ERROR = ("error",)


def typed(value):
    """``value`` with every type made visible (True != 1, 0.0 != -0.0, date != datetime), dict order kept."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def by_yaml(text: str):
    try:
        return typed(yaml.load(text, Loader=LOADER))
    except Exception:  # noqa: BLE001 - any failure (YAMLError, ValueError for 2026-02-30) counts as "not readable"
        return ERROR


def assert_agrees(text: str):
    fast = store.fast_front(text)
    if fast is not None:
        expected = by_yaml(text)
        assert expected != ERROR, f"fast path read text YAML rejects: {text!r}"
        assert typed(fast) == (expected if text else typed({})), text
    return fast


# --------------------------------------------------------------------------- what the store writes

PLAIN_KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True).filter(
    lambda k: k.lower() not in {"yes", "no", "true", "false", "on", "off", "y", "n", "null"}
)
ANY_KEYS = PLAIN_KEYS | st.sampled_from(["yes", "No", "null", "ON", "y", "true", "a b", "1", "-x", "é"]) | st.text(max_size=4)
SIMPLE_FLOATS = st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: "e" not in repr(f))
WORDS = st.sampled_from(["yes", "No", "TRUE", "null", "Null", "~", "on", "y", "n", "1.5", "007", "1_000", "0x1A",
                         "2026-02-30", "2026-1-2", "2026-06-15", "a  b", "/x", "-", ".", "=", "<<", "a: b", "a, b"])


def fronts(keys, floats, leaves):
    scalars = st.none() | st.booleans() | st.integers() | floats | st.dates() | st.text() | WORDS
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                          max_leaves=leaves)
    return st.dictionaries(keys, values, max_size=6)


@settings(max_examples=400, deadline=None)
@given(fronts(PLAIN_KEYS, SIMPLE_FLOATS, 12))
def test_fast_path_reads_everything_the_store_writes_like_yaml(front):
    text = store.render_front_matter(front)
    assert assert_agrees(text) is not None, text


@settings(max_examples=300, deadline=None)
@given(fronts(ANY_KEYS, st.floats(), 8))
def test_fast_path_agrees_with_yaml_or_steps_aside(front):
    assert_agrees(store.render_front_matter(front))


LINE_KEYS = st.sampled_from(["id", "title", "a_b", "x-1", "yes", "Null", "on", "_", "é", "1", "a b", '"q"', "- x", "? k"])
SEPARATORS = st.sampled_from([": ", ":", ":  ", " : ", ":\t", ": \t"])
VALUES = st.sampled_from([
    "a", "a b", "a  b", "a ", "1", "01", "-1", "+1", "0", "-0", "1.5", "-0.0", "1.", ".5", "1e3", "1_000", "0x1A", "0o7",
    "12:30", "2026-01-02", "2026-02-30", "2026-1-2", "2026-01-02T10:00:00Z", "true", "True", "TRUE", "false", "yes",
    "no", "on", "Off", "null", "Null", "~", "y", "n", '"x"', '"a\\"b"', '"\\x41"', '"\\u00e9"', '"\\ud800"',
    '"\\U0001F600"', '"\\U00110000"', '"\\/"', '"\\e"', '"\\ "', '"tab\there"', '"\u00a0"', '"\ufeff"', '"a', "'s'",
    "[a, b]", "[a,b]", "[a, [b, {c: d}]]", "{a: 1}", "{a: b, c: [d]}", "{a: b,c: d}", "{a: 1, a: 2}", "{yes: 1}",
    "{}", "[]", "[ ]", "{a}", "[a, ]", "a #c", "a: b", "- a", "&x a", "*x", "!!str 1", "=", "<<", "/x", "x/", "é",
    "a\tb", ".inf", "-.inf", ".nan", "a, b", "a]", "a}", "|", ">", "", "\u2028", "x\r",
])
INDENTS = st.sampled_from(["", "  ", "  - ", "   ", "\t", " "])
GOOD_KEYS = st.sampled_from(["id", "title", "a_b", "x-1", "_", "Yes_no", "metrics", "due"])
GOOD_VALUES = st.sampled_from([
    "a", "a b", "a  b", "x.y", "a-b", "/x", "x/", "1", "-1", "0", "-0", "1.5", "-0.0", "123456789012345678901234567890",
    "2026-01-02", "2026-02-30", "true", "false", "null", '"x"', '"a\\"b"', '"\\x41"', '"\\u00e9"', '"\\U0001F600"',
    '"\\0"', '"\\n\\t\\r\\\\"', '""', '"é “q”"', '"a: b # c"', "[a, b]", "[a, [b, {c: d}]]", "{a: 1}",
    "{a: b, c: [d]}", "{a: 1, a: 2}", "{}", "[]", '["x, y", {k: "}"}]',
])


@st.composite
def near_subset(draw):
    """Front matter in the store's subset, sometimes with one line changed to something near it."""
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key = draw(GOOD_KEYS)
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(GOOD_VALUES)}")
            continue
        lines.append(f"{key}:")
        items = draw(st.booleans())
        for _ in range(draw(st.integers(0, 3))):
            lines.append(f"  - {draw(GOOD_VALUES)}" if items else f"  {draw(GOOD_KEYS)}: {draw(GOOD_VALUES)}")
    if lines and draw(st.booleans()):
        i = draw(st.integers(0, len(lines) - 1))
        head, _, value = lines[i].partition(": ")
        lines[i] = draw(st.sampled_from([
            f"{head}: {draw(VALUES)}",
            f"{draw(INDENTS)}{draw(LINE_KEYS)}{draw(SEPARATORS)}{value}",
            f"{draw(INDENTS)}{draw(LINE_KEYS)}{draw(SEPARATORS)}{draw(VALUES)}",
        ]))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", "", "\n\n", "\r\n"]))


@settings(max_examples=1500, deadline=None)
@given(near_subset())
def test_fast_path_on_text_near_its_subset(text):
    assert_agrees(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fast_path_on_any_text(text):
    assert_agrees(text)


SOME_KEYS = frozenset({"id", "title", "a_b", "metrics", "due", "yes"})


@settings(max_examples=500, deadline=None)
@given(near_subset() | st.text())
def test_fast_summary_equals_fast_path_on_the_summary_text(text):
    whole = typed(store.fast_front(text, SOME_KEYS))
    assert whole == typed(store.fast_front(store.summary_text(text, SOME_KEYS)))
    if store.fast_front(text, SOME_KEYS) is not None:
        assert_agrees(store.summary_text(text, SOME_KEYS))


def test_fast_path_examples():
    text = ('id: "2026-001"\ntitle: "Sales \\"SLA\\": a guide \u201cx\u201d"\nstatus: drafting\nmetrics:\n  volume: 405\n'
            "  score: 82.1\n  difficulty_imputed: false\n  refreshed: 2026-06-15\nsme: {id: maria-lopez, name: Maria Lopez}\n"
            "interview: {goal: g, questions: [q, \"r\"], date: null}\noutline:\n  - {h2: One, h3: [a, b]}\nempty:\n")
    front = assert_agrees(text)
    assert front["title"] == 'Sales "SLA": a guide \u201cx\u201d'
    assert front["metrics"]["refreshed"] == dt.date(2026, 6, 15) and front["empty"] is None
    for fallback in ("title: yes\n", "a: 1 # c\n", "a: 'x'\n", "a: 1\r\n", "a:\n    b: 1\n", "a:\n  b: 1\n  - c\n"):
        assert store.fast_front(fallback) is None, fallback
    assert store.parse_front("title: yes\n", "x.md") == {"title": True}  # YAML still decides what falls back


def test_summary_of_a_front_matter_without_keys_reports_the_missing_id(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    path = folder / "only-a-comment.md"
    path.write_text("---\n# nothing here yet\n---\nbody\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        store.load_briefs(folder, store.SUMMARY_KEYS)
    assert str(err.value) == f"{shown(path)}:2: missing 'id'; add a unique id such as \"2026-001\""


def test_load_briefs_fast_and_yaml_briefs_side_by_side_and_cached(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    for n, extra in ((1, ""), (2, "# a comment the fast path leaves to YAML\n")):
        text = store.render_brief(brief_front(n, title=f"Brief {n}"), "body\n").replace("---\n", "---\n" + extra, 1)
        (folder / f"brief-{n}.md").write_text(text, encoding="utf-8")
    first = store.load_briefs(folder, store.SUMMARY_KEYS)
    again = store.load_briefs(folder, store.SUMMARY_KEYS)  # from the cache
    full = store.load_briefs(folder)
    assert [b.front for b in first] == [b.front for b in again]
    for brief, whole in zip(first, full, strict=True):
        assert brief.front == {k: v for k, v in whole.front.items() if k in store.SUMMARY_KEYS}
    assert (folder / ".cache" / "fronts.json").is_file()


# --------------------------------------------------------------------------- analysis without pandas

FLAGS = st.sampled_from(["True", "False", " true ", "1", "yes", "0", "", "TRUE"])
NUMBERS = st.sampled_from(["", "0", "7", "12", "007", "3.5", "40.25", "1900"])


@st.composite
def analyses(draw):
    clusters = draw(st.lists(st.sampled_from(["a-1", "b-2", "c-3", " "]), min_size=1, max_size=3, unique=True))
    rows = draw(st.lists(st.tuples(st.sampled_from(["k one", "k two", "how k", "k, three", "k \"q\""]), NUMBERS,
                                   NUMBERS, FLAGS, NUMBERS, st.sampled_from(["informational", "question;howto", ""]),
                                   st.sampled_from(["", "best", "template"]), st.sampled_from(clusters), FLAGS),
                         max_size=25))
    return clusters, rows


def write_csvs(folder, clusters, rows):
    folder.mkdir(parents=True, exist_ok=True)
    columns = [S.KEYWORD, S.VOLUME, S.DIFFICULTY, S.DIFFICULTY_IMPUTED, S.SCORE, S.INTENT, S.MODIFIERS, S.CLUSTER,
               S.IS_PILLAR]  # the order of the rows' tuples, as the analysis writes them
    with open(folder / S.OPPORTUNITIES_CSV, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)
    with open(folder / S.CLUSTERS_CSV, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(analysis_input.CLUSTER_REQUIRED)
        for i, cid in enumerate(clusters):
            writer.writerow([cid, f"label {i}", f"pillar {i}", "3", "100", "", f"{i}.5", "informational:2;question:1",
                             "k one|k two", "how k"])


def same_analysis(plain, ref):
    assert plain.clusters == ref.clusters
    assert set(plain._members) == set(ref._members)
    for cid in ref._members:
        assert plain.members(cid) == ref.members(cid)
        assert [type(k.volume) for k in plain.members(cid)] == [type(k.volume) for k in ref.members(cid)]
        assert plain.any_imputed(cid) == ref.any_imputed(cid)
        assert plain.pillar_labels(cid) == ref.pillar_labels(cid)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(analyses())
def test_plain_analysis_reader_matches_pandas(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("analysis")
    write_csvs(folder, *data)
    plain = analysis_input._read_plain(folder, folder / S.CLUSTERS_CSV, folder / S.OPPORTUNITIES_CSV)
    assert plain is not None
    ref = analysis_input._build(
        folder,
        analysis_input._read_csv(folder / S.CLUSTERS_CSV, analysis_input.CLUSTER_REQUIRED, "c"),
        analysis_input._read_csv(folder / S.OPPORTUNITIES_CSV, analysis_input.OPPORTUNITY_REQUIRED, "o"),
    )
    same_analysis(plain, ref)


@pytest.mark.parametrize("odd", ["1e3", "-4", "nan", " 7"])
def test_numbers_outside_digits_are_left_to_pandas(tmp_path, odd):
    write_csvs(tmp_path, ["a-1"], [("k one", odd, "3", "False", "5.5", "informational", "", "a-1", "True")])
    assert analysis_input._read_plain(tmp_path, tmp_path / S.CLUSTERS_CSV, tmp_path / S.OPPORTUNITIES_CSV) is None
    assert analysis_input.load_analysis(tmp_path).members("a-1")[0].keyword == "k one"


def test_ragged_file_is_left_to_pandas(tmp_path):
    write_csvs(tmp_path, ["a-1"], [("k one", "1", "3", "False", "5.5", "informational", "", "a-1", "True")])
    with open(tmp_path / S.OPPORTUNITIES_CSV, "a", encoding="utf-8") as fh:
        fh.write("\nk two,2,3,False,4.5,informational,,a-1,False\n")
    assert analysis_input._read_plain(tmp_path, tmp_path / S.CLUSTERS_CSV, tmp_path / S.OPPORTUNITIES_CSV) is None
    assert [k.keyword for k in analysis_input.load_analysis(tmp_path).members("a-1")] == ["k one", "k two"]


# --------------------------------------------------------------------------- batched exclusive creation


def test_create_exclusive_many_never_overwrites_and_leaves_no_temp_files(tmp_path, monkeypatch):
    monkeypatch.setattr(fsutil, "SYNC_BATCH", 2)
    (tmp_path / "c.md").write_text("old", encoding="utf-8")
    items = [(tmp_path / f"{name}.md", f"new {name}") for name in "abcde"] + [(tmp_path / "sub" / "f.md", "new f")]
    assert fsutil.create_exclusive_many(items) == [True, True, False, True, True, True]
    assert (tmp_path / "c.md").read_text(encoding="utf-8") == "old"
    assert (tmp_path / "e.md").read_text(encoding="utf-8") == "new e"
    assert oct((tmp_path / "a.md").stat().st_mode & 0o777) == "0o644"
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.md", "c.md", "d.md", "e.md", "sub"]
    assert fsutil.create_exclusive(tmp_path / "a.md", "again") is False


def test_create_briefs_names_the_brief_it_cannot_create(tmp_path):
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    path = tmp_path / "not-a-folder" / "x.md"
    with pytest.raises(OutputError) as err:
        store.create_briefs([(path, store.render_brief(brief_front(1), "body\n"))])
    assert str(err.value) == f"{shown(path)}: cannot create the brief (File exists); check the folder"


def test_create_briefs_checks_text_that_is_not_the_rendered_front_matter(tmp_path):
    front = store.render_front_matter(brief_front(1))
    good, bad = f"---\n{front}---\nbody\n", "---\ntitle: [unclosed\n---\nbody\n"
    assert store.create_briefs([(tmp_path / "a.md", good)], rendered=[front]) == [True]
    with pytest.raises(InputError):
        store.create_briefs([(tmp_path / "b.md", bad)], rendered=[front])
    assert not (tmp_path / "b.md").exists()


def test_draft_writes_the_same_briefs_as_a_full_yaml_check(tmp_path):
    project = make_project(tmp_path)
    result = draft_briefs(project, top=10, today=TODAY)
    assert result.created
    for path in result.created:
        brief = store.read_brief(path)
        front_text, _ = store.split_front_matter(brief.text, path)
        assert brief.front == yaml.load(front_text, Loader=LOADER)
