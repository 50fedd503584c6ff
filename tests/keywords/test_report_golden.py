"""report.md for the small fixture, compared with tests/golden/report.md.

Regenerate after an intended change with `make golden` (pytest --update-golden) and review the diff.
"""

from analysis_fixture import fixture_load
from support import REPO

from generator.keywords import report
from generator.keywords.analysis import analyze
from generator.keywords.outputs import render_outputs

GOLDEN = REPO / "tests" / "golden" / "report.md"


def test_report_matches_golden(golden):
    load = fixture_load()
    _, files = render_outputs(analyze(load.table), load)
    golden(GOLDEN, files["report.md"])


def test_report_is_deterministic():
    load = fixture_load()
    first = render_outputs(analyze(load.table), load)[1]["report.md"]
    second = render_outputs(analyze(load.table.iloc[::-1]), load)[1]["report.md"]
    assert first == second


def test_markdown_escaping():
    assert report.md("sla between sales | marketing") == r"sla between sales \| marketing"
    assert report.md("c++ *bold* [x](y)") == r"c\+\+ \*bold\* \[x\]\(y\)"
    assert report.md(float("nan")) == ""
    assert report.num(1234.5) == "1,234" and report.num(None) == "–"
