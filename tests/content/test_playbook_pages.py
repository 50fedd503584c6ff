"""The hand-written playbook pages: front matter, headings, Q&A shape, calculator forms, fact hygiene."""

import re
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[2] / "content"
PAGES = [
    "index.md",
    "formulas/index.md",
    "hiring/index.md",
    "hiring/scorecard.md",
    "training/index.md",
    "training/qualifying.md",
    "management/index.md",
    "management/compensation.md",
    "management/contests.md",
    "management/promoting-managers.md",
    "demand-generation/index.md",
    "demand-generation/long-tail.md",
    "demand-generation/content-machine.md",
    "demand-generation/buyer-matrix.md",
    "demand-generation/sla.md",
    "experimentation.md",
    "roles/reps.md",
    "roles/managers.md",
    "roles/marketers.md",
    "roles/journalists.md",
    "calculators/index.md",
]
CALCULATOR_PAGES = {
    "hiring/scorecard.md": ["scorecard"],
    "management/compensation.md": ["plan1", "plan2", "plan3"],
    "demand-generation/sla.md": ["sla", "lead-value"],
    "calculators/index.md": ["sla", "lead-value", "plan1", "plan2", "plan3", "scorecard"],
}
# Figures that playbook-facts.md says must not be used.
BANNED = ["1,000+ candidate", "first 100 hires", "60,000 leads", "1-5 scorecard", "1-5 scale", "50,000"]


def split(page: str) -> tuple[dict, str]:
    text = (CONTENT / page).read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, f"{page}: no front matter"
    return yaml.safe_load(match.group(1)), text[match.end() :]


@pytest.mark.parametrize("page", PAGES)
def test_front_matter_and_h1(page):
    meta, body = split(page)
    assert meta["title"].strip()
    assert 70 <= len(meta["description"]) <= 155, (page, len(meta["description"]))
    assert len(re.findall(r"^# \S", body, re.M)) == 1


def test_titles_and_descriptions_are_unique():
    metas = [split(page)[0] for page in PAGES]
    assert len({m["title"] for m in metas}) == len(PAGES)
    assert len({m["description"] for m in metas}) == len(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_questions_section_shape(page):
    body = split(page)[1]
    section = body.split("\n## Questions\n", 1)
    assert len(section) == 2, f"{page}: no '## Questions' section"
    blocks = re.split(r"^### ", section[1], flags=re.M)[1:]
    assert len(blocks) >= 2
    for block in blocks:
        question, _, answer = block.partition("\n")
        assert question.rstrip().endswith("?"), question
        assert answer.strip() and not answer.strip().startswith("#"), question


@pytest.mark.parametrize(("page", "kinds"), CALCULATOR_PAGES.items())
def test_calculator_forms_are_embedded(page, kinds):
    body = split(page)[1]
    assert re.findall(r'<form class="pb-calc" data-calc="([a-z0-9-]+)"', body) == kinds
    assert "{{calc:" not in body


def test_js_knows_every_embedded_calculator():
    script = (CONTENT / "javascripts" / "calculators.js").read_text(encoding="utf-8")
    kinds = {k for ks in CALCULATOR_PAGES.values() for k in ks}
    for kind in kinds:
        assert re.search(rf'^\s+"?{re.escape(kind)}"?: function \(form\)', script, re.M), kind
    assert "document$" in script and "DOMContentLoaded" in script


def test_long_tail_chart_marker_on_its_own_line():
    body = split("demand-generation/long-tail.md")[1]
    assert "\n<!-- playbook:longtail-chart -->\n" in body


@pytest.mark.parametrize("page", PAGES)
def test_no_banned_figures_or_external_assets(page):
    body = split(page)[1]
    for figure in BANNED:
        assert figure not in body
    assert not re.search(r"<(img|script|link)\b[^>]*(src|href)=\"https?://", body)
    assert not re.search(r"!\[[^\]]*\]\(https?://", body)
