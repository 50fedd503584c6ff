"""CLI commands: site (placeholder, filled in by its issue)."""

import click  # noqa: F401

COMMANDS: list = []
