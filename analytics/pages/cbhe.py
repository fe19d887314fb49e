"""The CBHE page's core: Erasmus+ projects, budgets, partner countries, the map and the periods.

Used by the page's screen (screens/cbhe.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from analytics import fmt
from analytics.charts import (
    UNIT_LABEL_CHARS,
    plain,
    style,
    unique,
    wrap,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import PRIMARY, ROLE_COLOURS
from analytics.views import (
    AnySpec,
    ChartSpec,
    Later,
    missing,
    shared,
)


def cbhe_frames(f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CBHE projects and participants in the filter's years; with a university chosen, only the
    projects it takes part in (the national picture is for the view of every university)."""
    y = {"y0": f.year_from, "y1": f.year_to}
    projects = query("cbhe_projects", **y)
    if f.uni:
        own = set(query("cbhe_projects_of", inst=f.uni).project_id)
        projects = projects[projects.project_id.isin(own)]
    parts = query("cbhe_participants", **y)
    return projects, parts[parts.project_id.isin(projects.project_id)]


def project_period(raw: object, precision: object, start: object, end: object, lang: str) -> str:
    """A project's period as the compendium wrote it in Azerbaijani; in English from the dates read
    ('December 2023 – November 2026', '2023–2025'); missing says so."""
    if lang != "en" or missing(start) or missing(end):
        return t("c.missing", lang) if missing(raw) else str(raw)
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "month":
        return f"{format_date(a.date(), 'MMMM y', locale='en')} – {format_date(b.date(), 'MMMM y', locale='en')}"
    return str(a.year) if a.year == b.year else f"{a.year}–{b.year}"


@shared
def cbhe(f: Filters) -> list[AnySpec]:
    lang = f.lang
    projects, parts = cbhe_frames(f)
    if projects.empty:
        return []
    projects = projects.assign(period_raw=[project_period(r, p, a, b, lang) for r, p, a, b in zip(
        projects.period_raw, projects.period_precision, projects.start_date, projects.end_date, strict=True)])
    known = projects[projects.budget_eur.notna()]
    missing = projects[projects.budget_eur.isna()]
    rows = projects[
        [
            "acronym",
            "project_id",
            "title",
            "budget_eur",
            "period_raw",
            "coordinator",
            "coordinator_country",
            "partner_count",
            "url",
        ]
    ].copy()
    rows.columns = [t(f"col.{c}", lang) for c in rows.columns]  # budget and partner count stay NULL when unknown
    headline = t("h.cbhe_total", lang, total=fmt.eur(float(known.budget_eur.sum()), lang), n=len(known))
    if len(missing):
        headline += " " + t("h.cbhe_missing", lang, names=", ".join(missing.acronym))
    out = [ChartSpec("cbhe-budget", "cbhe", cbhe_budget(projects, lang), rows, headline)]
    if not parts.empty:
        col = "country_en" if lang == "en" else "country_az"
        by_country = parts.groupby(col).size().sort_values(ascending=False)
        out.append(
            ChartSpec(
                "cbhe-countries",
                "cbhe",
                cbhe_countries(parts, lang),
                _participant_rows(parts, lang),
                t("h.cbhe_country", lang, country=by_country.index[0], n=int(by_country.iloc[0]), total=len(parts)),
            )
        )

        def world() -> ChartSpec:
            return ChartSpec("cbhe-map", "cbhe", cbhe_map(parts, lang), _participant_rows(parts, lang),
                             t("h.cbhe_map", lang, n=parts.country.nunique()))

        out.append(Later("cbhe-map", "cbhe", t("cb.chart.map", lang), world))
        az = parts[parts.country == "AZ"]
        if not az.empty:
            def azerbaijan() -> ChartSpec:
                most = az.groupby("organisation")["project_id"].nunique().sort_values(ascending=False)
                matrix = cbhe_az_matrix(parts, projects.acronym.tolist(), lang)
                return ChartSpec("cbhe-azerbaijan", "cbhe", matrix, _participant_rows(az, lang),
                                 t("h.cbhe_az", lang, org=most.index[0], n=int(most.iloc[0]), k=len(most)))

            out.append(Later("cbhe-azerbaijan", "cbhe", t("cb.chart.az", lang), azerbaijan))

    def periods() -> ChartSpec:
        first, last = pd.to_datetime(projects.start_date).min(), pd.to_datetime(projects.end_date).max()
        return ChartSpec(
            "cbhe-periods",
            "cbhe",
            cbhe_periods(projects, lang),
            projects[["acronym", "period_raw", "start_date", "end_date"]].set_axis(
                [t(f"col.{c}", lang) for c in ("acronym", "period_raw", "start_date", "end_date")], axis=1
            ),
            t("h.cbhe_periods", lang, first=first.year, last=last.year),
        )

    out.append(Later("cbhe-periods", "cbhe", t("cb.chart.periods", lang), periods))
    return out


def _participant_rows(parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = parts[["acronym", "organisation", "country", "country_en" if lang == "en" else "country_az", "role"]]
    rows = rows.assign(role=[t(f"role.{r}", lang) for r in rows.role])
    rows.columns = [t(f"col.{c}", lang) for c in ("acronym", "organisation", "country", "country_name", "role")]
    return rows


view = cbhe  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)


# Figures: data frame in, plotly figure out.


