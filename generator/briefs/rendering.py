"""Jinja2 templates for briefs and posts, overridable per project.

Templates are looked up in ``thought_leadership/templates/`` first, then in the
package (``generator/briefs/templates/``). Autoescape is off (the output is
Markdown); every data value goes through the ``md`` filter, which escapes
Markdown and HTML syntax. Undefined variables are errors: before rendering, the
template's free variables are compared with the context and every missing one
is named at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigError

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
BRIEF_TEMPLATE = "brief.md.j2"
ARTICLE_TEMPLATE = "article.md.j2"

_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_INLINE = re.compile(r"([\\`*_\[\]|])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]|<>&#\s]|^[+=-]|^\d+[.)]")


class TemplateError(ConfigError):
    """A brief or article template cannot be rendered (syntax error, missing variables)."""


def md(value) -> str:
    """Markdown-safe inline text: one line, HTML and Markdown syntax escaped."""
    text = str("" if value is None else value)
    if not _NEEDS_ESCAPE.search(text.replace(" ", "")):
        return text
    text = " ".join(text.split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


@dataclass
class Template:
    """A compiled template, its source file and its free variables."""

    name: str
    origin: str
    compiled: object
    variables: frozenset[str]

    def render(self, context: dict) -> str:
        import jinja2

        missing = sorted(self.variables - context.keys())
        if missing:
            raise TemplateError(
                f"{self.origin}: undefined template variables: {', '.join(missing)}; "
                f"available: {', '.join(sorted(context))}"
            )
        try:
            return self.compiled.render(context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"{self.origin}: {exc.message}; fix the template") from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{self.origin}: {exc}; fix the template") from exc


def load_template(name: str, project_templates: Path | None) -> Template:
    """Compile template ``name``: the project's copy when present, else the package's."""
    import jinja2
    from jinja2 import meta

    env = _environment(project_templates)
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{name}: template not found in {project_templates} or {PACKAGE_TEMPLATES}") from exc
    origin = _display(filename, project_templates)
    try:
        parsed = env.parse(source, name, filename)
        compiled = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{origin}:{exc.lineno}: template syntax error ({exc.message}); fix the template") from exc
    variables = frozenset(meta.find_undeclared_variables(parsed)) - set(env.globals)
    return Template(name, origin, compiled, variables)


def _environment(project_templates: Path | None):
    import jinja2

    loaders = [jinja2.FileSystemLoader(str(project_templates))] if project_templates else []
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    return env


def _display(filename: str, project_templates: Path | None) -> str:
    path = Path(filename)
    if project_templates is not None:
        root = Path(project_templates).parent.parent
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
