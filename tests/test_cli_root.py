"""The CLI as a whole: every command documented, help is instant, errors are one line."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from generator.cli import cli


def _walk(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _walk(command, (*prefix, name))


ALL_COMMANDS = list(_walk(cli))


def test_the_issue_commands_exist():
    names = {" ".join(path) for path, _ in ALL_COMMANDS}
    for expected in [
        "keywords analyze", "keywords expand",
        "briefs draft", "briefs list", "briefs show", "briefs move", "briefs assign",
        "briefs start", "briefs check", "briefs publish",
        "committee agenda", "committee load", "calendar",
        "site build", "site serve", "site check", "site publish", "build",
        "sla", "comp", "scorecard",
    ]:
        assert expected in names, f"missing command: playbook {expected}"


@pytest.mark.parametrize("path", [p for p, _ in ALL_COMMANDS], ids=lambda p: " ".join(p))
def test_every_command_has_help(path):
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="playbook")
    assert result.exit_code == 0, result.output
    assert "Usage: playbook" in result.output
    command = dict(ALL_COMMANDS)[path]
    assert (command.help or "").strip(), f"playbook {' '.join(path)} has no help text"


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from generator.cli import cli; "
        "heavy = [m for m in ('pandas', 'advertools', 'mkdocs', 'numpy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_python_dash_m_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.strip() == "playbook, version 0.1.0"
