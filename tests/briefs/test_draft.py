"""Drafting briefs from a keyword analysis: fields, ids, slugs, never overwriting, --refresh, golden files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from authoring_data import CLUSTERS, TODAY, make_project  # noqa: E402

from generator.briefs import store  # noqa: E402
from generator.briefs.draft import draft_briefs  # noqa: E402
from generator.briefs.rendering import TemplateError  # noqa: E402
from generator.errors import InputError, NotFoundError  # noqa: E402
from generator.project import Project  # noqa: E402

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "briefs"
KEY_ORDER = [
    "id", "slug", "title", "status", "target_keyword", "secondary_keywords", "cluster", "metrics",
    "search_intent", "buyer_journey_stage", "persona", "angle", "gpct", "questions", "outline", "word_count",
    "internal_links", "cta", "sme", "interview", "journalist", "editor", "due", "created", "history",
]


@pytest.fixture
def project(tmp_path) -> Project:
    return Project.at(make_project(tmp_path))


def fronts(project: Project) -> dict[str, dict]:
    return {b.get("cluster"): b.front for b in store.load_briefs(project.briefs_dir)}


def test_one_brief_per_cluster_in_contract_key_order(project):
    result = draft_briefs(project, today=TODAY)
    assert [p.name for p in result.created] == [
        "sales-compensation-plan.md", "how-to-hire-sales-reps.md", "best-crm-for-lead-scoring.md",
        "sales-contest-ideas.md",
    ]
    for brief in store.load_briefs(project.briefs_dir):
        assert list(brief.front) == KEY_ORDER
    assert sorted(b.id for b in store.load_briefs(project.briefs_dir)) == [
        "2026-001", "2026-002", "2026-003", "2026-004"]


def test_fields_follow_the_cluster(project):
    draft_briefs(project, today=TODAY)
    comp = fronts(project)["sales-compensation-plan"]
    assert comp["target_keyword"] == "sales compensation plan"
    assert comp["title"] == "Sales compensation plan: a practical guide"
    assert comp["status"] == "pitch"
    assert comp["metrics"] == {"volume": 3680, "difficulty": 31, "difficulty_imputed": True, "score": 71.2,
                               "keywords": 6, "refreshed": TODAY}
    assert comp["questions"] == ["How to build a sales compensation plan?", "What is a good sales commission rate?"]
    assert comp["secondary_keywords"][0] == "sales compensation plan examples"
    assert "how to build a sales compensation plan" not in comp["secondary_keywords"]
    assert comp["internal_links"] == [{"url": "/management/compensation/", "anchor": "sales compensation plans"}]
    assert comp["sme"] == {"id": "maria-lopez", "name": "Maria Lopez", "role": "VP Sales"}
    assert comp["editor"] == "jo-park"
    assert comp["due"]["committee_review"].isoformat() == "2026-12-01"
    assert comp["history"] == [{"from": None, "to": "pitch", "by": "playbook",
                                "at": "2026-11-28T00:00:00+00:00", "note": "drafted from keyword analysis"}]
    assert comp["outline"][-2]["h3"] == comp["questions"]


def test_intent_sets_title_stage_and_length(project):
    draft_briefs(project, today=TODAY)
    by = fronts(project)
    hire, crm = by["how-to-hire-sales-reps"], by["best-crm-for-lead-scoring"]
    assert hire["title"] == "How to hire sales reps: a step-by-step guide"
    assert hire["buyer_journey_stage"] == "problem_education"
    assert hire["internal_links"][0]["url"] == "/hiring/"
    assert hire["sme"]["id"] == "david-chen"
    assert crm["title"] == "Best CRM for lead scoring, compared"
    assert crm["search_intent"] == "commercial"
    assert crm["buyer_journey_stage"] == "solution_research"
    assert crm["word_count"] == {"min": 1500, "max": 2200}
    assert crm["internal_links"][0]["url"] == "/demand-generation/buyer-matrix/"
    assert crm["sme"]["id"] == "tom-becker"


def test_journalists_round_robin(project):
    draft_briefs(project, today=TODAY)
    journalists = [f["journalist"] for f in fronts(project).values()]
    assert sorted(journalists) == ["priya-nair", "priya-nair", "sam-reed", "sam-reed"]


def test_top_min_score_and_named_clusters(project):
    assert len(draft_briefs(project, top=1, today=TODAY).created) == 1
    result = draft_briefs(project, min_score=45, today=TODAY)
    assert [p.name for p in result.created] == ["how-to-hire-sales-reps.md", "best-crm-for-lead-scoring.md"]
    assert [p.name for p in result.skipped_existing] == ["sales-compensation-plan.md"]
    result = draft_briefs(project, clusters=["sales-contest-ideas"], today=TODAY)
    assert [p.name for p in result.created] == ["sales-contest-ideas.md"]


def test_unknown_cluster_names_the_closest(project):
    with pytest.raises(NotFoundError) as err:
        draft_briefs(project, clusters=["sales-contest-idea"], today=TODAY)
    assert str(err.value) == ("no cluster 'sales-contest-idea' in keywords/analysis/clusters.csv. "
                              "Closest: sales-contest-ideas, sales-compensation-plan")


def test_existing_briefs_are_never_overwritten_and_ids_continue(project):
    draft_briefs(project, top=2, today=TODAY)
    path = project.briefs_dir / "sales-compensation-plan.md"
    edited = path.read_text(encoding="utf-8") + "\nMy notes.\n"
    path.write_text(edited, encoding="utf-8")
    result = draft_briefs(project, today=TODAY)
    assert path.read_text(encoding="utf-8") == edited
    assert len(result.skipped_existing) == 2
    assert sorted(f["id"] for f in fronts(project).values()) == ["2026-001", "2026-002", "2026-003", "2026-004"]


def test_slug_collision_with_an_unrelated_brief_gets_a_suffix(project):
    draft_briefs(project, clusters=["sales-contest-ideas"], today=TODAY)
    path = project.briefs_dir / "sales-contest-ideas.md"
    text = path.read_text(encoding="utf-8").replace("cluster: sales-contest-ideas", "cluster: other")
    path.write_text(text.replace('id: "2026-001"', 'id: "2025-007"'), encoding="utf-8")
    result = draft_briefs(project, clusters=["sales-contest-ideas"], today=TODAY)
    assert [p.name for p in result.created] == ["sales-contest-ideas-2.md"]
    assert fronts(project)["sales-contest-ideas"]["slug"] == "sales-contest-ideas-2"


def test_without_committee_people_stay_unassigned(tmp_path):
    project = Project.at(make_project(tmp_path, committee=None))
    result = draft_briefs(project, top=1, today=TODAY)
    front = store.read_brief(result.created[0]).front
    assert front["sme"] is None and front["journalist"] is None and front["editor"] is None
    assert result.notes and "committee.yml not found" in result.notes[0]


def test_capacity_spreads_briefs(tmp_path):
    clusters = [(f"sales-compensation-{i}", f"sales compensation {w}", "informational:1",
                 [(f"sales compensation {w}", 100, 10, 50.0 - i, "")]) for i, w in enumerate(["a", "b", "c"])]
    project = Project.at(make_project(tmp_path, clusters=clusters))
    result = draft_briefs(project, today=TODAY)
    smes = [store.read_brief(p).front["sme"] for p in result.created]
    assert [s and s["id"] for s in smes] == ["maria-lopez", "maria-lopez", None]
    assert result.unassigned == [("2026-003", "every matching expert is unavailable or at capacity: "
                                               "maria-lopez (2/2 briefs)")]


def test_missing_analysis_names_the_command(tmp_path):
    with pytest.raises(InputError) as err:
        draft_briefs(tmp_path, today=TODAY)
    assert str(err.value) == "keywords/analysis: no keyword analysis found. Run 'playbook keywords analyze' first."


def test_missing_columns_are_named(project):
    csv = project.analysis_dir / "clusters.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("pillar,", "").replace(",questions", "")
    csv.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        draft_briefs(project, today=TODAY)
    assert str(err.value) == ("keywords/analysis/clusters.csv: missing columns: pillar, questions. "
                              "Re-run 'playbook keywords analyze' to regenerate it.")


def test_nothing_written_when_a_template_fails(project):
    project.templates_dir.mkdir(parents=True)
    (project.templates_dir / "brief.md.j2").write_text("{{ front_matter }}\n{{ brief.nope }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^thought_leadership/templates/brief.md.j2: 'dict object' has no attribute 'nope'"):
        draft_briefs(project, today=TODAY)
    assert not project.briefs_dir.exists() or not list(project.briefs_dir.glob("*.md"))


# --------------------------------------------------------------------------- --refresh preserves human work


def test_refresh_rewrites_only_the_metrics_block(project):
    draft_briefs(project, clusters=["sales-compensation-plan"], today=TODAY)
    path = project.briefs_dir / "sales-compensation-plan.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("persona: sales_leader\n", "persona: sales_leader  # agreed with Jo\nreviewer_notes: keep it short\n")
    text = text.replace("## Notes\n", "## Notes\n\nMaria prefers mornings. *Body edit.*\n")
    path.write_text(text, encoding="utf-8")
    csv = project.analysis_dir / "clusters.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",3680,", ",4000,"), encoding="utf-8")
    later = TODAY.replace(day=30)
    result = draft_briefs(project, clusters=["sales-compensation-plan"], refresh=True, today=later)
    assert result.refreshed == [path] and result.created == []
    after = path.read_text(encoding="utf-8")
    metrics_before, metrics_after = _metrics_lines(text), _metrics_lines(after)
    assert "  volume: 4000\n" in metrics_after and "  refreshed: 2026-11-30\n" in metrics_after
    assert after.replace(metrics_after, "") == text.replace(metrics_before, "")
    assert store.read_brief(path).front["reviewer_notes"] == "keep it short"


def _metrics_lines(text: str) -> str:
    start = text.index("metrics:\n")
    end = text.index("search_intent:")
    return text[start:end]


# --------------------------------------------------------------------------- golden files


def test_golden_briefs(project, golden):
    result = draft_briefs(project, today=TODAY)
    for path in result.created:
        golden(GOLDEN / path.name, path.read_text(encoding="utf-8"))
    assert len(CLUSTERS) == len(result.created)


def test_front_matter_parses_with_plain_yaml(project):
    for path in draft_briefs(project, today=TODAY).created:
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        assert front["slug"] == path.stem


# --------------------------------------------------------------------------- racing drafts


def _draft_in_process(args):
    root, cluster = args
    return [p.name for p in draft_briefs(root, clusters=[cluster], today=TODAY).created]


def test_racing_drafts_keep_ids_unique(project):
    import multiprocessing

    jobs = [(str(project.root), c[0]) for c in CLUSTERS] * 2
    with multiprocessing.get_context("fork").Pool(4) as pool:
        created = [name for names in pool.map(_draft_in_process, jobs) for name in names]
    briefs = store.load_briefs(project.briefs_dir)  # raises on duplicate ids or slugs
    assert sorted(created) == sorted(b.path.name for b in briefs)
    assert sorted(b.id for b in briefs) == ["2026-001", "2026-002", "2026-003", "2026-004"]


def test_human_edits_survive_draft_refresh_and_move(project):
    from generator.briefs.moves import move_brief

    draft_briefs(project, clusters=["sales-compensation-plan"], today=TODAY)
    path = project.briefs_dir / "sales-compensation-plan.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("angle:", "# the angle was agreed on 2026-11-29\nowner_note: custom\nangle:")
    text += "\nA paragraph the journalist added.\n"
    path.write_text(text, encoding="utf-8")
    assert draft_briefs(project, today=TODAY).skipped_existing[0] == path
    assert path.read_text(encoding="utf-8") == text
    draft_briefs(project, clusters=["sales-compensation-plan"], refresh=True, today=TODAY.replace(day=29))
    move_brief(project, "2026-001", "committee_review", "jo-park", at="2026-11-30T09:00:00+00:00")
    after = path.read_text(encoding="utf-8")
    changed = {"  refreshed: 2026-11-29\n", "status: committee_review\n",
               "  - {from: pitch, to: committee_review, by: jo-park, at: \"2026-11-30T09:00:00+00:00\", note: null}\n"}
    kept = [line for line in after.splitlines(keepends=True) if line not in changed]
    original = [line for line in text.splitlines(keepends=True)
                if line not in {"  refreshed: 2026-11-28\n", "status: pitch\n"}]
    assert kept == original
