"""Templates: project overrides, missing variables named at once, the Markdown-safe filter."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from authoring_data import TODAY, make_project  # noqa: E402

from generator.briefs import store  # noqa: E402
from generator.briefs.draft import draft_briefs  # noqa: E402
from generator.briefs.rendering import BRIEF_TEMPLATE, TemplateError, load_template, md  # noqa: E402
from generator.project import Project  # noqa: E402


@pytest.fixture
def project(tmp_path) -> Project:
    project = Project.at(make_project(tmp_path))
    project.templates_dir.mkdir(parents=True)
    return project


def test_project_template_overrides_the_package_one(project):
    (project.templates_dir / BRIEF_TEMPLATE).write_text(
        "{{ front_matter }}\nOur house style: {{ brief.title|md }} for {{ brief.persona|md }}.\n", encoding="utf-8")
    (path,) = draft_briefs(project, top=1, today=TODAY).created
    brief = store.read_brief(path)
    assert brief.body == "Our house style: Sales compensation plan: a practical guide for sales\\_leader.\n"
    assert brief.front["cluster"] == "sales-compensation-plan"


def test_package_template_used_without_override(project):
    (path,) = draft_briefs(project, top=1, today=TODAY).created
    assert "## Questions to answer" in path.read_text(encoding="utf-8")


def test_missing_variables_are_all_named(project):
    (project.templates_dir / BRIEF_TEMPLATE).write_text(
        "{{ front_matter }}\n{{ author }} {{ brief.title }} {{ deadline }} {% for x in tags %}{{ x }}{% endfor %}\n",
        encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        draft_briefs(project, top=1, today=TODAY)
    assert str(err.value) == (
        "thought_leadership/templates/brief.md.j2: undefined template variables: author, deadline, tags; "
        "available: brief, cluster, front_matter, sme_reason")
    assert not list(project.briefs_dir.glob("*.md")) if project.briefs_dir.exists() else True


def test_syntax_error_names_file_and_line(project):
    (project.templates_dir / BRIEF_TEMPLATE).write_text("{{ front_matter }}\n\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^thought_leadership/templates/brief.md.j2:3: template syntax error"):
        load_template(BRIEF_TEMPLATE, project.templates_dir)


def test_md_filter_escapes_markdown_and_html():
    assert md("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md("# not a heading") == "\\# not a heading"
    assert md("a *b* _c_ [d](e) `f` |g|") == "a \\*b\\* \\_c\\_ \\[d\\](e) \\`f\\` \\|g\\|"
    assert md("line one\n\n- line two") == "line one - line two"
    assert md("&amp; & p&l") == "&amp;amp; & p&l"
    assert md(None) == ""


def test_hostile_values_cannot_break_out_of_the_body(tmp_path):
    keyword = "<!-- x --> # [a](javascript:alert(1)) `y`"
    clusters = [("c1", keyword, "informational:1", [(keyword, 10, 5, 50.0, "")])]
    project = Project.at(make_project(tmp_path, clusters=clusters))
    (path,) = draft_briefs(project, today=TODAY).created
    body = store.read_brief(path).body
    assert "<!-- x -->" not in body
    assert not re.search(r"(?<!\\)\]\(javascript", body)
    assert "\\[a\\](javascript:alert(1))" in body
    assert store.read_brief(path).front["target_keyword"] == keyword
