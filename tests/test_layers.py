"""The house plan, read from the import graph: data flows one way, sources → parser → db → cli, with
pipeline joining them; parser/ at the bottom imports nothing else of ours, and no HTTP or SQL."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("parser", "sources", "pipeline", "db", "cli")
# What each package may import of ours (besides itself and the top-level policytrack package).
ALLOWED = {
    "parser": set(),
    "sources": {"parser"},
    "db": {"parser"},
    "pipeline": {"parser", "sources", "db"},
    "cli": {"parser", "sources", "db", "pipeline"},
}
# Libraries that belong to one layer: HTTP in sources/, SQL in db/ (and the pipeline's typed edge to it).
FORBIDDEN_LIBRARIES = {
    "parser": {"requests", "urllib3", "sqlite3", "sqlite_utils", "warcio", "typer", "rich", "click"},
    "sources": {"sqlite3", "sqlite_utils", "typer", "rich"},
    "db": {"requests", "urllib3", "bs4", "warcio", "typer", "rich"},
    "pipeline": {"requests", "sqlite3", "sqlite_utils", "typer", "rich"},
}


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def graph() -> dict[str, dict[Path, set[str]]]:
    return {pkg: {f: imports(f) for f in (ROOT / pkg).rglob("*.py")} for pkg in PACKAGES}


def test_each_package_imports_only_the_layers_below_it() -> None:
    problems = []
    for pkg, files in graph().items():
        for file, names in files.items():
            for name in names:
                parts = name.split(".")
                ours = parts[0] == "policytrack" and len(parts) > 1 and parts[1] in PACKAGES
                if ours and parts[1] != pkg and parts[1] not in ALLOWED[pkg]:
                    problems.append(f"{file.relative_to(ROOT)} imports {name}")
    assert problems == []


def test_parser_speaks_neither_http_nor_sql_and_no_layer_reaches_outside_its_own() -> None:
    problems = []
    for pkg, files in graph().items():
        for file, names in files.items():
            for name in names:
                if name.split(".")[0] in FORBIDDEN_LIBRARIES.get(pkg, set()):
                    problems.append(f"{file.relative_to(ROOT)} imports {name}")
    assert problems == []


def test_the_graph_is_read_at_all() -> None:
    """The test above cannot pass by reading nothing: the graph holds the edges we know are there."""
    edges = graph()
    assert any("policytrack.parser.errors" in names for names in edges["sources"].values())
    assert any("policytrack.db.store" in names for names in edges["pipeline"].values())
    assert any(name.startswith("bs4") for names in edges["parser"].values() for name in names)
