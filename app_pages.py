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
    PageSpec("screens/coverage.py", "nav.coverage", "coverage", ":material/track_changes:"),
    PageSpec("screens/plan_to_plan.py", "nav.plan_to_plan", "plan_to_plan", ":material/compare_arrows:"),
    PageSpec("screens/rankings.py", "nav.rankings", "rankings", ":material/leaderboard:"),
    PageSpec("screens/cbhe.py", "nav.cbhe", "cbhe", ":material/public:"),
    PageSpec("screens/explorer.py", "nav.explorer", "explorer", ":material/table_view:"),
    PageSpec("screens/action.py", "nav.action", "action", ":material/description:"),
    PageSpec("screens/courses.py", "nav.courses", "courses", ":material/school:"),
    PageSpec("screens/data.py", "nav.data", "data", ":material/database:"),
    PageSpec("screens/units.py", "nav.units", "units", ":material/rule:"),
    PageSpec("screens/titles.py", "nav.titles", "titles", ":material/translate:"),
]

# The reporting year: the office's rounds and a unit's own updates (their writes go through access).
WORK_PAGES = [
    PageSpec("screens/rounds.py", "nav.rounds", "rounds", ":material/event_note:"),
    PageSpec("screens/updates.py", "nav.updates", "updates", ":material/edit_note:"),
]


# Shown only to administrators signed in with the identity provider (ui/auth.py); kept out of PAGES,
# which lists the pages everyone sees (and which tests and scripts walk).
ADMIN_PAGES = [
    PageSpec(path="screens/admin.py", title_key="nav.admin", url="admin", icon=":material/admin_panel_settings:"),
]


def path_of(url: str) -> str:
    return next(p.path for p in [*PAGES, *WORK_PAGES, *ADMIN_PAGES] if p.url == url)
