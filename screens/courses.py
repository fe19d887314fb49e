"""Courses: syllabus facts, teaching load, weekly topics and assessment weights."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import fmt, labels
from analytics.db import query
from analytics.i18n import t
from analytics.pages import courses as courses_core
from ui import tables
from ui.page import chart, context, downloads, empty, header, table

ctx = context()
lang = ctx.lang
header(ctx, "nav.courses", "co.question")
downloads(ctx, "courses")
courses = courses_core.own_courses(ctx.f)
if courses.empty:
    empty(ctx)
    st.stop()
code = st.selectbox(t("co.field.title", lang), courses.course_code.tolist(), key="course",
                    format_func=lambda c: f"{c} — {courses.set_index('course_code').at[c, 'title']}")
course = courses.set_index("course_code").loc[code]
if lang == "en":  # a syllabus is the university's own text: said once, not marked on every topic
    st.caption(t("co.as_written", lang))
c = st.columns(4)
c[0].metric(t("co.m.credits", lang), fmt.num(course.credits, lang))
c[1].metric(t("co.m.hours", lang), fmt.num(course.hours_total, lang))
c[2].metric(t("co.m.lecture_seminar", lang), f"{fmt.num(course.hours_lecture, lang)} / "
            f"{fmt.num(course.hours_seminar, lang)}")
c[3].metric(t("co.m.topics", lang), fmt.num(course.weekly_topics, lang))

st.subheader(t("co.facts", lang))
facts = [("co.field.title", course.title), ("co.field.course_code", code), ("co.field.institution", course.institution),
         ("co.field.course_type", labels.word(course.course_type, lang)),
         ("co.field.academic_year", course.academic_year), ("co.field.semester", labels.word(course.semester, lang)),
         ("co.field.faculty", course.faculty),
         ("co.field.groups", course.groups), ("co.field.department", course.department),
         ("co.field.teacher", course.teacher)]
tables.show({t("co.field", lang): [t(k, lang) for k, _ in facts],
              t("co.value", lang): [t("c.missing", lang) if v is None or (not isinstance(v, str) and pd.isna(v))
                                    else str(v) for _, v in facts]}, hide_index=True, width="stretch")

for column, spec in zip(st.columns(2), courses_core.courses(ctx.f, code), strict=False):
    with column:
        chart(ctx, spec.figure, spec.rows, spec.key)

st.subheader(t("co.topics", lang))
topics = query("course_topics", course=code)
topics.columns = [t("co.week", lang), t("co.topic", lang), t("co.content", lang)]
table(ctx, topics)
st.subheader(t("co.grades", lang))
grades = query("course_grades", course=code)
grades["grade_word"] = [labels.word(g, lang) for g in grades.grade_word]
grades.columns = [t("co.points", lang) + " ≥", t("co.points", lang) + " ≤", t("co.grade", lang), t("co.letter", lang)]
table(ctx, grades)
