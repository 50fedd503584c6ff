"""``committee check``: validate committee.yml and workflow.yml together, reporting every problem once."""

from __future__ import annotations

from generator.briefs.committee import load_committee
from generator.briefs.where import shown
from generator.briefs.workflow import load_workflow, workflow_warnings
from generator.errors import ConfigError
from generator.project import Project


def check_config(project: Project) -> list[str]:
    """Summary lines (with warnings) when both files are valid; ConfigError listing every problem otherwise."""
    lines, problems = [], []
    try:
        committee = load_committee(project.committee_file)
        lines.append(
            f"{shown(project.committee_file)}: ok ({len(committee.members)} members, "
            f"{len(committee.journalists)} journalists, editor {committee.editor.id})"
        )
        lines += [f"warning: {w}" for w in committee.warnings]
    except ConfigError as exc:
        problems += _problem_lines(str(exc))
    try:
        workflow = load_workflow(project.workflow_file)
        where = shown(project.workflow_file) if project.workflow_file.is_file() else "built-in workflow (no workflow.yml)"
        lines.append(f"{where}: ok ({len(workflow.statuses)} statuses, initial '{workflow.initial}')")
        if project.workflow_file.is_file():
            text = project.workflow_file.read_text(encoding="utf-8")
            lines += [f"warning: {w}" for w in workflow_warnings(text, project.workflow_file)]
    except ConfigError as exc:
        problems += _problem_lines(str(exc))
    if problems:
        if len(problems) == 1:
            raise ConfigError(problems[0])
        raise ConfigError(f"{len(problems)} problems:\n" + "\n".join(f"  {p}" for p in problems))
    return lines


def _problem_lines(message: str) -> list[str]:
    lines = message.splitlines()
    return [line.strip() for line in lines[1:]] if len(lines) > 1 else lines
