"""`playbook build`, the main job: analyse the keywords, draft briefs for new clusters, build the site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.keywords import schema
from generator.project import Project
from generator.site.build import BuildResult, build_site


@dataclass
class JobResult:
    inputs: int = 0
    analysed: bool = False
    briefs_created: list = field(default_factory=list)
    briefs_existing: list = field(default_factory=list)
    site: BuildResult | None = None


def run_main_job(
    project: Project,
    top: int | None = 8,
    strict: bool = True,
    on_step: Callable[[str], None] | None = None,
) -> JobResult:
    """Analyse keywords/ (when it holds exports), draft briefs (never overwriting), build the site."""
    step = on_step or (lambda message: None)
    result = JobResult()
    inputs = []
    if project.keywords_dir.is_dir():
        from generator.keywords.load import discover_inputs

        inputs = discover_inputs(project.keywords_dir)
    result.inputs = len(inputs)
    if inputs:
        step(f"Analysing {len(inputs)} keyword exports in {project.keywords_dir}")
        from generator.keywords.pipeline import analyze_paths

        analyze_paths(inputs, project.analysis_dir)
        result.analysed = True
    else:
        step(f"No keyword exports in {project.keywords_dir}; skipping the analysis")
    if (project.analysis_dir / schema.CLUSTERS_CSV).is_file():
        step("Drafting briefs for new clusters (existing briefs are kept)")
        from generator.briefs.draft import draft_briefs

        drafted = draft_briefs(project, top=top)
        result.briefs_created = list(drafted.created)
        result.briefs_existing = list(drafted.skipped_existing)
    step("Building the site")
    result.site = build_site(project, strict=strict)
    return result
