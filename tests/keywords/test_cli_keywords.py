"""`playbook keywords analyze|expand` through the CLI: outputs, JSON and exact errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURES, REPO

from generator.cli import cli
from generator.keywords import schema as S

EXPORTS = FIXTURES / "exports"
OUTPUT_FILES = sorted([S.OPPORTUNITIES_CSV, S.CLUSTERS_CSV, S.NGRAMS_CSV, S.REJECTED_CSV, S.SUMMARY_JSON,
                       S.REPORT_MD, S.LONGTAIL_SVG])


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A project folder as cwd, with a few fixtures copied in."""
    for name in ["gsc_queries_multiline.csv", "generic_rejects.csv", "empty.csv", "header_only.csv",
                 "binary_junk.bin", "no_keyword_column.csv", "plain_list.txt"]:
        shutil.copy(EXPORTS / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def fail(*args) -> str:
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


ERRORS = [
    (["nope.csv"], "Error: nope.csv: no such file; check the path"),
    (["sub"], "Error: sub: is a directory; pass export files (.csv, .tsv, .txt, .xlsx) or no PATH to read "
              "keywords/"),
    (["empty.csv"], "Error: empty.csv: the file is empty; export the keywords again"),
    (["header_only.csv"], "Error: header_only.csv: no data rows below the header (line 1); export again with "
                          "the keywords included"),
    (["binary_junk.bin"], "Error: binary_junk.bin: not a text keyword export (binary or undecodable bytes); "
                          "export it as CSV, TSV, TXT or XLSX"),
    (["no_keyword_column.csv"], "Error: no_keyword_column.csv: no keyword column. Found: Foo, Bar. Accepted "
                                "names: keyword, keywords, keyword(s), query, queries, top queries, search term, "
                                "search terms, search query, term, terms. Use --keyword-column \"Foo\" or "
                                "--format."),
    (["plain_list.txt", "--format", "excel"], "Error: unknown --format 'excel'; choose one of: auto, gkp, gsc, "
                                              "ahrefs, semrush, moz, generic, plain"),
    (["plain_list.txt", "--segments", "50,30"], "Error: --segments '50,30': give three positive percentages "
                                                "that add up to 100, e.g. 50,30,20"),
    (["plain_list.txt", "--keyword-column", "Query"], "Error: plain_list.txt: no keyword column. Found: "
                                                      "sales playbook examples. Accepted names: keyword, "
                                                      "keywords, keyword(s), query, queries, top queries, "
                                                      "search term, search terms, search query, term, terms. "
                                                      "Use --keyword-column \"sales playbook examples\" or "
                                                      "--format."),
]


@pytest.mark.parametrize(("args", "message"), ERRORS, ids=[e[0][0] + str(len(e[0])) for e in ERRORS])
def test_analyze_errors_are_one_line_and_write_nothing(workdir, args, message):
    (workdir / "sub").mkdir()
    assert fail("keywords", "analyze", *args, "--out", "out") == message
    assert not (workdir / "out").exists()
    assert not [p for p in workdir.iterdir() if p.name.startswith(".out")]


def test_unwritable_out_fails_before_any_work(workdir):
    (workdir / "taken").write_text("a file")
    assert fail("keywords", "analyze", "plain_list.txt", "--out", "taken") == (
        "Error: taken: exists and is not a folder; pass a folder to --out")
    assert fail("keywords", "analyze", "plain_list.txt", "--out", "taken/analysis") == (
        "Error: taken/analysis: taken is a file, not a folder; pass a folder to --out")
    # checked before reading: even a missing input reports the --out problem first
    assert fail("keywords", "analyze", "nope.csv", "--out", "taken").startswith("Error: taken: exists")
    assert (workdir / "taken").read_text() == "a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_out(workdir):
    locked = workdir / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert fail("keywords", "analyze", "plain_list.txt", "--out", "locked/analysis") == (
            "Error: locked/analysis: cannot write in locked (permission denied); pass a writable --out")
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux sysfs, which refuses new folders even to root")
def test_out_where_nobody_may_write(workdir):
    assert fail("keywords", "analyze", "plain_list.txt", "--out", "/sys/playbook-analysis") == (
        "Error: /sys/playbook-analysis: cannot write the output folder (Operation not permitted); "
        "pass a writable --out")


def test_failed_run_leaves_previous_outputs_alone(workdir):
    assert run("keywords", "analyze", "plain_list.txt", "--out", "out", "--quiet").exit_code == 0
    before = {p.name: p.read_bytes() for p in (workdir / "out").iterdir()}
    assert fail("keywords", "analyze", "empty.csv", "--out", "out").startswith("Error: empty.csv")
    assert {p.name: p.read_bytes() for p in (workdir / "out").iterdir()} == before


def test_analyze_writes_every_output_and_prints_a_summary(workdir):
    result = run("keywords", "analyze", "gsc_queries_multiline.csv", "generic_rejects.csv", "--out", "out")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (workdir / "out").iterdir()) == OUTPUT_FILES
    lines = result.stdout.splitlines()
    assert lines[0] == "Read 2 file(s): 11 rows, 7 keywords kept, 4 rejected"
    assert lines[1].split() == ["source", "format", "encoding", "read", "kept", "rejected"]
    assert lines[2].split() == ["gsc_queries_multiline.csv", "gsc", "utf-8", "5", "5", "0"]
    assert lines[3].split() == ["generic_rejects.csv", "generic", "utf-8", "6", "2", "4"]
    assert lines[-1].startswith("Outputs in out/: opportunities.csv")
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    with open(workdir / "out" / S.REJECTED_CSV, encoding="utf-8", newline="") as fh:
        rejected = list(csv.reader(fh))
    assert rejected[0] == S.REJECTED_COLUMNS
    assert rejected[1:3] == [["generic_rejects.csv", "3", "", "blank"],
                             ["generic_rejects.csv", "4", "!!!", "no word characters"]]


