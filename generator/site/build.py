"""Build and serve the site with MkDocs' own machinery.

MkDocs' errors (configuration, build, strict-mode warnings) become one-line
PlaybookErrors that name mkdocs.yml and quote the warnings.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ConfigError, InputError, OutputError
from generator.project import Project

SHOWN_WARNINGS = 5


@dataclass
class BuildResult:
    site_dir: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings and errors for the result or the error message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()).rstrip("."))


def require_config(project: Project) -> Path:
    if not project.mkdocs_yml.is_file():
        raise InputError(
            f"{project.mkdocs_yml}: not found; run in the project folder or pass --project DIR"
        )
    return project.mkdocs_yml


def _quiet_material() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _fresh_plugins() -> None:
    """Forget plugin instances MkDocs caches per process (Material's blog plugin breaks on reuse)."""
    from mkdocs.config.defaults import MkDocsConfig

    dict(MkDocsConfig._schema)["plugins"].plugin_cache.clear()


def build_site(
    project: Project, strict: bool = True, site_dir: Path | str | None = None
) -> BuildResult:
    """Build the project's site (strict by default) into `site_dir` (default: mkdocs.yml's)."""
    config_file = require_config(project)
    _quiet_material()
    _fresh_plugins()
    from mkdocs import exceptions
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    started = time.perf_counter()
    config = None
    try:
        config = load_config(
            str(config_file),
            strict=strict,
            site_dir=str(Path(site_dir).resolve()) if site_dir else None,
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
    except (exceptions.MkDocsException, exceptions.ConfigurationError) as exc:
        if config is None:
            raise ConfigError(_invalid(config_file, exc, collector.messages)) from exc
        raise ConfigError(_failure(config_file, exc, collector.messages, strict)) from exc
    except OSError as exc:
        raise OutputError(
            f"{exc.filename or config_file}: cannot write the site ({exc.strerror}); "
            "pass a writable --site-dir"
        ) from exc
    finally:
        logger.removeHandler(collector)
    return BuildResult(Path(config.site_dir), time.perf_counter() - started, collector.messages)


def _invalid(config_file: Path, exc: Exception, messages: list[str]) -> str:
    reasons = messages or [" ".join(str(exc).split())]
    return f"{config_file}: invalid configuration: {'; '.join(reasons)}; fix the file"


def _failure(config_file: Path, exc: Exception, messages: list[str], strict: bool) -> str:
    reasons = messages or [" ".join(str(exc).split())]
    shown = "; ".join(reasons[:SHOWN_WARNINGS])
    more = f" (and {len(reasons) - SHOWN_WARNINGS} more)" if len(reasons) > SHOWN_WARNINGS else ""
    mode = "strict build" if strict else "build"
    hint = "fix them, or build with --no-strict to see the site anyway" if strict else "fix them"
    count = f"{len(reasons)} problem{'s' if len(reasons) != 1 else ''}"
    return f"{config_file}: the {mode} failed with {count}: {shown}{more}; {hint}"


def serve_site(project: Project, dev_addr: str | None = None) -> None:
    """Serve the site with live reload; also watches the analysis and the briefs."""
    config_file = require_config(project)
    _quiet_material()
    from mkdocs import exceptions
    from mkdocs.commands import serve

    watch = [str(p) for p in (project.analysis_dir, project.thought_leadership_dir) if p.is_dir()]
    try:
        serve.serve(config_file=str(config_file), dev_addr=dev_addr, watch=watch)
    except (exceptions.MkDocsException, exceptions.ConfigurationError) as exc:
        raise ConfigError(
            f"{config_file}: cannot serve the site: {' '.join(str(exc).split())}"
        ) from exc
