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
    PageSpec("screens/overview.py", "nav.overview", "overview", ":material/dashboard:"),
    PageSpec("screens/workload.py", "nav.workload", "workload", ":material/groups:"),
    PageSpec("screens/deadlines.py", "nav.deadlines", "deadlines", ":material/event:"),
    PageSpec("screens/oversight.py", "nav.oversight", "oversight", ":material/account_tree:"),
    PageSpec("screens/progress.py", "nav.progress", "progress", ":material/task_alt:"),
    PageSpec("screens/rankings.py", "nav.rankings", "rankings", ":material/leaderboard:"),
    PageSpec("screens/cbhe.py", "nav.cbhe", "cbhe", ":material/public:"),
    PageSpec("screens/explorer.py", "nav.explorer", "explorer", ":material/table_view:"),
    PageSpec("screens/courses.py", "nav.courses", "courses", ":material/school:"),
    PageSpec("screens/data.py", "nav.data", "data", ":material/database:"),
    PageSpec("screens/units.py", "nav.units", "units", ":material/rule:"),
]


def path_of(url: str) -> str:
    return next(p.path for p in PAGES if p.url == url)
