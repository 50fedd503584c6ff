"""CLI commands: ``briefs`` (list, show, move, assign + the authoring commands), ``committee``, ``calendar``."""

from __future__ import annotations

import click

from generator.cli.options import open_project as _project
from generator.cli.options import project_option

date_type = click.DateTime(formats=["%Y-%m-%d"])



def _day(value):
    import datetime as dt

    return value.date() if value else dt.date.today()


@click.group()
def briefs() -> None:
    """Editorial briefs: list, show, move, assign, draft, start, check, publish."""


@briefs.command("list")
@click.option("--status", help="Only briefs with this status.")
@click.option("--assignee", help="Only briefs where this person is the SME, journalist or editor.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@project_option
def list_command(status, assignee, fmt, project_dir) -> None:
    """List briefs with their status, people and next due date."""
    from generator.briefs import listing, store, workflow

    project = _project(project_dir)
    wf = workflow.load_workflow(project.workflow_file)
    rows = listing.list_rows(store.load_briefs(project.briefs_dir, store.SUMMARY_KEYS), wf, status, assignee)
    click.echo(listing.format_rows(rows, fmt), nl=False)


@briefs.command("show")
@click.argument("brief_id")
@project_option
def show_command(brief_id, project_dir) -> None:
    """Show one brief (by id or slug): status, people, metrics, due dates, history."""
    from generator.briefs import listing, store, workflow

    project = _project(project_dir)
    brief = store.find_brief(project.briefs_dir, brief_id)
    click.echo(listing.show_text(brief, workflow.load_workflow(project.workflow_file)), nl=False)


@briefs.command("move")
@click.argument("brief_id")
@click.argument("status")
@click.option("--by", "by", required=True, help="Person (committee.yml id) making the move.")
@click.option("--note", help="Why (required for hold, killed, changes_requested).")
@project_option
def move_command(brief_id, status, by, note, project_dir) -> None:
    """Move a brief to STATUS (checks the workflow and the person's role)."""
    from generator.briefs import moves

    brief = moves.move_brief(_project(project_dir), brief_id, status, by, note)
    click.echo(f"{brief.id}: {brief.history[-1].get('from')} -> {brief.status} (by {by})")


@briefs.command("assign")
@click.argument("brief_id")
@click.option("--journalist", help="Journalist id from committee.yml.")
@click.option("--sme", help="Committee member id (the expert).")
@click.option("--interview-date", type=date_type, help="Date of the expert interview (YYYY-MM-DD).")
@project_option
def assign_command(brief_id, journalist, sme, interview_date, project_dir) -> None:
    """Set a brief's journalist, expert and/or interview date."""
    from generator.briefs import moves

    day = interview_date.date() if interview_date else None
    brief = moves.assign_brief(_project(project_dir), brief_id, journalist, sme, day)
    click.echo(f"{brief.id}: journalist {brief.journalist or '-'}, sme {brief.sme_id or '-'}")


@click.group()
def committee() -> None:
    """The thought-leadership committee: agenda, load, check."""


@committee.command("agenda")
@click.option("--date", "day", type=date_type, help="Meeting date (default today).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the Markdown here instead of printing it.")
@project_option
def agenda_command(day, out, project_dir) -> None:
    """The meeting agenda: pitches to review, pending interviews, overdue items, load."""
    from generator.briefs import agenda, moves, store

    project = _project(project_dir)
    members, wf = moves.load_context(project)
    text = agenda.agenda_markdown(store.load_briefs(project.briefs_dir, store.SUMMARY_KEYS), members, wf, _day(day))
    if out:
        from generator.fsutil import atomic_write_text

        atomic_write_text(out, text)
        click.echo(f"Wrote {out}")
    else:
        click.echo(text, nl=False)


@committee.command("load")
@click.option("--date", "day", type=date_type, help="Month to measure (default today).")
@project_option
def load_command(day, project_dir) -> None:
    """Each member's and journalist's load against monthly capacity."""
    from generator.briefs import agenda, moves, store

    project = _project(project_dir)
    members, wf = moves.load_context(project)
    rows = agenda.load_rows(store.load_briefs(project.briefs_dir, store.SUMMARY_KEYS), members, wf, _day(day))
    click.echo(agenda.format_load(rows, _day(day)), nl=False)


@committee.command("check")
@project_option
def check_command(project_dir) -> None:
    """Validate committee.yml and workflow.yml (every problem, with lines)."""
    from generator.briefs import configcheck

    for line in configcheck.check_config(_project(project_dir)):
        click.echo(line)


@click.command("calendar")
@click.option("--weeks", default=6, show_default=True, type=click.IntRange(1, 104))
@click.option("--start", "start", type=date_type, help="First week (default this week).")
@click.option("--ics", type=click.Path(dir_okay=False), help="Also write an iCalendar file here.")
@project_option
def calendar_command(weeks, start, ics, project_dir) -> None:
    """The editorial calendar from due dates and capacity; --ics exports every due date."""
    from generator.briefs import calendar, moves, store

    project = _project(project_dir)
    members, wf = moves.load_context(project)
    all_briefs = store.load_briefs(project.briefs_dir, store.SUMMARY_KEYS)
    click.echo(calendar.calendar_markdown(all_briefs, members, wf, _day(start), weeks), nl=False)
    if ics:
        calendar.write_ics(ics, calendar.build_ics(all_briefs, wf))
        click.echo(f"Wrote {ics}")


def _add_authoring() -> None:
    from generator.cli.authoring import AUTHORING_COMMANDS

    for command in AUTHORING_COMMANDS:
        briefs.add_command(command)


_add_authoring()

COMMANDS = [briefs, committee, calendar_command]
