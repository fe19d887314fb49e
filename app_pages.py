"""The page registry: one place that lists the pages, their files and URL paths."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    url: str
    icon: str


PAGES = [
    PageSpec("pages/overview.py", "nav.overview", "overview", ":material/dashboard:"),
    PageSpec("pages/workload.py", "nav.workload", "workload", ":material/groups:"),
    PageSpec("pages/deadlines.py", "nav.deadlines", "deadlines", ":material/event:"),
    PageSpec("pages/oversight.py", "nav.oversight", "oversight", ":material/account_tree:"),
    PageSpec("pages/progress.py", "nav.progress", "progress", ":material/task_alt:"),
    PageSpec("pages/rankings.py", "nav.rankings", "rankings", ":material/leaderboard:"),
    PageSpec("pages/cbhe.py", "nav.cbhe", "cbhe", ":material/public:"),
    PageSpec("pages/explorer.py", "nav.explorer", "explorer", ":material/table_view:"),
    PageSpec("pages/courses.py", "nav.courses", "courses", ":material/school:"),
    PageSpec("pages/data.py", "nav.data", "data", ":material/database:"),
]


def path_of(url: str) -> str:
    return next(p.path for p in PAGES if p.url == url)
