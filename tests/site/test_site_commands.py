"""site build / check / publish and `playbook build` through the library and the CLI."""

from __future__ import annotations

import subprocess

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.site.check import check_site
from generator.site.publish import publish_site


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_site_build_cli_and_check_pass(make_project, tmp_path):
    project = make_project(analysis=["crm for startups", "crm tools"])
    out = tmp_path / "out"
    result = run("site", "build", "--project", str(project.root), "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Site built in ") and result.output.endswith(
        f"{out / 'index.html'}\n"
    )
    check = run("site", "check", "--site-dir", str(out))
    assert check.exit_code == 0 and check.output == "Checked 6 pages: OK.\n"


def test_site_build_missing_mkdocs_yml(tmp_path):
    result = run("site", "build", "--project", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'mkdocs.yml'}: not found; run in the project folder or pass --project DIR\n"
    )


def test_site_build_strict_failure_names_the_problem(make_project):
    project = make_project()
    (project.content_dir / "extra.md").write_text(
        "# Extra\n\n[gone](missing.md)\n", encoding="utf-8"
    )
    result = run("site", "build", "--project", str(project.root))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {project.mkdocs_yml}: the strict build failed with 2 problems: "
        "Doc file 'extra.md' contains a link 'missing.md', but the target is not found among documentation "
        "files; playbook: extra.md: no 'description' in the front matter; add one (at most 160 characters); "
        "fix them, or build with --no-strict to see the site anyway\n"
    )
    relaxed = run("site", "build", "--no-strict", "--project", str(project.root))
    assert relaxed.exit_code == 0
    assert "Warning: playbook: extra.md: no 'description' in the front matter" in relaxed.output


def test_site_check_reports_broken_links_and_seo(built):
    _, site = built()
    page = site / "long-tail" / "index.html"
    text = page.read_text(encoding="utf-8")
    text = text.replace('<meta property="og:title"', '<meta property="og:nottitle"', 1)
    text = text.replace(
        "</article>", '<a href="../nowhere/">x</a><a href="../#no-such-anchor">y</a></article>', 1
    )
    page.write_text(text, encoding="utf-8")
    report = check_site(site)
    assert report.problems == [
        "long-tail/index.html: no og:title",
        "long-tail/index.html: broken link '../#no-such-anchor' (no anchor '#no-such-anchor' in index.html)",
        "long-tail/index.html: broken link '../nowhere/' (no nowhere/index.html in the site)",
    ]
    result = run("site", "check", "--site-dir", str(site))
    assert result.exit_code == 1 and result.output.endswith("Checked 6 pages: 3 problems.\n")


def test_site_check_without_a_site(tmp_path):
    result = run("site", "check", "--site-dir", str(tmp_path))
    assert result.output == (
        f"Error: {tmp_path}: no built site here (index.html missing); run 'playbook site build' first\n"
    )


def git(*args, cwd):
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def test_publish_into_a_bare_repository(make_project, tmp_path):
    project = make_project()
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    first = publish_site(project, remote=str(bare), message="first")
    result = run("site", "publish", "--project", str(project.root), "--remote", str(bare))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Published {first.files} files to {bare} gh-pages (")
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert "index.html" in files and ".nojekyll" in files and "plan/keywords/index.html" in files
    assert not [f for f in files if f.startswith(("content/", "mkdocs.yml"))]
    log = git("log", "--format=%s", "gh-pages", cwd=bare).splitlines()
    assert log == ["Publish the playbook site", "first"]  # history kept, newest first


def test_publish_unknown_remote_name(make_project):
    project = make_project()
    result = run("site", "publish", "--project", str(project.root), "--remote", "upstream")
    assert result.output == (
        f"Error: {project.root}: no git remote named 'upstream'; pass --remote PATH_OR_URL\n"
    )


def test_main_build_without_keyword_data(make_project):
    project = make_project()
    result = run("build", "--project", str(project.root))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"No keyword exports in {project.keywords_dir}; skipping the analysis\n"
        "Building the site\n"
        f"Site ready: {project.site_dir / 'index.html'}\n"
    )


def test_main_build_analyses_drafts_and_builds(make_project, tmp_path):
    for module in (
        "generator.keywords.pipeline",
        "generator.keywords.analysis",
        "generator.keywords.outputs",
        "generator.briefs.draft",
    ):
        pytest.importorskip(module, reason=f"{module} is not written yet")
    from support import REPO

    project = make_project(committee=(REPO / "thought_leadership" / "committee.yml").read_text())
    project.keywords_dir.mkdir()
    (project.keywords_dir / "seeds.txt").write_text(
        "sales compensation plan examples\nsales compensation plan template\nhow to hire sales reps\n"
        "hire sales reps fast\ngpct vs bant\nwhat is gpct\n",
        encoding="utf-8",
    )
    result = run("build", "--project", str(project.root), "--top", "2")
    assert result.exit_code == 0, result.output
    assert "Analysing 1 keyword exports" in result.output and "Briefs: " in result.output
    assert len(list(project.briefs_dir.glob("*.md"))) >= 1
    page = (project.site_dir / "plan" / "pipeline" / "index.html").read_text(encoding="utf-8")
    assert "No briefs yet" not in page
    again = run("build", "--project", str(project.root), "--top", "2")
    assert "0 drafted" in again.output  # never overwrites


def test_site_build_invalid_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: nosuchtheme\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    result = run("site", "build", "--project", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'mkdocs.yml'}: invalid configuration: Config value 'theme': "
        "Unrecognised theme name: 'nosuchtheme'. The available installed themes are: mkdocs, "
        "readthedocs, material; fix the file\n"
    )
