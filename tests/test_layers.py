"""The import rule of the README: dependencies run one way, and the core and exports never load Streamlit."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Lower number = lower layer. A module may import its own layer or a lower one, never a higher one.
LAYERS = {"loaders": 0, "queries": 1, "analytics": 2, "reports": 3, "ui": 4, "screens": 5, "app_pages": 5, "app": 6}
NO_STREAMLIT = ("loaders", "queries", "analytics", "reports")


def _modules() -> list[tuple[str, Path]]:
    out = []
    for layer in LAYERS:
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


def test_every_layer_has_modules() -> None:
    found = {layer for layer, _ in _modules()}
    assert found == set(LAYERS)


def test_imports_run_one_way() -> None:
    wrong = []
    for layer, path in _modules():
        for name in _imports(path):
            if name in LAYERS and LAYERS[name] > LAYERS[layer]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
            if layer in NO_STREAMLIT and name == "streamlit":
                wrong.append(f"{path.relative_to(ROOT)} imports streamlit")
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
