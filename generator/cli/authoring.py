"""CLI commands added to the ``briefs`` group: draft, start, check, publish (placeholder)."""

import click  # noqa: F401

AUTHORING_COMMANDS: list = []
