"""Safe YAML loading for knowledge files: plain data only, errors that name the file and the line.

Every knowledge file (lexicon, gazetteer, cue lists...) is data, never code. The loader here is the safe
loader narrowed further: a tag outside YAML's standard set (``!!python/name:...``, ``!custom``) is refused
even where a composer alone would ignore it, and aliases can be refused so that a billion-laughs document
cannot be expanded by a caller that walks or converts the values. Every failure is a ValueError that reads
``"<file>, line <n>: <problem>"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["compose_yaml", "load_yaml", "node_at", "parse_yaml", "where", "yaml_error"]

# The tags the safe constructor knows (str, int, float, bool, null, seq, map, timestamp, binary, set...).
_STANDARD_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses non-standard tags at compose time and, optionally, aliases."""

    allow_aliases = True

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if not self.allow_aliases and self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed",
                self.peek_event().start_mark)
        node = super().compose_node(parent, index)
        if node is not None and node.tag not in _STANDARD_TAGS:
            raise yaml.composer.ComposerError(
                None, None, f"tag {node.tag!r} is not allowed",
                node.start_mark)
        return node


def yaml_error(path: str | Path, exc: yaml.YAMLError) -> ValueError:
    """A ValueError naming `path` and (when YAML knows it) the 1-based line of the problem."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return ValueError(f"{where(path, mark)}: not plain YAML data ({problem}); "
                      "write lists and mappings of strings and numbers only")


def where(path: str | Path, mark_or_node: Any = None) -> str:
    """``"<path>, line <n>"`` for a yaml Mark or Node (just the path when there is neither)."""
    mark = getattr(mark_or_node, "start_mark", mark_or_node)
    return f"{path}, line {mark.line + 1}" if mark is not None else str(path)


def compose_yaml(text: str, *, aliases: bool = True) -> yaml.Node | None:
    """The node tree of one YAML document (None when empty); raises yaml.YAMLError on bad input."""
    loader = _StrictLoader(text)
    loader.allow_aliases = aliases
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(text: str, path: str | Path, *, aliases: bool = False) -> tuple[Any, yaml.Node | None]:
    """(data, node tree) of one YAML document; the tree gives line numbers to shape errors (`node_at`)."""
    loader = _StrictLoader(text)
    loader.allow_aliases = aliases
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc) from None
    finally:
        loader.dispose()
    return data, node


def load_yaml(path: str | Path, *, aliases: bool = False) -> Any:
    """The data of a YAML knowledge file, read safely; a ValueError naming file and line otherwise."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_yaml(text, path, aliases=aliases)[0]


def node_at(node: yaml.Node | None, *keys: Any) -> yaml.Node | None:
    """The deepest node reached from `node` by following mapping keys / sequence indexes in `keys`."""
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)),
                         None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            return node
        node = found
    return node
