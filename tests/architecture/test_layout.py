"""The layout is the architecture: no import cycles between wbkg's modules, no module over the size a reader
can hold in mind, one place that chooses store backends, and a test folder for every package."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "wbkg"
TESTS = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(name: str, path: Path) -> set[str]:
    """The wbkg modules ``name`` imports, at module level or inside functions (a function-local import is
    still a dependency)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            if candidate in MODULES and candidate != name:
                found.add(candidate)
    return found


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), ignoring a package's edges to its own
    submodules through ``__init__`` (a package importing its parts is not a cycle)."""
    def edges(name):
        return {t for t in GRAPH[name] if not t.startswith(name + ".") and not name.startswith(t + ".")}
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))
    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_is_read():
    assert "wbkg.cli" in GRAPH and GRAPH["wbkg.cli"], "the CLI imports nothing?"


def test_no_import_cycles():
    assert cycles() == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(SRC.parent)}: {lines} lines (at most {MAX_LINES})"


def test_backends_are_chosen_in_one_place():
    """Only the store registry names backend modules; everything else asks it by name."""
    offenders = [name for name, path in MODULES.items()
                 if not name.startswith("wbkg.store") and ("store.oxigraph" in path.read_text(encoding="utf-8")
                                                          or "store.memory" in path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_tests_mirror_the_packages():
    packages = {p.parent.name for p in SRC.rglob("__init__.py") if p.parent != SRC and p.parent.parent == SRC}
    missing = sorted(p for p in packages if not (TESTS / p).is_dir())
    assert missing == [], f"packages without a tests/ folder: {missing}"