def test_json_summary_parses_and_accounts_for_every_row(workdir):
    result = run("keywords", "analyze", "gsc_queries_multiline.csv", "generic_rejects.csv", "--out", "out",
                 "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["rows_read"], summary["rows_kept"], summary["rows_rejected"]) == (11, 7, 4)
    sources = {s["path"]: s for s in summary["sources"]}
    assert sources["generic_rejects.csv"]["format"] == "generic"
    assert sources["gsc_queries_multiline.csv"]["rows_kept"] == 5
    assert summary == json.loads((workdir / "out" / S.SUMMARY_JSON).read_text(encoding="utf-8"))


def test_quiet_prints_nothing(workdir):
    result = run("keywords", "analyze", "plain_list.txt", "--out", "out", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (workdir / "out" / S.SUMMARY_JSON).exists()


def test_no_path_reads_the_projects_keywords_folder(workdir):
    project = workdir / "project"
    (project / "keywords").mkdir(parents=True)
    assert fail("keywords", "analyze", "--project", "project") == (
        f"Error: {project.resolve() / 'keywords'}: no keyword exports found (.csv, .tsv, .txt, .xlsx); "
        "pass PATH... or add exports there")
    shutil.copy(EXPORTS / "plain_list.txt", project / "keywords" / "list.txt")
    result = run("keywords", "analyze", "--project", "project", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rows_read"] == 6
    assert (project / "keywords" / "analysis" / S.OPPORTUNITIES_CSV).exists()


def test_keyword_column_option(workdir):
    result = run("keywords", "analyze", "no_keyword_column.csv", "--keyword-column", "Foo", "--out", "out",
                 "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rows_kept"] == 1


def test_python_dash_m_generator_runs_the_cli(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "keywords", "analyze", str(EXPORTS / "semrush_ksb.csv"), "--out",
         str(out), "--json"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["rows_kept"] == 3


# --- expand ------------------------------------------------------------------------


def test_expand_to_stdout():
    result = run("keywords", "expand", "Sales Training", "GPCT")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["sales training", "gpct"]
    for expected in ["sales training template", "sales training for small business", "how to sales training",
                     "what is gpct", "best gpct", "gpct examples", "sales training vs gpct", "gpct vs sales training"]:
        assert expected in lines
    assert len(lines) == len(set(lines))


def test_expand_with_a_modifiers_file_writes_a_list_analyze_reads(workdir):
    (workdir / "mods.txt").write_text("# modifiers\n\nfor saas\nwhat is {seed}\n{seed} vs bant\n")
    result = run("keywords", "expand", "gpct", "buyer matrix", "--modifiers", "mods.txt", "--out",
                 "expanded.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Wrote 10 keywords to expanded.txt\n"
    assert (workdir / "expanded.txt").read_text().splitlines() == [
        "gpct", "buyer matrix", "gpct for saas", "buyer matrix for saas", "what is gpct", "gpct vs bant",
        "what is buyer matrix", "buyer matrix vs bant", "gpct vs buyer matrix", "buyer matrix vs gpct"]
    analyzed = run("keywords", "analyze", "expanded.txt", "--out", "out", "--json")
    assert analyzed.exit_code == 0, analyzed.stderr
    summary = json.loads(analyzed.stdout)
    assert (summary["rows_read"], summary["rows_kept"], summary["sources"][0]["format"]) == (10, 10, "plain")


def test_expand_errors(workdir):
    assert fail("keywords", "expand", "gpct", "--modifiers", "missing.txt") == (
        "Error: missing.txt: no such file; check the --modifiers path")
    (workdir / "blank.txt").write_text("# nothing\n\n")
    assert fail("keywords", "expand", "gpct", "--modifiers", "blank.txt") == (
        "Error: blank.txt: no modifiers found; write one modifier per line")
    assert fail("keywords", "expand", "!!!") == (
        "Error: seed '!!!' has no letters or digits; pass a keyword such as 'sales training'")
    (workdir / "folder").mkdir()
    assert fail("keywords", "expand", "gpct", "--out", "folder") == (
        "Error: folder: is a directory; pass a file name to --out, e.g. keywords/expanded.txt")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_large_inputs(workdir, monkeypatch):
    from generator.cli import keywords as cli_keywords

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli_keywords, "PROGRESS_BYTES", 0)
    with cli_keywords._progress([workdir / "plain_list.txt"], enabled=True) as (on_step, on_progress):
        on_step("load")
        on_progress(workdir / "plain_list.txt", 1, 1)
    assert "load" in terminal.getvalue()
    with cli_keywords._progress([workdir / "plain_list.txt"], enabled=False) as callbacks:
        assert callbacks == (None, None)
    monkeypatch.setattr(cli_keywords, "PROGRESS_BYTES", 10**9)
    with cli_keywords._progress([workdir / "plain_list.txt"], enabled=True) as callbacks:
        assert callbacks == (None, None)
