"""The shape of the code, read with `ast` (nothing imported): who may import the main window, no import
cycle among reader's modules, and no module too long to read.

The main window composes its parts (reader.gui.reading, article_commands, live, scope_control, listing),
each given only what it uses: a part that imported the window back would make a circle of the two, and
a module that grows past 600 lines is one to split.  Every import counts, those under TYPE_CHECKING and
inside functions too: a circle hidden from the interpreter is still one for the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READER = ROOT / "reader"
MAX_LINES = 600
MAY_IMPORT_WINDOW = {"reader.gui.app"}  # builds the window (the screenshot tool goes through app)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(READER.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The reader modules `name` imports, anywhere in it (a `from x import y` names x.y when y is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return {module for module in found if module in known and module != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_the_module_list_is_read():
    graph = _graph()
    assert {"reader.gui.main_window", "reader.gui.reading", "reader.core.index"} <= set(graph)
    assert "reader.gui.reading" in graph["reader.gui.main_window"]  # the imports are found


def test_only_the_app_imports_the_main_window():
    importers = sorted(name for name, imported in _graph().items() if "reader.gui.main_window" in imported)
    assert set(importers) <= MAY_IMPORT_WINDOW, (
        f"{importers} import reader.gui.main_window: give the part what it uses instead (callables, a Protocol)")


def test_no_import_cycle_among_reader_modules():
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                cycles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_every_module_is_under_600_lines():
    long = {str(path.relative_to(ROOT)): count for path in sorted(READER.rglob("*.py"))
            if (count := len(path.read_text(encoding="utf-8").splitlines())) >= MAX_LINES}
    assert not long, f"modules of {MAX_LINES} lines or more (split them): {long}"
