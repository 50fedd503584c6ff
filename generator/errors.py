"""The project's exception classes.

Every error meant for a user is a :class:`PlaybookError`. Its message is one line
that names the file, says what was found and how to fix it; the CLI prints it as
``Error: <message>`` and exits 1 (a traceback only with ``--debug``).
"""


class PlaybookError(Exception):
    """Base class for every error reported to the user."""


class InputError(PlaybookError):
    """An input file or path cannot be used (missing, empty, binary, unknown layout)."""


class ConfigError(PlaybookError):
    """A configuration file (committee, workflow, mkdocs) is invalid."""


class WorkflowError(PlaybookError):
    """A brief cannot move as asked (illegal transition, wrong role, failed gate)."""


class NotFoundError(PlaybookError):
    """A named thing (brief id, member, cluster) does not exist."""


class OutputError(PlaybookError):
    """An output location cannot be written."""


def collected(problems: list[str], where: str) -> str:
    """One message for problems gathered before aborting once (MkDocs' config habit).

    A single problem is returned as it is; several become a count naming ``where``
    followed by one indented line per problem.
    """
    if len(problems) == 1:
        return problems[0]
    return f"{len(problems)} problems in {where}:\n" + "\n".join(f"  {p}" for p in problems)
