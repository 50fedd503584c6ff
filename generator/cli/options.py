"""Options shared by several commands, defined once (sqlite-utils' ``output_options`` habit)."""

from __future__ import annotations

import click

project_option = click.option(
    "--project",
    "project_dir",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Project folder (the one holding mkdocs.yml, keywords/ and thought_leadership/).",
)


def open_project(project_dir: str):
    """The :class:`generator.project.Project` at ``project_dir`` (imported lazily)."""
    from generator.project import Project

    return Project.at(project_dir)
