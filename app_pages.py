"""The page registry: one place that lists the pages, their files and URL paths."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    url: str
    icon: str
    pack: int | None = None  # its place in decks and workbooks (reports.PAGE_ORDER); None: not in the packs
    core: str | None = None  # its module in analytics/pages (views, figures, key figures): `view(f)` gives its charts

    @property
    def core_module(self) -> str | None:
        return f"analytics.pages.{self.core}" if self.core else None


PAGES = [
    PageSpec("screens/overview.py", "nav.overview", "overview", ":material/dashboard:", pack=1, core="overview"),
    PageSpec("screens/workload.py", "nav.workload", "workload", ":material/groups:", pack=4, core="workload"),
    PageSpec("screens/deadlines.py", "nav.deadlines", "deadlines", ":material/event:", pack=5, core="deadlines"),
    PageSpec("screens/oversight.py", "nav.oversight", "oversight", ":material/account_tree:", pack=6, core="oversight"),
    PageSpec("screens/progress.py", "nav.progress", "progress", ":material/task_alt:", pack=2, core="progress"),
    PageSpec("screens/coverage.py", "nav.coverage", "coverage", ":material/track_changes:", pack=3, core="coverage"),
    PageSpec("screens/plan_to_plan.py", "nav.plan_to_plan", "plan_to_plan", ":material/compare_arrows:"),
    PageSpec("screens/rankings.py", "nav.rankings", "rankings", ":material/leaderboard:", pack=7, core="rankings"),
    PageSpec("screens/cbhe.py", "nav.cbhe", "cbhe", ":material/public:", pack=8, core="cbhe"),
    PageSpec("screens/explorer.py", "nav.explorer", "explorer", ":material/table_view:"),
    PageSpec("screens/action.py", "nav.action", "action", ":material/description:", core="action"),
    PageSpec("screens/courses.py", "nav.courses", "courses", ":material/school:", pack=9, core="courses"),
    PageSpec("screens/data.py", "nav.data", "data", ":material/database:"),
    PageSpec("screens/units.py", "nav.units", "units", ":material/rule:"),
    PageSpec("screens/titles.py", "nav.titles", "titles", ":material/translate:", core="titles"),
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


def pack_pages() -> list[str]:
    """The pages of decks and workbooks, in their order (the registry's `pack`)."""
    return [p.url for p in sorted((p for p in PAGES if p.pack is not None), key=lambda p: p.pack or 0)]