# ------------------------------------------------------------------ CBHE
def cbhe_budget(df: pd.DataFrame, lang: str) -> go.Figure:
    """Budget per project as a bar a row (the acronyms are short: they fit at the left at a phone's width),
    the amount beside its bar at a readable size; a project without a budget says so on its own empty row,
    where the note cannot run onto another project's bar."""
    known = df["budget_eur"].notna()
    top = float(df["budget_eur"].max()) if known.any() else 1.0
    fig = go.Figure(
        go.Bar(
            x=df["budget_eur"].astype(float),
            y=df["acronym"],
            orientation="h",
            marker_color=PRIMARY,
            text=[fmt.eur(v, lang) if k else "" for v, k in zip(df.budget_eur, known, strict=True)],
            textposition="outside",
            textfont={"size": 12},
            constraintext="none",
            customdata=df["title"],
            hovertemplate="%{y}<br>%{customdata}<br>%{text}<extra></extra>",
        )
    )
    for acronym in df.loc[~known, "acronym"]:
        fig.add_annotation(
            x=0,
            xanchor="left",
            y=acronym,
            yref="y",
            text=t("cb.no_budget", lang),
            showarrow=False,
            font={"color": "#B91C1C", "size": 12},
        )
    # room beyond the longest bar for its amount ('€1,234,567' at 12 px) at a phone's width too
    fig.update_xaxes(range=[0, top * 1.45], tickformat="~s", nticks=4, tickangle=0)
    fig.update_yaxes(autorange="reversed", type="category")
    return style(
        fig,
        t("cb.chart.budget", lang),
        t("cb.axis.budget", lang),
        t("cb.axis.project", lang),
        height=max(300, 40 * len(df) + 160),
        legend=False,
        lang=lang,
    )


def cbhe_countries(df: pd.DataFrame, lang: str) -> go.Figure:
    col = "country_en" if lang == "en" else "country_az"
    g = df.groupby([col, "role"]).size().unstack(fill_value=0)
    for role in ("coordinator", "partner"):
        if role not in g:
            g[role] = 0
    g = g.loc[g.sum(axis=1).sort_values().index]
    fig = go.Figure()
    for role in ("coordinator", "partner"):
        fig.add_bar(
            x=g[role], y=g.index, orientation="h", name=t(f"role.{role}", lang), marker_color=ROLE_COLOURS[role]
        )
    fig.update_layout(barmode="stack")
    return style(
        fig,
        t("cb.chart.countries", lang),
        t("cb.axis.participants", lang),
        None,
        height=max(320, 28 * len(g) + 140),
        lang=lang,
    )


def cbhe_map(df: pd.DataFrame, lang: str) -> go.Figure:
    """Participants per country on a map drawn from the bundled topojson (static/topojson): no CDN."""
    col = "country_en" if lang == "en" else "country_az"
    g = df.groupby(["iso3", col]).size().reset_index(name="n")
    fig = go.Figure(
        go.Choropleth(
            locations=g["iso3"],
            z=g["n"],
            locationmode="ISO-3",
            text=g[col],
            colorscale="Blues",
            marker_line_color="#6B7280",
            marker_line_width=0.5,
            colorbar={"title": t("cb.axis.participants", lang)},
            hovertemplate="%{text}: %{z}<extra></extra>",
        )
    )
    fig.update_geos(
        fitbounds="locations",
        showcountries=True,
        countrycolor="#9CA3AF",
        showframe=False,
        projection_type="natural earth",
        landcolor="#F3F4F6",
        showland=True,
    )
    return style(fig, t("cb.chart.map", lang), height=520, legend=False, lang=lang)


def cbhe_az_matrix(df: pd.DataFrame, projects: list[str], lang: str) -> go.Figure:
    az = df[df.country == "AZ"]
    orgs = az.groupby("organisation").size().sort_values(ascending=False).index.tolist()
    z = [[0] * len(projects) for _ in orgs]
    text = [[""] * len(projects) for _ in orgs]
    for r in az.itertuples():
        i, j = orgs.index(r.organisation), projects.index(r.acronym)
        z[i][j] = 2 if r.role == "coordinator" else 1
        text[i][j] = t(f"cb.letter.{r.role}", lang)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=projects,
            y=unique([wrap(o, UNIT_LABEL_CHARS, 2) for o in orgs]),  # a phone keeps room for the cells
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#F3F4F6"], [0.5, "#9BC8E8"], [1, "#D55E00"]],
            zmin=0,
            zmax=2,
            showscale=False,
            xgap=2,
            ygap=2,
            customdata=[[plain(o)] * len(projects) for o in orgs],  # the whole name (the axis may cut it)
            hovertemplate="%{customdata}<br>%{x}<extra></extra>",
        )
    )
    listed = set(df.acronym)
    for acronym in projects:
        if acronym not in listed:  # REFRESH: the compendium lists no participants
            fig.add_annotation(  # upright along its own empty column: at a phone's width the column is narrow
                x=acronym,
                y=0.5,
                yref="paper",
                text=t("cb.no_participants", lang),
                textangle=-90,
                showarrow=False,
                font={"color": "#B91C1C", "size": 12},
            )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    return style(
        fig,
        t("cb.chart.az", lang),
        t("cb.axis.project", lang),
        None,
        height=max(360, 30 * len(orgs) + 140),
        legend=False,
        lang=lang,
    )


def cbhe_periods(df: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            base=pd.to_datetime(df["start_date"]),
            x=[
                (e - s).days * 86400000
                for s, e in zip(pd.to_datetime(df.start_date), pd.to_datetime(df.end_date), strict=True)
            ],
            y=df["acronym"],
            orientation="h",
            marker_color=PRIMARY,
            customdata=df["period_raw"],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(type="date", dtick="M12", tickformat="%Y")
    fig.update_yaxes(autorange="reversed")
    return style(fig, t("cb.chart.periods", lang), t("c.year", lang), None, height=360, legend=False, lang=lang)
