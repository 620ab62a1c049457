"""The package's layout is its architecture: each stage imports only the stages below it.

Layers, lowest first. A module may import modules of its own layer and of lower layers,
never of a higher one; the import graph has no cycle. Imports inside functions count too:
a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import consolidate

PACKAGE = Path(consolidate.__file__).parent

#: lowest first; a name is a subpackage (every module in it) or a top-level module
LAYERS: list[set[str]] = [
    {"text"},
    {"errors", "thresholds", "codes", "model", "i18n"},
    {"documents"},
    {"consultation"},
    {"intake"},
    {"analysis"},
    {"papers"},
    {"runs", "pipeline"},
    {"__init__"},
    {"console", "cli", "__main__"},
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for level, names in enumerate(LAYERS):
        if top in names:
            return level
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


def _imports(path: Path) -> set[str]:
    """Package modules `path` imports, as dotted names (a name imported from a package that is
    itself a module counts as that module)."""
    known = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("consolidate"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; the package uses absolute imports")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("consolidate"))
    return found - {_module_name(path)}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def test_every_module_imports_only_its_own_layer_or_lower() -> None:
    upward = sorted(
        f"{module} → {target}"
        for module, targets in _graph().items()
        for target in targets
        if target != "consolidate" and _layer(target) > _layer(module)
    )
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target] if target in path else [node, target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
