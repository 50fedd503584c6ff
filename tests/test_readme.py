"""The README documents what the code does: its generated sections match the code's own text."""

from __future__ import annotations

from support import REPO

from generator.keywords.analysis import OUTPUT_COLUMNS_MD
from generator.keywords.score import SCORE_FORMULA_MD

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def test_readme_output_columns_match_the_code():
    assert OUTPUT_COLUMNS_MD.strip() in README


def test_readme_score_formula_matches_the_code():
    assert SCORE_FORMULA_MD.strip() in README
