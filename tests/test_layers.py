"""Import discipline of the fact layers, read from the source (imports inside functions
included): kinds and story reach data only through the data port, nothing imports
upwards, the kinds import no cycle, no fallback hides the package's own modules and no
module swaps its class."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "rotascope"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every rotascope module ``path`` imports, anywhere in the file."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("rotascope")}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").startswith("rotascope")
        ):
            module = str(node.module)
            out.add(module)
            # "from rotascope.kinds import fact" imports the submodule
            for a in node.names:
                sub = f"{module}.{a.name}"
                if (SRC / Path(*sub.split("."))).with_suffix(".py").exists():
                    out.add(sub)
    return out


def _graph(prefixes: tuple[str, ...] = ("rotascope",)) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PKG.rglob("*.py"):
        name = _module_name(path)
        if name.startswith(prefixes):
            graph[name] = _imports(path)
    return graph


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


LOWER_ONLY = {
    "rotascope.wording": ("rotascope.kinds", "rotascope.story", "rotascope.products"),
    "rotascope.kinds": ("rotascope.story", "rotascope.products"),
    "rotascope.story": ("rotascope.products",),
}
FORBIDDEN = (
    "rotascope.catalog",
    "rotascope.datasets",
    "rotascope.store",
    "rotascope.sources",
    "rotascope.events",
    "rotascope.render",
    "rotascope.web",
    "rotascope.cli",
)


@pytest.mark.parametrize("layer", ["rotascope.wording", "rotascope.kinds", "rotascope.story"])
def test_fact_layers_reach_data_only_through_the_port(layer: str) -> None:
    above = LOWER_ONLY[layer]
    for module, deps in _graph((layer,)).items():
        for dep in deps:
            assert not any(_under(dep, f) for f in FORBIDDEN), (module, dep)
            assert not any(_under(dep, a) for a in above), (module, dep)


def test_products_import_no_front_end() -> None:
    for module, deps in _graph(("rotascope.products",)).items():
        for dep in deps:
            bad = ("rotascope.render", "rotascope.web", "rotascope.cli", "rotascope.catalog")
            assert not any(_under(dep, f) for f in bad), (module, dep)


def test_no_import_cycle_in_the_fact_layers() -> None:
    graph = _graph(("rotascope.kinds", "rotascope.story", "rotascope.wording"))
    nodes = set(graph)
    state: dict[str, int] = {}

    def visit(n: str, trail: list[str]) -> None:
        state[n] = 1
        for m in sorted(graph.get(n, ())):
            if m not in nodes or m == n or (m == "rotascope.kinds" and n != m):
                continue  # the package itself is not imported by its modules (checked below)
            if state.get(m) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, n, m]))
            if state.get(m) is None:
                visit(m, [*trail, n])
        state[n] = 2

    for n in sorted(nodes):
        if n not in state:
            visit(n, [])
    for module, deps in graph.items():
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


#: Fallbacks left in the data layer's own modules, which its owner is reworking (the
#: Shiller file search goes when Shiller's data are stored on import).
KNOWN_FALLBACKS = {("sources/shiller.py", "rotascope.datasets")}


def test_import_error_fallbacks_guard_only_optional_third_party_modules() -> None:
    found = set()
    for path in PKG.rglob("*.py"):
        for module in _fallback_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.startswith(("rotascope", ".")):
                found.add((path.relative_to(PKG).as_posix(), module))
    assert found <= KNOWN_FALLBACKS, found - KNOWN_FALLBACKS


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
