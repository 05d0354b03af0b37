"""The import graph of ``src/``, read from the source (imports inside functions included):
no cycle anywhere, every arrow points down the layers, data reached only through the
port, no fallback hides the package's own modules and no module swaps its class.

The layers, lowest first (a module imports only its own layer, lower ones and the
base):

====  =================================================================================
0     ``sources/``, ``store/``, ``datasets/`` (the bundled files) and
      ``events/`` (the event calendar's files): everything that reads or writes files
1     ``data/``: the port (``DataSource``) and its implementations
2     ``measures/``: pure functions
3     ``kinds/``: the fact kinds, ``Fact``/``FactSet``, the engine
4     ``story/``: score, narrative, headline, segments
5     ``products/``: one use-case function per product; ``scale/``: the scan and
      breadth of a product run on Dask
6     front ends: ``cli/``, ``render/``, ``web/`` and the Python API (``rotascope``)
base  ``_typing``, ``_version``, ``asof``, ``calendar``, ``config``, ``errors``,
      ``symbols``, ``wording``: usable by every layer, importing only the base
====  =================================================================================

Imports under ``if TYPE_CHECKING:`` are left out: they never run (a renderer naming
the ``Report`` it renders is not an import).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "rotascope"

BASE = frozenset(
    f"rotascope.{m}"
    for m in ("_typing", "_version", "asof", "calendar", "config", "errors", "symbols", "wording")
)
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "rotascope.sources",
        "rotascope.store",
        "rotascope.datasets",
        "rotascope.events",
    ),
    ("rotascope.data",),
    ("rotascope.measures",),
    ("rotascope.kinds",),
    ("rotascope.story",),
    ("rotascope.products", "rotascope.scale"),
    ("rotascope.cli", "rotascope.render", "rotascope.web", "rotascope"),
)
FILES = LAYERS[0]

#: Modules above the port that may reach files directly, and why.
FILE_GATES: dict[str, str] = {
    "rotascope.products.imports": "the one place front ends' write paths reach the store",
    "rotascope.cli.data": "the data commands (import, update, list) manage the store",
    "rotascope.cli.export": "data export and intraday bars: the store out as Parquet, bars in",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PKG.rglob("*.py")}


def _nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node, leaving out the bodies of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _imports(name: str, path: Path) -> set[str]:
    """The rotascope modules ``path`` imports, anywhere in the file.

    ``from pkg import sub`` imports the submodule ``pkg.sub`` (not the package's other
    names); ``from pkg import name`` imports ``pkg``. Relative imports are resolved.
    """
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("rotascope")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module != "rotascope" and not module.startswith("rotascope."):
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                out.add(sub if sub in MODULES else module)
    return out


GRAPH: dict[str, set[str]] = {
    name: {d for d in _imports(name, path) if d in MODULES and d != name}
    for name, path in MODULES.items()
}


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _layer(module: str) -> int | None:
    """The layer of ``module`` (None for the base); the deepest package name wins."""
    if module in BASE:
        return None
    best: tuple[int, int] | None = None
    for i, packages in enumerate(LAYERS):
        for p in packages:
            if _under(module, p) and (best is None or len(p) > best[1]):
                best = (i, len(p))
    assert best is not None, f"{module} is in no layer: add it to LAYERS or BASE"
    return best[0]


def test_the_graph_is_read_from_every_module() -> None:
    assert len(GRAPH) > 150
    assert "rotascope.kinds.engine" in GRAPH["rotascope.products.facts"]
    # an import inside a function counts
    assert "rotascope.products.study" in GRAPH["rotascope.products.sections"]


def test_no_import_cycle_anywhere() -> None:
    """Tarjan's strongly connected components: every one is a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert cycles == [], cycles


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_arrow_points_down_the_layers(module: str) -> None:
    mine = _layer(module)
    for dep in GRAPH[module]:
        theirs = _layer(dep)
        if mine is None:
            assert theirs is None, f"base module {module} imports {dep}"
        elif theirs is not None:
            assert theirs <= mine, f"{module} (layer {mine}) imports {dep} (layer {theirs})"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if (_layer(m) or 0) >= 2))
def test_above_the_port_files_are_reached_only_through_it(module: str) -> None:
    if module in FILE_GATES:
        return
    for dep in GRAPH[module]:
        assert not any(_under(dep, f) for f in FILES), (
            f"{module} imports {dep}: read data through a DataSource (rotascope.data), "
            "write through rotascope.products.imports"
        )


def test_the_file_gates_are_real_modules() -> None:
    assert set(FILE_GATES) <= set(MODULES)


def test_kind_modules_do_not_import_their_package() -> None:
    for module, deps in GRAPH.items():
        if module.startswith("rotascope.kinds."):
            assert "rotascope.kinds" not in deps, module  # only the package imports its kinds


def _fallback_imports(tree: ast.AST) -> list[str]:
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        names = set()
        for h in node.handlers:
            types = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
            names |= {t.id for t in types if isinstance(t, ast.Name)}
        if not names & {"ImportError", "ModuleNotFoundError"}:
            continue
        for stmt in node.body:
            for sub in ast.walk(stmt):
                if isinstance(sub, ast.Import):
                    out += [a.name for a in sub.names]
                elif isinstance(sub, ast.ImportFrom):
                    out.append(sub.module or "." * sub.level)
    return out


def test_import_error_fallbacks_guard_only_optional_third_party_modules() -> None:
    found = set()
    for path in PKG.rglob("*.py"):
        for module in _fallback_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.startswith(("rotascope", ".")):
                found.add((path.relative_to(PKG).as_posix(), module))
    assert found == set()


def _is_module_class(target: ast.expr) -> bool:
    """``sys.modules[...].__class__`` or ``<module>.__class__`` as an assignment target."""
    if not (isinstance(target, ast.Attribute) and target.attr == "__class__"):
        return False
    text = ast.unparse(target.value)
    return "sys.modules" in text or text in {"module", "mod", "self_module"}


def test_no_module_swaps_its_class() -> None:
    for path in PKG.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "ModuleType" not in source or "class _CallableModule" not in source, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    assert not _is_module_class(target), path
