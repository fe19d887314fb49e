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


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on its own cursor; values are bound, never formatted into the SQL."""
    wanted = params_of(name)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"queries/{name}.sql needs parameters {sorted(missing)}")
    cur = con.cursor()
    try:
        cur.execute(sql(PRELUDE))
        bound = {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k in wanted}
        return cur.execute(sql(name), bound).df()
    finally:
        cur.close()
