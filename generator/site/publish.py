"""Publish the built site GitHub-Pages style: the site is the only content of a branch.

The commit is made in a temporary git directory (the project's own checkout is
never touched) on top of the branch's current tip when it exists, then pushed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import NotFoundError, OutputError
from generator.project import Project
from generator.site.build import build_site

AUTHOR = {
    "GIT_AUTHOR_NAME": "playbook",
    "GIT_AUTHOR_EMAIL": "playbook@localhost",
    "GIT_COMMITTER_NAME": "playbook",
    "GIT_COMMITTER_EMAIL": "playbook@localhost",
}


@dataclass
class PublishResult:
    remote: str
    branch: str
    commit: str
    files: int


def _git(
    args: list[str], cwd: Path, env: dict | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    if check and result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise OutputError(f"git {args[0]} failed: {detail[-1] if detail else 'no output'}")
    return result


def resolve_remote(project: Project, remote: str) -> str:
    """A remote name of the project's repository as its URL; paths and URLs as given."""
    if "/" in remote or ":" in remote or Path(remote).exists():
        path = Path(remote).expanduser()
        return str(path.resolve()) if path.exists() else remote
    result = _git(["remote", "get-url", remote], project.root, check=False)
    if result.returncode != 0:
        raise NotFoundError(
            f"{project.root}: no git remote named '{remote}'; pass --remote PATH_OR_URL"
        )
    return result.stdout.strip()


def publish_site(
    project: Project, remote: str = "origin", branch: str = "gh-pages", message: str | None = None
) -> PublishResult:
    """Build the site (strict), commit it as the whole content of `branch`, push it to `remote`."""
    url = resolve_remote(project, remote)
    with tempfile.TemporaryDirectory(prefix="playbook-publish-") as tmp:
        site = Path(tmp) / "site"
        build_site(project, strict=True, site_dir=site)
        (site / ".nojekyll").write_text("", encoding="utf-8")
        commit = _commit(Path(tmp), site, url, branch, message or _message(project))
        _git(["push", "-q", url, f"{commit}:refs/heads/{branch}"], Path(tmp), _env(tmp, site))
        files = sum(1 for path in site.rglob("*") if path.is_file())
    return PublishResult(url, branch, commit, files)


def _env(tmp: str, site: Path) -> dict:
    return {**AUTHOR, "GIT_DIR": str(Path(tmp) / "git"), "GIT_WORK_TREE": str(site)}


def _commit(tmp: Path, site: Path, url: str, branch: str, message: str) -> str:
    env = _env(str(tmp), site)
    _git(["init", "-q"], site, env)
    _git(["add", "-A", "."], site, env)
    tree = _git(["write-tree"], site, env).stdout.strip()
    fetched = _git(["fetch", "-q", url, f"refs/heads/{branch}"], site, env, check=False)
    parent = ["-p", "FETCH_HEAD"] if fetched.returncode == 0 else []
    return _git(["commit-tree", tree, *parent, "-m", message], site, env).stdout.strip()


def _message(project: Project) -> str:
    head = _git(["rev-parse", "--short", "HEAD"], project.root, check=False)
    source = f" from {head.stdout.strip()}" if head.returncode == 0 else ""
    return f"Publish the playbook site{source}"
