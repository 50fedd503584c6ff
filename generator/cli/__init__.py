"""The ``playbook`` command line: a thin Click layer over the ``generator`` library.

Each command parses its options, calls one library function and prints the
result. Library errors (:class:`generator.errors.PlaybookError`) become one
``Error: …`` line on stderr and exit code 1; ``--debug`` shows the traceback.
Command modules import heavy libraries (pandas, advertools, mkdocs) inside the
command bodies, so ``playbook --help`` stays instant.
"""

from __future__ import annotations

import sys

import click

from generator import __version__
from generator.errors import PlaybookError


class PlaybookGroup(click.Group):
    """Root group that turns library errors into a single ``Error:`` line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PlaybookError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # pragma: no cover - last-resort guard
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"Error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                err=True,
            )
            sys.exit(1)


@click.group(cls=PlaybookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """playbook: keyword research to long-tail content plan to published sales playbook."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    from generator.cli import calc, editorial, keywords, site

    for module in (keywords, editorial, site, calc):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="playbook")
