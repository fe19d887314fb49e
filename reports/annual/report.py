"""The implementation report as a Word document: cover, contents, one-page summary, Part A (indicators),
Part B (per goal), the close-out of an ended plan, annexes. Figures come from analytics.implementation,
which reads them with the dashboard's own queries."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from analytics import charts, filters, fmt, implementation, indicator_text, labels
from analytics.db import query
from analytics.execution import STATES
from analytics.filters import marked_title
from analytics.i18n import t
from analytics.implementation import ReportData
from reports.annual import docx_kit as kit


def _missing(v: object) -> bool:
    if v is None or isinstance(v, list | tuple | np.ndarray):
        return v is None
    return bool(pd.isna(v))


def _n(v: object, lang: str) -> str:
    return fmt.num(int(v), lang)


def _number(r) -> str:
    return charts.action_label(r.institution, r.goal_no, r.target_no, r.action_no, r.goal_ref)


def _status(s: object, lang: str) -> str:
    return t(f"st.{s}", lang) if isinstance(s, str) else t("st.none", lang)


def _day(v: object, lang: str) -> str:
    return "—" if _missing(v) else fmt.day(v, lang)


def _comment(v: object) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


class Writer:
    """One report: the data, the language, the document being written."""

    def __init__(self, data: ReportData) -> None:
        self.d = data
        self.lang = data.f.lang
        self.doc = kit.new_document(self.lang)
        self.units = labels.unit_names(self.lang)
        self.vrs = labels.vice_rector_names(self.lang)
        goals = query("goals")
        self.goal_titles = {(g.document_id, int(g.goal_no)): labels.shown_title(g.title, g.title_en, self.lang)
                            for g in goals.itertuples()}

    # ---------------------------------------------------------------- helpers
    def t(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def unit_list(self, units: object) -> str:
        if _missing(units) or not len(units):  # type: ignore[arg-type]
            return self.t("c.none_named")
        return ", ".join(self.units.get(u, u) for u in units)  # type: ignore[union-attr]

    def goal_name(self, goal_key: str) -> str:
        doc_id, _, goal = goal_key.partition("|")
        if not goal:
            return self.t("ar.goal.none")
        title = self.goal_titles.get((doc_id, int(goal)))
        several = self.d.plans.document_id.nunique() > 1
        prefix = f"{self.plan_short(doc_id)} · " if several else ""
        return prefix + (self.t("ar.goal", goal=int(goal), title=title) if isinstance(title, str) and title
                         else self.t("ar.goal.untitled", goal=int(goal)))

    def plan_short(self, doc_id: str) -> str:
        p = self.d.plans[self.d.plans.document_id == doc_id]
        if p.empty:
            return doc_id
        r = p.iloc[0]
        return f"{r.institution} {filters.period_text(r.period_start, r.period_end)}"

    def parts(self) -> list[str]:
        out = [self.t("ar.summary"), self.t("ar.part_a"), self.t("ar.part_b")]
        if self.d.period.closeout:
            out.append(self.t("ar.close.part"))
        return out + [self.t("ar.annex.units"), self.t("ar.annex.rankings"), self.t("ar.annex.cbhe"),
                      self.t("ar.annex.deadlines")]

    # ---------------------------------------------------------------- parts
    def cover(self) -> None:
        d, doc = self.d, self.doc
        kit.para(doc, "")
        title = self.t("ar.title.plan_closeout" if d.period.closeout else "ar.title")
        doc.add_heading(title, level=0)
        opts = filters.options()
        if d.f.uni:
            names = dict(zip(d.plans.institution, d.plans.name_en if self.lang == "en" else d.plans.name_az,
                             strict=True))
            name = names.get(d.f.uni)
            kit.para(doc, self.t("ar.cover.university", name=f"{d.f.uni} — {name}" if isinstance(name, str)
                                 else d.f.uni), bold=True, size=13)
        for p in d.plans.itertuples():
            shown = marked_title(opts.plans.get(p.document_id, p.title), self.lang)
            kit.para(doc, self.t("ar.cover.plan", name=shown), size=12)
        kit.para(doc, self.t("ar.cover.period", period=d.period.label()), size=12)
        if d.period.round is not None:
            r = d.period.round
            kit.para(doc, self.t("ar.cover.round", label=r.label, start=fmt.day(r.period_start, self.lang),
                                 end=fmt.day(r.period_end, self.lang)))
        kit.para(doc, self.t("ar.cover.data_date", day=fmt.day(d.today, self.lang)))
        if d.built_at:
            kit.para(doc, self.t("ar.cover.built", when=fmt.date_time(pd.Timestamp(d.built_at), self.lang)))
        shown = [x for x in filters.describe(d.f, opts) if not x.startswith((t("f.uni", self.lang),
                                                                             t("f.plan", self.lang)))]
        if shown:
            kit.para(doc, self.t("ar.cover.filters", filters=" · ".join(shown)))
        kit.heading(doc, self.t("ar.toc"), 1)
        kit.toc(doc, self.parts(), self.t("ar.toc.note"))
        kit.page_break(doc)

    def state_row(self, label: str, row) -> list[str]:
        total = sum(int(row[s]) for s in STATES)
        if not self.recorded:  # nothing assessed: the number of actions, never columns of zeros
            return [label, _n(total, self.lang)]
        return [label, _n(total, self.lang), *[_n(row[s], self.lang) for s in STATES]]

    def state_header(self, first: str) -> list[str]:
        if not self.recorded:
            return [first, self.t("c.actions")]
        return [first, self.t("c.actions"), *[self.t(f"state.{s}") for s in STATES]]

    @property
    def recorded(self) -> int:
        return int(self.d.acts.status.notna().sum())

    def summary(self) -> None:
        d, doc, lang = self.d, self.doc, self.lang
        kit.heading(doc, self.t("ar.summary"), 1)
        n = d.total
        if n == 0:
            kit.note(doc, self.t("ar.no_actions"))
            return
        done, ended = d.count("done"), d.ended_unrecorded
        recorded = int(d.acts.status.notna().sum())
        key = "ar.lead.done" if recorded else "ar.sentence.none"
        kit.para(doc, self.t(key, n=_n(n, lang), done=_n(done, lang), ended=_n(ended, lang)), bold=True, size=12)
        if recorded:
            kit.para(doc, self.t("ar.lead.more", at_risk=_n(d.count("at_risk"), lang),
                                 overdue=_n(int(d.acts.overdue.sum()), lang)))
        else:
            kit.note(doc, self.t("ar.no_status"))
        if recorded:
            kit.heading(doc, self.t("ar.by_state"), 2)
            kit.table(doc, [self.t("ar.total"), *[self.t(f"state.{s}") for s in STATES]],
                      [[_n(n, lang), *[_n(d.count(s), lang) for s in STATES]]], widths=[2.8] * 6)
            kit.note(doc, self.t("ar.state_rule"))
        kit.heading(doc, self.t("ar.by_goal"), 2)
        kit.table(doc, self.state_header(self.t("c.goal")),
                  [self.state_row(self.goal_name(r.goal_key), r._asdict()) for r in d.by_goal.itertuples()])
        kit.heading(doc, self.t("ar.by_vr"), 2)
        rows = [self.state_row(labels.vice_rector(r.vr or None, lang, self.vrs), r._asdict())
                for r in d.by_vr.itertuples()]
        kit.table(doc, self.state_header(self.t("ar.c.vr")), rows)
        kit.page_break(doc)

    def part_a(self) -> None:
        d, doc, lang = self.d, self.doc, self.lang
        kit.heading(doc, self.t("ar.part_a"), 1)
        ind = d.indicators
        if ind.empty:
            kit.note(doc, self.t("ar.ind.none"))
            return
        if d.period.round is None:
            kit.note(doc, self.t("ar.ind.no_round"))
        else:
            r = d.period.round
            kit.para(doc, self.t("ar.ind.round", label=r.label, start=fmt.day(r.period_start, lang),
                                 end=fmt.day(r.period_end, lang)))
        rows = []
        for r in ind.itertuples():
            baseline = indicator_text.number(r.baseline_value, lang) or self.t("c.missing")
            expected = indicator_text.number(r.expected, lang) or self.t("ar.no_target")
            actual = indicator_text.number(r.actual_value, lang) or self.t("ar.not_reported")
            rows.append([_number(r), f"{r.indicator_name}", baseline, expected, actual,
                         self.t(f"state.{r.computed_state}"), self.trend(r.actual_value, r.previous_value)])
        kit.table(doc, [self.t("c.number"), self.t("ar.c.indicator"), self.t("ar.c.baseline"), self.t("ar.c.target"),
                        self.t("ar.c.actual"), self.t("ar.c.computed"), self.t("ar.c.trend")], rows,
                  widths=[2.0, 4.6, 1.6, 1.9, 1.9, 2.5, 2.5])

    def trend(self, actual: object, previous: object) -> str:
        if _missing(actual) or _missing(previous):
            return self.t("ar.trend.none")
        a, p = float(actual), float(previous)  # type: ignore[arg-type]
        return self.t("ar.trend.up" if a > p else "ar.trend.down" if a < p else "ar.trend.same")

    def _items(self, rows: pd.DataFrame, with_status: bool = False) -> None:
        for r in rows.itertuples():
            text = f"{_number(r)} — {r.title}"
            if with_status:
                last = self.t("ar.last_status", status=_status(r.status, self.lang), day=_day(r.as_of, self.lang))
                text += f" ({last})"
            kit.bullet(self.doc, text)
            comment = _comment(r.comment)
            kit.para(self.doc, self.t("ar.comment", comment=comment) if comment else self.t("ar.no_comment"),
                     italic=True)

    def part_b(self) -> None:
        d, doc, lang = self.d, self.doc, self.lang
        kit.heading(doc, self.t("ar.part_b"), 1)
        if d.total == 0:
            kit.note(doc, self.t("ar.no_actions"))
            return
        start, end = pd.Timestamp(d.period.start), pd.Timestamp(d.period.end)
        as_of = pd.to_datetime(d.acts.as_of)
        at_risk_keys = set(d.indicators[d.indicators.computed_state == "at_risk"].action_key) \
            if not d.indicators.empty else set()
        order = d.acts.sort_values(["plan_start", "document_id", "goal_no"], kind="stable").goal_key.unique()
        for goal_key in order:
            rows = d.acts[d.acts.goal_key == goal_key]
            kit.heading(doc, self.goal_name(goal_key), 2)
            ended = rows[rows.ended_unrecorded.fillna(False).astype(bool)]
            if rows.status.isna().all():
                kit.para(doc, self.t("ar.goal.unreported", n=_n(len(rows), lang)))
                if len(ended):
                    kit.para(doc, self.t("ar.ended.list", n=_n(len(ended), lang),
                                         numbers=", ".join(_number(r) for r in ended.itertuples())))
                continue
            counts = {s: _n((rows.reported_state == s).sum(), lang) for s in STATES}
            kit.para(doc, self.t("ar.goal.counts", n=_n(len(rows), lang), **counts))
            kit.heading(doc, self.t("ar.done"), 3)
            in_period = (as_of[rows.index] >= start) & (as_of[rows.index] <= end)
            done = rows[(rows.status == "done") & (in_period | rows.action_key.isin(d.done_in_rounds))]
            self._items(done) if len(done) else kit.note(doc, self.t("ar.none.done"))
            kit.heading(doc, self.t("ar.late"), 3)
            late = rows[rows.overdue.fillna(False).astype(bool)]
            self._items(late, with_status=True) if len(late) else kit.note(doc, self.t("ar.none.late"))
            if len(ended):
                kit.para(doc, self.t("ar.ended.list", n=_n(len(ended), lang),
                                     numbers=", ".join(_number(r) for r in ended.itertuples())))
            kit.heading(doc, self.t("ar.risk"), 3)
            risk = rows[(rows.status == "at_risk") | rows.action_key.isin(at_risk_keys)]
            self._items(risk, with_status=True) if len(risk) else kit.note(doc, self.t("ar.none.risk"))
            kit.heading(doc, self.t("ar.evidence"), 3)
            ev = d.evidence[d.evidence.action_key.isin(rows.action_key)]
            if ev.empty:
                kit.note(doc, self.t("ar.none.evidence"))
            numbers = {r.action_key: _number(r) for r in rows.itertuples()}
            for e in ev.itertuples():
                what = e.name if isinstance(e.name, str) else e.url
                kit.bullet(doc, f"{numbers[e.action_key]}: {what}")

    def closeout(self) -> None:
        d, doc, lang = self.d, self.doc, self.lang
        kit.page_break(doc)
        kit.heading(doc, self.t("ar.close.part"), 1)
        last = int(d.plans.period_end.max())
        kit.para(doc, self.t("ar.close.intro", year=last, n=_n(d.total, lang), done=_n(d.count("done"), lang)))
        if not self.recorded:
            kit.note(doc, self.t("ar.close.unrecorded"))
        header = [self.t("c.actions"), self.t("pr.m.recorded"), self.t("state.done"), self.t("ar.c.share")]

        def share_rows(df: pd.DataFrame, label) -> list[list[str]]:
            return [[label(r), _n(r.actions, lang), _n(r.recorded, lang), _n(r.done, lang),
                     fmt.num(r.done_pct, lang) if r.recorded else self.t("state.not_assessed")]
                    for r in df.itertuples()]

        kit.heading(doc, self.t("ar.close.goal"), 2)
        kit.table(doc, [self.t("c.goal"), *header], share_rows(
            d.progress_goal, lambda r: self.goal_name(self._goal_key(r))), widths=[8, 2, 2.5, 2, 2.5])
        kit.heading(doc, self.t("ar.close.unit"), 2)
        kit.table(doc, [self.t("c.unit"), *header], share_rows(
            d.progress_unit, lambda r: self.units.get(r.label, r.label)), widths=[8, 2, 2.5, 2, 2.5])
        kit.heading(doc, self.t("ar.close.vr"), 2)
        kit.table(doc, [self.t("ar.c.vr"), *header], share_rows(
            d.progress_vr, lambda r: labels.vice_rector(r.label, lang, self.vrs)), widths=[8, 2, 2.5, 2, 2.5])
        rest = implementation.unfinished(d.acts)
        kit.heading(doc, self.t("ar.close.not_done", n=_n(len(rest), lang)), 2)
        if rest.empty:
            kit.note(doc, self.t("ar.close.all_done"))
            return
        if not self.recorded:  # no status, date or comment to show: the actions and who leads them
            kit.table(doc, [self.t("c.number"), self.t("c.title"), self.t("ar.c.last_status"), self.t("c.lead_units")],
                      [[_number(r), r.title, _status(r.status, lang), self.unit_list(r.lead_units)]
                       for r in rest.itertuples()], widths=[2.2, 9, 2.3, 3.5])
            return
        kit.table(doc, [self.t("c.number"), self.t("c.title"), self.t("ar.c.last_status"), self.t("c.as_of"),
                        self.t("c.comment"), self.t("c.lead_units")],
                  [[_number(r), r.title, _status(r.status, lang), _day(r.as_of, lang), _comment(r.comment) or "—",
                    self.unit_list(r.lead_units)] for r in rest.itertuples()],
                  widths=[1.8, 5.7, 1.8, 2.0, 2.7, 3.0])

    def _goal_key(self, r) -> str:
        """The goal of a Progress-page row ('QKU 3': plan label and goal number)."""
        docs = self.d.acts[self.d.acts.plan_label == r.institution].document_id
        return f"{docs.iloc[0] if len(docs) else ''}|{int(r.goal_no)}"

    def annexes(self) -> None:
        d, doc, lang = self.d, self.doc, self.lang
        kit.page_break(doc)
        kit.heading(doc, self.t("ar.annexes"), 1)
        kit.heading(doc, self.t("ar.annex.units"), 2)
        rows = []
        exploded = d.acts.assign(unit=[list(u) if not _missing(u) and len(u) else [None] for u in d.acts.lead_units]
                                 ).explode("unit")
        exploded["unit_label"] = [self.units.get(u, u) if isinstance(u, str) else self.t("c.none_named")
                                  for u in exploded.unit]
        for r in exploded.sort_values("unit_label", kind="stable").itertuples():
            stale = self.t("ar.stale", days=implementation.STALE_DAYS) if bool(r.stale) else ""
            rows.append([r.unit_label, _number(r), r.title, _status(r.status, lang), _day(r.as_of, lang), stale])
        if rows:
            kit.table(doc, [self.t("c.unit"), self.t("c.number"), self.t("c.title"), self.t("c.status"),
                            self.t("ar.c.last_report"), self.t("ar.c.stale")], rows,
                      widths=[3.2, 1.8, 5.8, 1.9, 2.1, 2.2])
        else:
            kit.note(doc, self.t("ar.no_actions"))
        kit.heading(doc, self.t("ar.annex.rankings"), 2)
        if d.rankings.empty:
            kit.note(doc, self.t("ar.rankings.none"))
        else:
            from analytics.pages import rankings as ranking_views

            table = ranking_views.target_rows(d.rankings, d.ranking_results, lang)
            table = table.drop(columns=[t("c.institution", lang), t("c.lead_units", lang)], errors="ignore")
            widths = [3.5, 2, 2, 2, 2, 5.5] if len(table.columns) == 6 else None
            kit.table(doc, list(table.columns), table.astype(str).values.tolist(), widths=widths)
            if d.ranking_results.empty:
                kit.note(doc, self.t("ar.rankings.no_results"))
        self.alignment()
        kit.heading(doc, self.t("ar.annex.cbhe"), 2)
        if not d.f.uni:
            kit.note(doc, self.t("ar.cbhe.all"))
        elif d.cbhe.empty:
            kit.note(doc, self.t("ar.cbhe.none"))
        else:
            kit.table(doc, [self.t("ar.c.project"), self.t("c.title"), self.t("ar.c.period"), self.t("ar.c.budget"),
                            self.t("ar.c.coordinator"), self.t("ar.c.link")],
                      [[p.acronym, p.title, p.period_raw or "—", fmt.eur(p.budget_eur, lang),
                        p.coordinator or "—", p.url if isinstance(p.url, str) else "—"] for p in d.cbhe.itertuples()],
                      widths=[2, 5, 2, 2, 3, 3])
        kit.heading(doc, self.t("ar.annex.deadlines"), 2)
        unread = d.acts[d.acts.deadline_raw.notna() & d.acts.recurrence.isna()]
        if unread.empty:
            kit.note(doc, self.t("ar.deadlines.none"))
        else:
            kit.table(doc, [self.t("c.number"), self.t("ar.c.as_written"), self.t("c.title")],
                      [[_number(r), r.deadline_raw, r.title] for r in unread.itertuples()], widths=[2.5, 4, 10.5])

    def alignment(self) -> None:
        """The yearly plans' work per strategic goal and year: the coverage page's figures (same function)."""
        from analytics.pages import coverage

        kit.heading(self.doc, self.t("ar.annex.coverage"), 2)
        specs = coverage.coverage_charts(self.d.f)
        if not specs:
            kit.note(self.doc, self.t("ar.coverage.none"))
            return
        kit.note(self.doc, specs[0].headline)
        shown = fmt.cells(specs[0].rows, self.lang)
        kit.table(self.doc, [str(c) for c in shown.columns], shown.astype(str).values.tolist())

    def build(self) -> bytes:
        self.cover()
        self.summary()
        self.part_a()
        self.part_b()
        if self.d.period.closeout:
            self.closeout()
        self.annexes()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def build_report(f: filters.Filters, year: int | None = None, round_ref: str | None = None,
                 closeout: bool = False) -> tuple[bytes, ReportData]:
    """The .docx bytes and the figures behind them. Raises implementation.PeriodError for a period the plans
    cannot give."""
    period = implementation.choose_period(f, year, round_ref, closeout)
    data = implementation.gather(f, period)
    return Writer(data).build(), data
