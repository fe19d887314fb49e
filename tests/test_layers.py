"""The import rule of the README: dependencies run one way, and the core and exports never load Streamlit."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The rooms of the README's layout and the rooms each may import (arrows point only down).
ALLOWED: dict[str, set[str]] = {
    "paths": set(),
    "parse": {"paths"},
    "state": {"paths", "parse"},                       # parse: the reference types a unit decision applies to
    "plandb": {"paths", "parse", "state"},
    "access": {"paths", "parse", "state", "plandb"},
    "loaders": {"plandb"},                              # `python -m loaders`, kept for people and scripts
    "queries": {"state"},                               # the user store's tables attached read-only
    "analytics": {"paths", "queries", "parse", "state", "access"},
    "reports": {"paths", "queries", "parse", "state", "analytics", "app_pages"},  # app_pages: the page registry
    "ui": {"paths", "parse", "state", "access", "analytics", "reports", "app_pages"},
    "screens": {"paths", "parse", "state", "plandb", "access", "analytics", "reports", "ui", "app_pages"},
    "app_pages": set(),
    "app": {"paths", "parse", "state", "plandb", "access", "analytics", "reports", "ui", "app_pages"},
    "serve": {"paths", "plandb", "analytics"},
}
LAYERS = ALLOWED  # every room
NO_STREAMLIT = ("paths", "parse", "state", "plandb", "access", "loaders", "queries", "analytics", "reports")
# Functions that write what people record or the plan database: called only from access (the one write door),
# the state and plandb rooms that implement them, command lines and tests.
WRITERS = {"user_store": {"write", "writer", "record_status", "record_ranking_result", "record_ranking_results",
                          "set_role", "remove_role", "audit", "store_document", "bump_plan_version"},
           "unit_review": {"merge", "accept", "undo"}, "column_mappings": {"save", "forget"},
           "importer": {"apply", "undo", "rebuild", "recover_now", "locked_build"},
           "recorded_rankings": {"apply_results"}, "rounds": {"open_round", "close_round", "record_update"},
           "evidence": {"store"}}
WRITE_ROOMS = {"access", "state", "plandb", "loaders", "app", "serve"}  # app/serve: build or recover on start


def _modules() -> list[tuple[str, Path]]:
    out = []
    for layer in ALLOWED:
        path = ROOT / f"{layer}.py"
        files = [path] if path.is_file() else sorted((ROOT / layer).rglob("*.py"))
        out += [(layer, f) for f in files]
    return out


def _imports(path: Path) -> set[str]:
    """Top-level names of every module imported anywhere in the file (also inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _write_calls(path: Path) -> list[str]:
    """Calls such as user_store.write(...) or importer.apply(...) in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.attr in WRITERS.get(node.func.value.id, ()):
            found.append(f"{node.func.value.id}.{node.func.attr} (line {node.lineno})")
    return found


def test_every_layer_has_modules() -> None:
    found = {layer for layer, _ in _modules()}
    assert found == set(ALLOWED)
    top = {p.name for p in ROOT.iterdir() if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    assert top - {f"{r}.py" for r in ALLOWED} - set(ALLOWED) == {"tests", "scripts"}  # every room is listed


def test_imports_run_one_way() -> None:
    wrong = []
    for layer, path in _modules():
        for name in _imports(path):
            if name in ALLOWED and name != layer and name not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
            if layer in NO_STREAMLIT and name == "streamlit":
                wrong.append(f"{path.relative_to(ROOT)} imports streamlit")
    assert wrong == []


def test_no_import_cycles_between_rooms() -> None:
    graph = {r: set() for r in ALLOWED}
    for layer, path in _modules():
        graph[layer] |= {n for n in _imports(path) if n in ALLOWED and n != layer}
    seen: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        assert seen.get(node) != 1, "cycle: " + " -> ".join(trail + [node])
        if seen.get(node) == 2:
            return
        seen[node] = 1
        for nxt in graph[node]:
            visit(nxt, trail + [node])
        seen[node] = 2

    for room in graph:
        visit(room, [])


def test_writes_go_through_the_access_layer() -> None:
    wrong = [f"{path.relative_to(ROOT)}: {call}" for layer, path in _modules() if layer not in WRITE_ROOMS
             for call in _write_calls(path)]
    assert wrong == []


def test_no_sql_literals_outside_the_data_rooms() -> None:
    """SQL lives in queries/*.sql, the plan database and the state store: no SELECT text in the core, reports
    or screens (a query is run by its file's name)."""
    import re

    sql = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH)\s", re.I)
    wrong = []
    for layer, path in _modules():
        if layer in {"analytics", "reports", "ui", "screens", "app_pages", "app", "serve"}:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.match(node.value):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from ui.page import header\n    import streamlit as st\n", encoding="utf-8")
    assert _imports(bad) == {"ui", "streamlit"}


EXPORTS = """
import sys
from pathlib import Path
from reports.__main__ import main
from reports import images
out = Path(sys.argv[1])
db = sys.argv[2]
assert main(["workbook", "--out", str(out / "pack.xlsx"), "--db", db, "--lang", "en"]) == 0
if images.browser_available():
    assert main(["deck", "--out", str(out / "pack.pptx"), "--db", db, "--page", "workload"]) == 0
print("streamlit" in sys.modules, (out / "pack.xlsx").stat().st_size > 0)
"""


def test_exports_from_the_command_line_never_load_streamlit(tmp_path: Path, built_db: Path) -> None:
    done = subprocess.run([sys.executable, "-c", EXPORTS, str(tmp_path), str(built_db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["False", "True"]


def test_loaders_command_line_never_loads_streamlit(tmp_path: Path) -> None:
    code = ("import sys, runpy; sys.argv = ['loaders', 'build', '--db', sys.argv[1]]\n"
            "try:\n    runpy.run_module('loaders', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('streamlit' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.duckdb")], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "False"
    assert (tmp_path / "s.duckdb").stat().st_size > 0
