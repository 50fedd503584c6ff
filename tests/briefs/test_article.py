"""From brief to article: start (never overwrites), check (pass and fail), publish (gated, --force needs a note)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from authoring_data import TODAY, make_project  # noqa: E402

from generator.briefs import store  # noqa: E402
from generator.briefs.article import check_article, draft_false_text, publish_article, start_article  # noqa: E402
from generator.briefs.draft import draft_briefs  # noqa: E402
from generator.errors import NotFoundError, OutputError, WorkflowError  # noqa: E402
from generator.project import Project  # noqa: E402

BRIEF = "2026-001"  # sales compensation plan: 1200-1800 words, two questions, link to /management/compensation/


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project.at(make_project(tmp_path))
    draft_briefs(project, top=1, today=TODAY)
    return project


def good_article(words: int = 1300, link: str = "../../management/compensation.md", description=None) -> str:
    description = description or "How to design a sales compensation plan that pays for the behaviour you want."
    filler = " ".join(["commission"] * words)
    return (
        "---\n"
        "date: 2026-11-28\n"
        "categories: [Management]  # keep\n"
        f"description: {description}\n"
        "draft: true\n"
        'brief: "2026-001"\n'
        "---\n"
        "# Sales compensation plan: a practical guide\n\n"
        "A sales compensation plan decides what your reps chase.\n\n"
        "## How to build a sales compensation plan\n\n"
        f"Start with the number. See [the compensation page]({link}). Decide what the plan must reward this year, "
        "keep it simple enough to explain in a sentence, and pay soon after the work is done.\n\n"
        "## What is a good commission rate in sales?\n\n"
        f"{filler}\n\n"
        "Next: [see how the formulas fit together](../../formulas/index.md).\n\n"
        "```python\nprint('code is not counted')\n```\n"
    )


def write_post(project: Project, text: str) -> Path:
    path = project.blog_posts_dir / "sales-compensation-plan.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_start_creates_a_material_post_once(project):
    path = start_article(project, BRIEF, today=dt.date(2026, 12, 20))
    assert path == project.blog_posts_dir / "sales-compensation-plan.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["date"] == dt.date(2026, 12, 20)
    assert front["draft"] is True and front["brief"] == BRIEF
    assert front["categories"] == ["Management"]
    assert front["tags"][0] == "sales compensation plan"
    assert front["description"].startswith("TODO")  # the journalist writes it; the check fails until then
    assert "\n# Sales compensation plan: a practical guide\n" in text
    assert "\n## Sales commission structure\n" in text and "\n### What is a good sales commission rate?\n" in text
    with pytest.raises(OutputError) as err:
        start_article(project, "sales-compensation-plan")
    assert str(err.value) == ("content/blog/posts/sales-compensation-plan.md: already exists and is never "
                              "overwritten; check it with 'playbook briefs check 2026-001'")
    assert path.read_text(encoding="utf-8") == text


def test_started_post_fails_the_checks_until_written(project):
    start_article(project, BRIEF, today=TODAY)
    report = check_article(project, BRIEF)
    assert not report.ok
    failed = [c.name for c in report.failed]
    assert "target keyword in the first paragraph" in failed
    assert any(name.startswith("word count") for name in failed)
    assert "internal link to /management/compensation/" in failed


def test_a_good_article_passes(project):
    write_post(project, good_article())
    report = check_article(project, BRIEF)
    assert report.ok, report.text()
    assert report.text().splitlines()[0] == f"Checking content/blog/posts/sales-compensation-plan.md against brief {BRIEF}"
    assert report.text().endswith("All checks passed.\n")
    assert "  ✓ word count 1370 (brief: 1200-1800)" in report.text()


@pytest.mark.parametrize("link", [
    "/management/compensation/", "../../management/compensation/index.md#plans",
    "https://playbook.example.com/management/compensation/",
])
def test_link_forms_are_accepted(project, link):
    write_post(project, good_article(link=link))
    assert check_article(project, BRIEF).ok


def test_each_failure_is_reported(project):
    text = good_article(words=50, link="../../hiring/index.md", description="Too short.")
    text = text.replace("A sales compensation plan decides", "Pay decides")
    text = text.replace("## What is a good commission rate in sales?", "## Other things")
    write_post(project, text)
    report = check_article(project, BRIEF)
    lines = report.text().splitlines()
    assert lines[1:] == [
        '  ✓ target keyword in the title: "sales compensation plan"',
        '  ✓ target keyword in the H1: "sales compensation plan"',
        '  ✗ target keyword in the first paragraph: "sales compensation plan"',
        "  ✓ question answered: How to build a sales compensation plan?",
        "  ✗ question answered: What is a good sales commission rate?: no heading or paragraph covers it (1/4 key words)",
        "  ✗ word count 111 (brief: 1200-1800)",
        "  ✗ description length 10 characters (50-160)",
        "  ✗ internal link to /management/compensation/: not linked yet",
        "  ✓ call to action to /formulas/",
        "5 of 9 checks failed.",
    ]


def test_check_without_article_says_how_to_start(project):
    with pytest.raises(NotFoundError) as err:
        check_article(project, BRIEF)
    assert str(err.value) == ("content/blog/posts/sales-compensation-plan.md: no article for brief 2026-001; "
                              "create it with 'playbook briefs start 2026-001'")


def make_ready(project: Project) -> Path:
    path = project.briefs_dir / "sales-compensation-plan.md"
    store.update_brief(path, {"status": "ready"})
    return path


def test_publish_moves_the_brief_and_flips_draft_only(project):
    brief_path = make_ready(project)
    post = write_post(project, good_article())
    before = post.read_text(encoding="utf-8")
    brief = publish_article(project, BRIEF, by="jo-park", at="2026-12-30T10:00:00+00:00")
    assert brief.status == "published"
    assert brief.history[-1] == {"from": "ready", "to": "published", "by": "jo-park",
                                 "at": "2026-12-30T10:00:00+00:00", "note": "article checks passed"}
    assert post.read_text(encoding="utf-8") == before.replace("draft: true\n", "draft: false\n")
    assert store.read_brief(brief_path).status == "published"


def test_publish_refuses_failed_checks(project):
    make_ready(project)
    post = write_post(project, good_article(words=10))
    before = post.read_text(encoding="utf-8")
    with pytest.raises(WorkflowError) as err:
        publish_article(project, BRIEF, by="jo-park")
    assert str(err.value) == (
        "brief 2026-001: 1 article check(s) failed (word count 80 (brief: 1200-1800)); fix the article "
        "(see 'playbook briefs check 2026-001') or pass --force --note TEXT")
    assert post.read_text(encoding="utf-8") == before


def test_force_needs_a_note_and_records_it(project):
    make_ready(project)
    write_post(project, good_article(words=10))
    with pytest.raises(WorkflowError) as err:
        publish_article(project, BRIEF, by="jo-park", force=True)
    assert str(err.value) == "--force needs --note TEXT saying why the failed checks are accepted"
    brief = publish_article(project, BRIEF, by="jo-park", force=True, note="short news item")
    assert brief.history[-1]["note"] == (
        "published with --force: short news item (failed checks: word count 80 (brief: 1200-1800))")


def test_publish_from_an_earlier_status_shows_the_path(project):
    write_post(project, good_article())
    with pytest.raises(WorkflowError) as err:
        publish_article(project, BRIEF, by="jo-park")
    assert str(err.value) == (
        "brief 2026-001 is 'pitch'; it can be published only from 'ready'. Path: pitch → committee_review → "
        "approved → assigned → interviewing → drafting → sme_review → editor_review → ready → published "
        "(move it with 'playbook briefs move')")


def test_publish_needs_a_permitted_person(project):
    make_ready(project)
    write_post(project, good_article())
    with pytest.raises(WorkflowError, match="^only editor may move brief 2026-001 from 'ready' to 'published'"):
        publish_article(project, BRIEF, by="sam-reed")
    assert "draft: true" in (project.blog_posts_dir / "sales-compensation-plan.md").read_text(encoding="utf-8")


def test_draft_flag_is_changed_surgically():
    text = "---\ntitle: x\ndraft: yes   # until launch\nz: 1\n---\nbody\n"
    assert draft_false_text(text, "p.md") == "---\ntitle: x\ndraft: false # until launch\nz: 1\n---\nbody\n"
    assert draft_false_text("---\ntitle: x\n---\nbody\n", "p.md") == "---\ntitle: x\ndraft: false\n---\nbody\n"
    crlf = "---\r\ndraft: true\r\n---\r\nbody\r\n"
    assert draft_false_text(crlf, "p.md") == "---\r\ndraft: false\r\n---\r\nbody\r\n"


def test_hostile_keyword_post_front_matter_stays_valid(tmp_path):
    keyword = 'sales: "plan" # <script>x</script> 😀 ' + "ü" * 300
    clusters = [("c1", keyword, "informational:1", [(keyword, 10, 5, 50.0, "")])]
    project = Project.at(make_project(tmp_path, clusters=clusters))
    draft_briefs(project, today=TODAY)
    path = start_article(project, BRIEF, today=TODAY)
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert front["tags"][0] == keyword[:60]
    assert len(front["description"]) <= 160 and front["draft"] is True
    assert "<script>" not in text.split("\n---\n", 1)[1]
    assert check_article(project, BRIEF).checks[0].ok  # the title holds the keyword


def test_a_question_heading_without_an_answer_is_not_enough(project):
    start_article(project, BRIEF, today=TODAY)  # the starter repeats the questions as headings, bodies are TODOs
    report = check_article(project, BRIEF)
    question_checks = [c for c in report.checks if c.name.startswith("question answered")]
    assert question_checks and not any(c.ok for c in question_checks)
    assert all(c.detail.startswith(("covered by a heading but not answered yet", "no heading")) for c in question_checks)
    assert "description written" in [c.name for c in report.failed]


def test_publish_leaves_the_post_a_draft_when_the_move_fails(project, monkeypatch):
    from generator.briefs import moves

    make_ready(project)
    post = write_post(project, good_article())
    before = post.read_bytes()

    def refuse(*args, **kwargs):
        raise WorkflowError("disk full")

    monkeypatch.setattr(moves, "move_brief", refuse)
    with pytest.raises(WorkflowError):
        publish_article(project, BRIEF, by="jo-park")
    assert post.read_bytes() == before
