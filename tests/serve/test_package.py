"""The shape of the serve package: small modules, no import cycle, and nothing that loads the graph into
memory (the server reads the build's store)."""
from __future__ import annotations

import pytest

import ast
from pathlib import Path

import wbkg.serve

pytestmark = pytest.mark.slow  # not in `make test-fast`

PACKAGE = Path(wbkg.serve.__file__).resolve().parent
MAX_LINES = 400


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("wbkg.serve",) + parts)
        out[name[: -len(".__init__")] if name.endswith(".__init__") else name] = path
    return out


def imports_of(name: str, path: Path) -> set[str]:
    """The wbkg modules ``name`` imports (at any level of the file), relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {f for f in found if f.startswith("wbkg.")}


def test_every_module_is_small():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert {n: s for n, s in sizes.items() if s > MAX_LINES} == {}


def test_no_import_cycle_in_the_package():
    known = modules()
    graph = {name: {i for i in imports_of(name, path) if i in known and i != name} for name, path in known.items()}
    # a package's __init__ importing its own modules is how Python loads them, not a cycle
    for name in graph:
        graph[name] = {i for i in graph[name] if not name.startswith(i + ".")}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2
    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_server_never_loads_the_graph_into_memory():
    for name, path in modules().items():
        assert not {i for i in imports_of(name, path) if i.startswith(("wbkg.load", "wbkg.execute"))}, name


def test_templates_are_files_and_autoescaped():
    from wbkg.serve.templating import environment
    names = {p.name for p in (PACKAGE / "templates").glob("*.html")}
    assert {"base.html", "entity.html", "article.html", "timeline.html", "void.html"} <= names
    assert environment().from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
