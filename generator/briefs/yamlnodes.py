"""YAML with line numbers: parse once, keep the node tree to point errors at lines."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.errors import ConfigError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_nodes(text: str, label: str) -> tuple[Any, yaml.Node | None]:
    """Return (data, root node); malformed YAML raises ConfigError naming ``label`` and the line."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{label}{line}: malformed YAML ({problem}); fix the line") from exc
    return data, node


def line_of(node: yaml.Node | None, *keys: Any) -> int:
    """1-based line of the value at ``keys`` (mapping keys or list indexes); the nearest parent when absent."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for key in keys:
        child = _child(node, key)
        if child is None:
            return line
        key_node, node = child
        line = (key_node or node).start_mark.line + 1
    return line


def _child(node: yaml.Node, key: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return None, node.value[key]
    return None


def by_line(problems: list[str]) -> list[str]:
    """Problems sorted by their ``file:line:`` prefix (stable for equal lines)."""

    def line(problem: str) -> int:
        match = re.match(r"^(?:warning: )?.*?:(\d+): ", problem)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=line)
