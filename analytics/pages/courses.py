"""The courses page's core: a syllabus's hours and assessment.

Used by the page's screen (screens/courses.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import labels
from analytics.charts import (
    style,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import PRIMARY
from analytics.views import (
    ChartSpec,
    shared,
)


def own_courses(f: Filters) -> pd.DataFrame:
    """The syllabi loaded; with a university chosen, only its own."""
    courses = query("courses")
    return courses[courses.institution == f.uni] if f.uni else courses


@shared
def courses(f: Filters, code: str | None = None) -> list[ChartSpec]:
    lang = f.lang
    all_courses = own_courses(f)
    if all_courses.empty:
        return []
    code = code or all_courses.course_code.iloc[0]
    course = all_courses.set_index("course_code").loc[code]
    assessment = query("course_assessment", course=code)
    assessment["component"] = [labels.word(c, lang) for c in assessment.component]
    top = assessment.sort_values("points", ascending=False).iloc[0]
    rows = assessment.rename(
        columns={"component": t("co.component", lang), "points": t("co.points", lang), "percent": t("co.percent", lang)}
    )
    return [
        ChartSpec(
            "course-hours",
            "courses",
            course_hours(course, lang),
            course[["hours_total", "hours_lecture", "hours_seminar"]]
            .to_frame()
            .T.set_axis([t("co.m.hours", lang), t("co.lecture", lang), t("co.seminar", lang)], axis=1),
            t(
                "h.course_hours",
                lang,
                course=course.title,
                total=int(course.hours_total),
                lecture=int(course.hours_lecture),
                seminar=int(course.hours_seminar),
            ),
        ),
        ChartSpec(
            "course-assessment",
            "courses",
            course_assessment(assessment, lang),
            rows,
            t(
                "h.course_assessment",
                lang,
                component=top.component,
                n=int(top.points),
                total=int(assessment.points.sum()),
            ),
        ),
    ]


view = courses  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)


# Figures: data frame in, plotly figure out.


# ------------------------------------------------------------------ courses
def course_hours(course: pd.Series, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=[t("co.lecture", lang), t("co.seminar", lang)],
            y=[course["hours_lecture"], course["hours_seminar"]],
            marker_color=[PRIMARY, "#E69F00"],
            text=[course["hours_lecture"], course["hours_seminar"]],
            textposition="outside",
        )
    )
    return style(fig, t("co.chart.hours", lang), None, t("co.axis.hours", lang), height=360, legend=False, lang=lang)


def course_assessment(df: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=df["points"],
            y=df["component"],
            orientation="h",
            marker_color=PRIMARY,
            text=[f"{p} ({pc:g}%)" for p, pc in zip(df.points, df.percent, strict=True)],
            textposition="outside",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(df["points"]) * 1.3])
    return style(
        fig, t("co.chart.assessment", lang), t("co.axis.points", lang), None, height=320, legend=False, lang=lang
    )
