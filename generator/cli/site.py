"""CLI commands: ``site build|serve|check|publish`` and ``build`` (the main job)."""

from __future__ import annotations

import sys

import click

from generator.cli.options import open_project as _project
from generator.cli.options import project_option


def _echo_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


@click.group()
def site() -> None:
    """The published playbook site: build, serve, check, publish."""


@site.command("build")
@click.option(
    "--strict/--no-strict",
    default=True,
    show_default=True,
    help="Fail on any MkDocs warning (missing description, broken link...).",
)
@click.option(
    "--site-dir", type=click.Path(file_okay=False), help="Output folder (default: site/)."
)
@project_option
def build_command(strict, site_dir, project_dir) -> None:
    """Build the site with MkDocs and the playbook plugin."""
    from generator.site.build import build_site

    result = build_site(_project(project_dir), strict=strict, site_dir=site_dir)
    _echo_warnings(result.warnings)
    click.echo(f"Site built in {result.seconds:.1f} s: {result.site_dir / 'index.html'}")


@site.command("serve")
@click.option("--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@project_option
def serve_command(dev_addr, project_dir) -> None:
    """Serve the site locally with live reload (drafts shown)."""
    from generator.site.build import serve_site

    click.echo(f"Serving the site on http://{dev_addr or '127.0.0.1:8000'}/ (Ctrl+C to stop)")
    serve_site(_project(project_dir), dev_addr=dev_addr)


@site.command("check")
@click.option(
    "--site-dir", type=click.Path(file_okay=False), help="Built site to check (default: site/)."
)
@project_option
def check_command(site_dir, project_dir) -> None:
    """Check the built site: internal links and anchors, titles, descriptions, canonical, JSON-LD."""
    from generator.site.check import check_site

    report = check_site(site_dir or _project(project_dir).site_dir)
    click.echo(report.text())
    if not report.ok:
        sys.exit(1)


@site.command("publish")
@click.option("--remote", default="origin", show_default=True, help="Git remote name, path or URL.")
@click.option(
    "--branch", default="gh-pages", show_default=True, help="Branch that receives the site."
)
@click.option("--message", help="Commit message.")
@project_option
def publish_command(remote, branch, message, project_dir) -> None:
    """Build the site (strict) and push it as the only content of BRANCH (GitHub Pages style)."""
    from generator.site.publish import publish_site

    result = publish_site(_project(project_dir), remote=remote, branch=branch, message=message)
    click.echo(
        f"Published {result.files} files to {result.remote} {result.branch} ({result.commit[:12]})"
    )


@click.command("build")
@click.option(
    "--top", type=int, default=8, show_default=True, help="Draft briefs for at most N clusters."
)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Strict site build.")
@project_option
def build(top, strict, project_dir) -> None:
    """The main job: analyse keywords/, draft briefs for new clusters (never overwriting), build the site."""
    from generator.site.job import run_main_job

    result = run_main_job(_project(project_dir), top=top, strict=strict, on_step=click.echo)
    if result.briefs_created or result.briefs_existing:
        click.echo(
            f"Briefs: {len(result.briefs_created)} drafted, {len(result.briefs_existing)} already there"
        )
    _echo_warnings(result.site.warnings)
    click.echo(f"Site ready: {result.site.site_dir / 'index.html'}")


COMMANDS = [site, build]
