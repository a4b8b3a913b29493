"""The package's shape: stages as subpackages, small modules, one-way imports, third-party libraries
owned by the stage that needs them. These guard the layout the README's Development section describes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "deckgen"
STAGES = ("parse", "distill", "outline", "plan", "render", "cover", "check", "theme")
# Which stage may import a third-party library (the checker reads decks with python-pptx and lxml).
OWNERS = {"markdown_it": {"parse"}, "mdit_py_plugins": {"parse"}, "pysbd": {"distill"}, "yake": {"distill"},
          "segtok": {"distill"}, "pptx": {"render", "check"}, "lxml": {"render", "check"},
          "click": {"cli", "commands_check"}, "pygments": {"render"}, "xlsxwriter": {"render"},
          "watchfiles": {"commands_check"}}


def _module(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    me = _module(path).split(".")
    if path.name != "__init__.py":
        me = me[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = me[:len(me) - node.level + 1] if node.level else []
            out.append(".".join(base + ([node.module] if node.module else [])))
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


SOURCES = sorted(PKG.rglob("*.py"))


def test_stages_are_subpackages_with_a_docstring():
    for stage in STAGES:
        init = PKG / stage / "__init__.py"
        assert init.is_file(), stage
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), stage


def test_top_level_stays_small():
    assert len(list(PKG.glob("*.py"))) <= 15


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_module_over_450_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 450


def test_stage_imports_have_no_cycle():
    graph: dict[str, set[str]] = {}
    for path in SOURCES:
        mine = _stage(_module(path))
        for name in _imports(path):
            if name.startswith("deckgen.") and _stage(name) != mine:
                graph.setdefault(mine, set()).add(_stage(name))
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, trail: tuple[str, ...]) -> None:
        assert seen.get(node) != 1, " → ".join(trail + (node,))
        if node in seen:
            return
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, trail + (node,))
        seen[node] = 2

    for node in sorted(graph):
        visit(node, ())


def test_third_party_libraries_stay_in_their_stage():
    for path in SOURCES:
        stage = _stage(_module(path))
        for name in _imports(path):
            top = name.split(".")[0]
            if top in OWNERS:
                assert stage in OWNERS[top], f"{path.relative_to(PKG)} imports {name}"
