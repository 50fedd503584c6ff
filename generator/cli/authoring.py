"""CLI commands added to the ``briefs`` group: draft, start, check, publish."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.options import open_project as _project
from generator.cli.options import project_option

DEFAULT_TOP = 10



def _rel(project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


@click.command("draft")
@click.option("--analysis", "analysis_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keyword analysis folder (default: keywords/analysis).")
@click.option("--top", type=click.IntRange(min=0), default=None,
              help=f"Draft the N best clusters (default {DEFAULT_TOP}, or all named with --cluster; 0 = all).")
@click.option("--cluster", "clusters", multiple=True, metavar="ID", help="Draft this cluster (repeatable).")
@click.option("--min-score", type=float, default=None, help="Only clusters whose best score is at least X.")
@click.option("--refresh", is_flag=True,
              help="Also rewrite the metrics block (and nothing else) of every existing brief whose cluster is "
                   "in the analysis (only the --cluster ones when given).")
@project_option
def draft(analysis_dir, top, clusters, min_score, refresh, project_dir):
    """Draft one brief per keyword cluster; existing briefs are never overwritten."""
    from generator.briefs.draft import draft_briefs

    project = _project(project_dir)
    if top is None and not clusters:
        top = DEFAULT_TOP
    result = draft_briefs(project, top=top, clusters=list(clusters) or None, min_score=min_score,
                          refresh=refresh, analysis_dir=analysis_dir)
    for note in result.notes:
        click.echo(f"Note: {note}")
    click.echo(f"Drafted {len(result.created)} brief(s) in {_rel(project, project.briefs_dir)}/")
    for path in result.created:
        click.echo(f"  + {path.name}")
    for brief_id, reason in result.unassigned:
        click.echo(f"  ! {brief_id}: no expert assigned ({reason})")
    if result.skipped_existing:
        click.echo(f"Skipped {len(result.skipped_existing)} cluster(s) that already have a brief:")
        for path in result.skipped_existing:
            click.echo(f"  = {path.name}")
    if refresh:
        click.echo(f"Refreshed the metrics of {len(result.refreshed)} brief(s).")


@click.command("start")
@click.argument("brief_id")
@project_option
def start(brief_id, project_dir):
    """Create the blog post for a brief (content/blog/posts/<slug>.md) with its outline."""
    from generator.briefs.article import start_article

    project = _project(project_dir)
    path = start_article(project, brief_id)
    click.echo(f"Created {_rel(project, path)} (draft: true). Write it, then run 'playbook briefs check {brief_id}'.")


@click.command("check")
@click.argument("brief_id")
@project_option
def check(brief_id, project_dir):
    """Check a brief's article: keyword, questions, length, description, links (exit 1 on a failure)."""
    from generator.briefs.article import check_article

    report = check_article(_project(project_dir), brief_id)
    click.echo(report.text(), nl=False)
    if not report.ok:
        sys.exit(1)


@click.command("publish")
@click.argument("brief_id")
@click.option("--by", "by", required=True, metavar="PERSON", help="Who publishes (the editor by default workflow).")
@click.option("--force", is_flag=True, help="Publish even though checks fail (needs --note).")
@click.option("--note", default=None, metavar="TEXT", help="Recorded in the brief's history.")
@project_option
def publish(brief_id, by, force, note, project_dir):
    """Move a brief to 'published' and set draft: false in its post, when the checks pass."""
    from generator.briefs.article import publish_article

    brief = publish_article(_project(project_dir), brief_id, by, force=force, note=note)
    click.echo(f"Published brief {brief.id}: status {brief.status}, post draft: false.")


AUTHORING_COMMANDS = [draft, start, check, publish]
