"""Start the dashboard: `python serve.py [streamlit options]` is `streamlit run app.py [options]` with the heavy
modules (pandas, plotly, DuckDB, the message catalogues) imported and the landing page's data read before the
server opens its port, so that the first visitor after a start does not wait for them (1.3-1.6 s of the first
page's server time at seed and 500 universities; docs/benchmark.md). The health check (/_stcore/health), which
a load balancer waits for, answers once that is done. `streamlit run app.py` still works the same, except that
it serves Streamlit's /_stcore/metrics, which serve.py closes (close_metrics).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from analytics.pages import overview

APP = Path(__file__).resolve().with_name("app.py")


def warm_up() -> None:
    """Before the server starts; anything that fails here is reported by the app on its first run."""
    try:
        from analytics.db import database_exists, db_version
        from analytics.filters import Filters, options
        from plandb.build import is_current

        if database_exists() and is_current(Path(db_version()[0])):
            options()
            overview.overview(Filters())  # the default view of the landing page, for every first visitor
    except Exception as exc:  # noqa: BLE001 - a warm-up must never stop the server
        logging.getLogger(__name__).info("warm-up skipped: %s", exc)


def close_metrics() -> None:
    """Streamlit answers /_stcore/metrics (sessions, cache sizes, per-user events) to anyone, before any
    sign-in: with STRATEGY_VIEW=signed_in nothing may be readable without signing in. Nothing here reads it,
    so the route is never created (the server answers 404); the nginx front refuses it too (docs/deploy.md)."""
    from streamlit.web.server.starlette import starlette_app

    if not hasattr(starlette_app, "create_metrics_routes"):  # a Streamlit that builds its routes otherwise
        raise RuntimeError("serve.py cannot close /_stcore/metrics in this Streamlit version: check close_metrics")
    starlette_app.create_metrics_routes = lambda runtime, base_url: []


def main() -> int:
    from streamlit.web import cli

    close_metrics()
    warm_up()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
