"""Every file path and environment name of an installation, in one place.

Nothing here imports the rest of the product: the read core, the command lines and access control
learn where the plan database and the user store live without importing the build or any parser.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
REFERENCE_DIR = DATA_DIR / "reference"
DEFAULT_DB = DATA_DIR / "strategy.duckdb"
DEFAULT_IMPORTS = DATA_DIR / "imported"
DEFAULT_USER_DB = DATA_DIR / "user.duckdb"
STATIC_DIR = ROOT / "static"

# Environment names (the README lists what each does)
DB_ENV = "STRATEGY_DB"                  # the plan database file
IMPORTS_ENV = "STRATEGY_IMPORTS"        # folder of documents imported by users
USER_DB_ENV = "STRATEGY_USER_DB"        # the embedded user store file
STATE_URL_ENV = "STRATEGY_STATE_URL"    # postgresql://... : the shared user store of several servers
TODAY_ENV = "STRATEGY_TODAY"            # YYYY-MM-DD: the date the product speaks from (tests, rehearsals)
PUBLIC_URL_ENV = "STRATEGY_PUBLIC_URL"  # https://strategy.example.az: the address people open (links in exports)
TRUSTED_PROXIES_ENV = "STRATEGY_TRUSTED_PROXIES"  # comma-separated addresses of the front (reverse proxy)
PARSE_MAX_MB_ENV = "STRATEGY_PARSE_MAX_MB"      # memory an upload's parsing process may use (MB, default 1024)
PARSE_SECONDS_ENV = "STRATEGY_PARSE_SECONDS"    # computing time an upload's parsing process may use (default 60)
MAX_DOCUMENT_ROWS_ENV = "STRATEGY_MAX_DOCUMENT_ROWS"  # table rows one document may hold (default 20000)


def db_path() -> Path:
    """The plan database file ($STRATEGY_DB or data/strategy.duckdb)."""
    return Path(os.environ.get(DB_ENV, DEFAULT_DB))


def imports_dir() -> Path:
    """Documents imported by users (data/imported); they win over a bundled plan with the same identity."""
    return Path(os.environ.get(IMPORTS_ENV, DEFAULT_IMPORTS))


def user_db_path() -> Path:
    """The embedded user store file ($STRATEGY_USER_DB or data/user.duckdb)."""
    return Path(os.environ.get(USER_DB_ENV, DEFAULT_USER_DB))


def _positive(name: str, default: float) -> float:
    """A positive number from the environment; a malformed value is refused with the expected form."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise ValueError(f"{name}={value!r}: expected a positive number")
    return number


def parse_max_mb() -> int:
    """Memory (MB of address space) the separate process that reads an upload may use."""
    return int(_positive(PARSE_MAX_MB_ENV, 1024))


def parse_seconds() -> float:
    """Computing (CPU) time the separate process that reads an upload may use before it is stopped; it is also
    killed once three times that has passed on the clock."""
    return _positive(PARSE_SECONDS_ENV, 60)


def max_document_rows() -> int:
    """Table rows one uploaded document may hold (a plan has hundreds; more is refused, not read)."""
    return int(_positive(MAX_DOCUMENT_ROWS_ENV, 20_000))


def trusted_proxies() -> set[str]:
    """Addresses of the front whose X-Forwarded-For is believed ($STRATEGY_TRUSTED_PROXIES, default none:
    the header is ignored and the direct peer is the client)."""
    return {x.strip() for x in os.environ.get(TRUSTED_PROXIES_ENV, "").split(",") if x.strip()}


def today() -> dt.date:
    """The date every page, report and rule speaks from: $STRATEGY_TODAY when set (tests set it), else
    the machine's date. A malformed value is refused with the expected form, never silently ignored."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={value!r}: expected a date written YYYY-MM-DD") from None


def public_url() -> str | None:
    """The dashboard's address as people open it ($STRATEGY_PUBLIC_URL, http(s) only), for links in exports;
    None when the deployment has not said it."""
    value = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    return value if value.startswith(("https://", "http://")) else None
