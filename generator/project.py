"""Where a playbook project keeps its files.

Every command works on a project folder (default: the current directory).
The paths are defined here once; commands and the MkDocs plugin take a
:class:`Project` rather than spelling paths themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> Project:
        return cls(Path(root or ".").resolve())

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def blog_posts_dir(self) -> Path:
        return self.content_dir / "blog" / "posts"

    @property
    def keywords_dir(self) -> Path:
        return self.root / "keywords"

    @property
    def analysis_dir(self) -> Path:
        return self.keywords_dir / "analysis"

    @property
    def thought_leadership_dir(self) -> Path:
        return self.root / "thought_leadership"

    @property
    def committee_file(self) -> Path:
        return self.thought_leadership_dir / "committee.yml"

    @property
    def workflow_file(self) -> Path:
        return self.thought_leadership_dir / "workflow.yml"

    @property
    def briefs_dir(self) -> Path:
        return self.thought_leadership_dir / "briefs"

    @property
    def templates_dir(self) -> Path:
        return self.thought_leadership_dir / "templates"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"
