"""SQL lives here, one file per result frame; this module runs a file with bound, named parameters."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parent
PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
PRELUDE = "_macros"


@cache
def sql(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql") if not p.stem.startswith("_"))


def params_of(name: str) -> set[str]:
    return set(PARAM_RE.findall(sql(name)))


USER_FRAMES = ("latest_status",)  # frames from the user file (loaders/user_store.py) a query may join


def user_frames_of(name: str) -> list[str]:
    return [f for f in USER_FRAMES if re.search(rf"\b{f}\b", sql(name))]


def run(con: duckdb.DuckDBPyConnection, name: str, frames: dict[str, pd.DataFrame] | None = None,
        **params) -> pd.DataFrame:
    """Run queries/<name>.sql on its own cursor; values are bound, never formatted into the SQL.

    `frames` are data frames the query reads as tables (the latest status from the user file)."""
    wanted = params_of(name)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"queries/{name}.sql needs parameters {sorted(missing)}")
    cur = con.cursor()
    try:
        cur.execute(sql(PRELUDE))
        for frame_name in user_frames_of(name):
            frame = (frames or {}).get(frame_name)
            if frame is None:
                from loaders import user_store

                frame = user_store.latest_status()
            cur.register(frame_name, frame)
        bound = {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k in wanted}
        return cur.execute(sql(name), bound).df()
    finally:
        cur.close()
