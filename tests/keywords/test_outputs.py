"""Output files: all seven written together (or none), formats, summary keys."""

import io
import json

import numpy as np
import pandas as pd
import pytest
from analysis_fixture import fixture_load

from generator.errors import OutputError
from generator.keywords import analysis as analysis_mod
from generator.keywords import outputs, schema
from generator.keywords.analysis import STEPS, analyze

FILES = {schema.OPPORTUNITIES_CSV, schema.CLUSTERS_CSV, schema.NGRAMS_CSV, schema.REJECTED_CSV,
         schema.SUMMARY_JSON, schema.REPORT_MD, schema.LONGTAIL_SVG}


@pytest.fixture
def written(tmp_path):
    load = fixture_load()
    out = tmp_path / "analysis"
    summary = outputs.write_outputs(analyze(load.table), load, out)
    return out, summary, load


def test_all_files_written_and_nothing_else(written, tmp_path):
    out, _, _ = written
    assert {p.name for p in out.iterdir()} == FILES
    assert [p.name for p in tmp_path.iterdir()] == ["analysis"]  # no staging folder left behind


def test_summary_keys_and_accounting(written):
    out, summary, load = written
    on_disk = json.loads((out / schema.SUMMARY_JSON).read_text(encoding="utf-8"))
    assert on_disk == summary
    assert list(summary)[:6] == ["rows_read", "rows_kept", "rows_rejected", "keywords",
                                 "keywords_total_volume", "sources"]
    assert {"segments", "long_tail", "clusters", "settings"} <= set(summary)
    assert summary["rows_read"] == summary["rows_kept"] + summary["rows_rejected"] == 28
    assert summary["sources"][1] == {
        "path": "fixtures/gkp.csv", "format": "gkp", "encoding": "utf-16-le", "rows_read": 17,
        "rows_kept": 15, "rows_rejected": 2, "warnings": ["fixtures/gkp.csv: every volume is a bucket"],
    }
    assert set(summary["segments"]) == {"head", "torso", "tail"}
    assert set(summary["segments"]["head"]) == {"keywords", "volume", "min_volume", "max_volume",
                                                "share_keywords", "share_volume"}
    assert set(summary["long_tail"]) >= {"keywords", "share_keywords", "share_volume", "definition"}
    assert summary["clusters"] == 8
    assert sum(s["keywords"] for s in summary["segments"].values()) == summary["keywords"] == 25


def test_opportunities_csv_format(written):
    out, _, _ = written
    raw = (out / schema.OPPORTUNITIES_CSV).read_bytes()
    assert b"\r" not in raw
    text = raw.decode("utf-8")
    header = text.splitlines()[0].split(",")
    assert header == schema.OPPORTUNITY_COLUMNS
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)
    assert set(frame[schema.LONG_TAIL]) <= {"true", "false"}
    assert set(frame[schema.IS_PILLAR]) == {"true", "false"}
    assert frame[schema.RANK].tolist() == [str(i) for i in range(1, 26)]
    scores = frame[schema.SCORE].astype(float)
    assert scores.is_monotonic_decreasing and scores.iloc[0] == 100
    row = frame.set_index(schema.KEYWORD).loc["sales playbook template"]
    assert row[schema.VOLUME] == "" and row[schema.IMPRESSIONS] == "4200"  # missing stays empty
    assert row[schema.DIFFICULTY] == "" and row[schema.DIFFICULTY_IMPUTED] == "true"


def test_other_csvs(written):
    out, _, _ = written
    clusters = pd.read_csv(out / schema.CLUSTERS_CSV)
    assert list(clusters.columns) == schema.CLUSTER_COLUMNS
    ngrams = pd.read_csv(out / schema.NGRAMS_CSV, keep_default_na=False)
    assert list(ngrams.columns) == schema.NGRAM_COLUMNS
    assert ngrams.iloc[0].tolist() == ["sales", 1, 19, 19520, 19, 1027]  # 19 keywords, volume or impressions
    rejected = pd.read_csv(out / schema.REJECTED_CSV, keep_default_na=False)
    assert list(rejected.columns) == schema.REJECTED_COLUMNS and len(rejected) == 3


def test_rewrite_is_identical_and_replaces(written):
    out, _, load = written
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / schema.REPORT_MD).write_text("stale", encoding="utf-8")
    outputs.write_outputs(analyze(load.table), load, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_nothing_written_when_rendering_fails(tmp_path, monkeypatch):
    load = fixture_load()
    out = tmp_path / "analysis"
    out.mkdir()
    (out / schema.REPORT_MD).write_text("previous run", encoding="utf-8")
    result = analyze(load.table)

    def broken(*args, **kwargs):
        raise RuntimeError("chart failed")

    monkeypatch.setattr("generator.keywords.chart.longtail_svg", broken)
    with pytest.raises(RuntimeError):
        outputs.write_outputs(result, load, out)
    assert [p.name for p in out.iterdir()] == [schema.REPORT_MD]
    assert (out / schema.REPORT_MD).read_text(encoding="utf-8") == "previous run"
    assert [p.name for p in tmp_path.iterdir()] == ["analysis"]


def test_nothing_written_when_a_write_fails(tmp_path, monkeypatch):
    load = fixture_load()
    out = tmp_path / "analysis"
    result = analyze(load.table)
    real = outputs.fsutil.atomic_write_bytes
    calls = []

    def flaky(path, data):
        calls.append(path.name)
        if len(calls) == 4:
            raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(outputs.fsutil, "atomic_write_bytes", flaky)
    with pytest.raises(OSError):
        outputs.write_outputs(result, load, out)
    assert list(out.iterdir()) == []


def test_unwritable_out_is_one_line_error(tmp_path):
    load = fixture_load()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as err:
        outputs.write_outputs(analyze(load.table), load, blocker / "analysis")
    assert str(err.value).startswith(f"{blocker / 'analysis'}: cannot write the output folder")
    assert "\n" not in str(err.value)


def test_analyze_does_not_change_its_input_and_reports_steps():
    table = fixture_load().table
    copy = table.copy(deep=True)
    steps = []
    analyze(table, on_step=steps.append)
    pd.testing.assert_frame_equal(table, copy)
    assert tuple(steps) == STEPS


def test_csv_rules():
    frame = pd.DataFrame({"flag": [True, False], "mixed": [True, None], "whole": [1.0, np.nan],
                          "part": [0.5, 316.22776601683796], "n": [3, 4], "text": ["a,b", None],
                          "plain": pd.Series(["x", "y"], dtype="str")})
    assert outputs.csv_bytes(frame).decode("utf-8") == (
        'flag,mixed,whole,part,n,text,plain\ntrue,true,1,0.5,3,"a,b","x"\nfalse,,,316.227766,4,,"y"\n'
    )
    assert outputs.csv_bytes(frame.iloc[:0]) == b"flag,mixed,whole,part,n,text,plain\n"


def test_canonical_table_fills_missing_columns():
    table = analysis_mod.canonical_table([{"keyword": "a"}])
    assert list(table.columns) == schema.CANONICAL_COLUMNS
    assert table[schema.KEYWORD_RAW].tolist() == ["a"]
    assert np.isnan(table.loc[0, schema.VOLUME])
