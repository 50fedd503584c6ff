"""CLI: briefs draft / start / check / publish, with exact outputs and error texts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from authoring_data import make_project  # noqa: E402
from test_article import good_article, write_post  # noqa: E402

from generator.briefs import store  # noqa: E402
from generator.cli import cli  # noqa: E402
from generator.project import Project  # noqa: E402


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def root(tmp_path) -> Path:
    return make_project(tmp_path)


def test_draft_lists_what_it_wrote(root):
    result = run("briefs", "draft", "--top", "2", "--project", str(root))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Drafted 2 brief(s) in thought_leadership/briefs/\n"
        "  + sales-compensation-plan.md\n"
        "  + how-to-hire-sales-reps.md\n"
    )
    again = run("briefs", "draft", "--top", "3", "--project", str(root))
    assert again.output == (
        "Drafted 1 brief(s) in thought_leadership/briefs/\n"
        "  + best-crm-for-lead-scoring.md\n"
        "Skipped 2 cluster(s) that already have a brief:\n"
        "  = sales-compensation-plan.md\n"
        "  = how-to-hire-sales-reps.md\n"
    )


def test_draft_cluster_min_score_refresh_and_analysis_options(root, tmp_path):
    other = tmp_path / "elsewhere"
    (root / "keywords" / "analysis").rename(other)
    result = run("briefs", "draft", "--analysis", str(other), "--cluster", "sales-contest-ideas",
                 "--refresh", "--project", str(root))
    assert result.exit_code == 0, result.output
    assert "  + sales-contest-ideas.md\n" in result.output
    assert result.output.endswith("Refreshed the metrics of 0 brief(s).\n")
    result = run("briefs", "draft", "--analysis", str(other), "--min-score", "60", "--project", str(root))
    assert result.output.splitlines()[:2] == ["Drafted 2 brief(s) in thought_leadership/briefs/",
                                              "  + sales-compensation-plan.md"]


def test_missing_analysis_folder(tmp_path):
    result = run("briefs", "draft", "--project", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == "Error: keywords/analysis: no keyword analysis found. Run 'playbook keywords analyze' first.\n"


def test_missing_opportunities_file(root):
    (root / "keywords" / "analysis" / "opportunities.csv").unlink()
    result = run("briefs", "draft", "--project", str(root))
    assert result.output == ("Error: keywords/analysis: opportunities.csv is missing. "
                             "Run 'playbook keywords analyze' first.\n")


def test_negative_top_is_refused(root):
    result = run("briefs", "draft", "--top", "-1", "--project", str(root))
    assert result.exit_code == 2
    assert "Invalid value for '--top': -1 is not in the range x>=0." in result.output


def test_bad_committee_stops_drafting(root):
    (root / "thought_leadership" / "committee.yml").write_text("members: [\n", encoding="utf-8")
    result = run("briefs", "draft", "--project", str(root))
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    assert "committee.yml" in result.output
    assert not (root / "thought_leadership" / "briefs").exists()


def test_start_check_publish(root):
    run("briefs", "draft", "--top", "1", "--project", str(root))
    result = run("briefs", "start", "2026-001", "--project", str(root))
    assert result.output == ("Created content/blog/posts/sales-compensation-plan.md (draft: true). "
                             "Write it, then run 'playbook briefs check 2026-001'.\n")
    again = run("briefs", "start", "2026-001", "--project", str(root))
    assert again.exit_code == 1
    assert again.output == ("Error: content/blog/posts/sales-compensation-plan.md: already exists and is never "
                            "overwritten; check it with 'playbook briefs check 2026-001'\n")
    check = run("briefs", "check", "2026-001", "--project", str(root))
    assert check.exit_code == 1
    assert "  ✗ target keyword in the first paragraph" in check.output
    project = Project.at(root)
    write_post(project, good_article())
    check = run("briefs", "check", "sales-compensation-plan", "--project", str(root))
    assert check.exit_code == 0 and check.output.endswith("All checks passed.\n")
    store.update_brief(project.briefs_dir / "sales-compensation-plan.md", {"status": "ready"})
    published = run("briefs", "publish", "2026-001", "--by", "jo-park", "--project", str(root))
    assert published.exit_code == 0, published.output
    assert published.output == "Published brief 2026-001: status published, post draft: false.\n"


def test_publish_errors(root):
    run("briefs", "draft", "--top", "1", "--project", str(root))
    result = run("briefs", "publish", "2026-001", "--by", "jo-park", "--force", "--project", str(root))
    assert result.output == "Error: --force needs --note TEXT saying why the failed checks are accepted\n"
    result = run("briefs", "publish", "2026-00", "--by", "jo-park", "--project", str(root))
    assert result.output == "Error: no brief '2026-00'. Closest: 2026-001\n"
    result = run("briefs", "publish", "2026-001", "--by", "nobody", "--project", str(root))
    assert result.output.startswith("Error: no person 'nobody' in ")
    result = run("briefs", "check", "2026-001", "--project", str(root))
    assert result.output == ("Error: content/blog/posts/sales-compensation-plan.md: no article for brief "
                             "2026-001; create it with 'playbook briefs start 2026-001'\n")


def test_help_lists_the_authoring_commands():
    result = run("briefs", "--help")
    for name in ("draft", "start", "check", "publish"):
        assert f"  {name} " in result.output
