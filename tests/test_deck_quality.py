"""Meeting packs as a reader sees them: decks built from the seed database and measured.

Every chart picture is measured as drawn: the figure that went into the picture is rendered again as
SVG at the same layout size, each visible text's font size (times any scale plotly applied to fit it)
is read, and the smallest is converted to points on the slide: px x (picture width on the slide in pt
/ image width in px). Rows are counted on the figures that went into the pictures and on the tables.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import duckdb
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from analytics.filters import Filters
from analytics.i18n import t
from reports import PAGE_ORDER, images

needs_browser = pytest.mark.skipif(not images.browser_available(), reason="needs Chromium for chart images")
AZ_LETTERS = re.compile(r"[əğışçƏĞİŞÇ]")
AZ_MONTHS = ("yanvar", "fevral", "mart", "aprel", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr")
SINGULAR = ("project", "action", "goal", "country", "target", "ranking", "portfolio", "organisation", "document",
            "result", "assignment", "activity", "point", "hour")
PLURAL = tuple(n[:-1] + "ies" if n.endswith("y") else n + "s" for n in SINGULAR)


# ------------------------------------------------------------------ building and measuring
def _scale(transform: str | None) -> float:
    s = 1.0
    for kind, args in re.findall(r"(scale|matrix)\(([^)]*)\)", transform or ""):
        nums = [float(x) for x in re.split(r"[ ,]+", args.strip()) if x]
        if kind == "scale":
            s *= min(abs(nums[0]), abs(nums[-1]))
        else:
            a, b, c, d = nums[:4]
            s *= min((a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5)
    return s


def _style(el: ET.Element, key: str) -> str | None:
    m = re.search(key + r"\s*:\s*([^;]+)", el.get("style", ""))
    return m.group(1).strip() if m else None


def svg_texts(svg: str) -> list[tuple[float, str]]:
    """(font size in px as drawn, text) of every visible text of a plotly SVG."""
    out: list[tuple[float, str]] = []

    def walk(el: ET.Element, scale: float) -> None:
        if el.get("display") == "none" or _style(el, "display") == "none" or _style(el, "opacity") == "0":
            return
        scale *= _scale(el.get("transform"))
        if el.tag.endswith("}text") or el.tag == "text":
            text = "".join(el.itertext()).strip()
            if text:
                sizes = [float(s.rstrip("px")) for s in (_style(x, "font-size") for x in el.iter()) if s]
                out.append((min(sizes or [16.0]) * scale, text))
            return
        for child in el:
            walk(child, scale)

    walk(ET.fromstring(svg), 1.0)
    return out


class Deck:
    """A built deck with the figures that went into its pictures (in order) and what they show."""

    def __init__(self, data: bytes, drawn: list[tuple[object, int, int, float]]):
        self.prs = Presentation(io.BytesIO(data))
        self.slides = list(self.prs.slides)
        self.pictures = [(i, sh) for i, s in enumerate(self.slides, 1) for sh in s.shapes if sh.shape_type == 13]
        assert len(self.pictures) == len(drawn)
        self.drawn = drawn
        self.svgs = [images.svg(fig) for fig, *_ in drawn]

    def titles(self) -> list[str]:
        return [" ".join(s.shapes[0].text_frame.text.split()) for s in self.slides]

    def slide_texts(self) -> list[str]:
        out = []
        for s in self.slides:
            for sh in s.shapes:
                if sh.has_text_frame:
                    out.append(sh.text_frame.text)
                if sh.has_table:
                    out += [c.text for r in sh.table.rows for c in r.cells]
        return out

    def chart_texts(self) -> list[str]:
        return [text for svg in self.svgs for _, text in svg_texts(svg)]

    def all_texts(self) -> list[str]:
        return self.slide_texts() + self.chart_texts()


def build(f: Filters, pages: list[str]) -> Deck:
    from reports.deck import build_deck

    drawn: list[tuple[object, int, int, float]] = []
    original = images.png

    def recording(fig, width=1600, height=None, scale=2):
        drawn.append((fig, width, height, scale))
        return original(fig, width=width, height=height, scale=scale)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(images, "png", recording)
        data = build_deck(f, pages)
    return Deck(data, drawn)


@pytest.fixture(scope="module")
def seed(built_db, tmp_path_factory):
    """The seed database, and a private user store with statuses recorded for every third QKU and NDU
    action (so the progress slides are there)."""
    from analytics.db import query
    from state import user_store

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_DB", str(built_db))
        mp.setenv("STRATEGY_USER_DB", str(tmp_path_factory.mktemp("statuses") / "user.duckdb"))
        keys = query("status_actions", this_year=2026, today="2026-12-02", stale_days=90,
                     **Filters().params()).action_key.tolist()
        statuses = ["done", "in_progress", "at_risk", "not_started"]
        user_store.record_status([{"action_key": k, "status": statuses[i % 4], "as_of": "2026-10-01"}
                                  for i, k in enumerate(keys[::3])], "Test")
        yield built_db


@pytest.fixture(scope="module")
def english(seed) -> Deck:
    return build(Filters(lang="en"), PAGE_ORDER)


@pytest.fixture(scope="module")
def ndu(seed) -> Deck:
    return build(Filters(uni="NDU"), PAGE_ORDER)


def data_words(db) -> set[str]:
    """Every word of the titles and names the universities and the compendium wrote (kept as written)."""
    con = duckdb.connect(str(db), read_only=True)
    sql = """SELECT title FROM documents UNION ALL SELECT title FROM goals UNION ALL SELECT title FROM targets
             UNION ALL SELECT title FROM actions UNION ALL SELECT title FROM cbhe_projects
             UNION ALL SELECT organisation FROM cbhe_participants UNION ALL SELECT title FROM courses
             UNION ALL SELECT unit_name FROM units WHERE name_en IS NULL UNION ALL SELECT name FROM rankings"""
    words = {_norm(w) for (text,) in con.execute(sql).fetchall() if text for w in re.findall(r"\w+", text)}
    con.close()
    return words


def _norm(word: str) -> str:
    return word.replace("İ", "i").replace("I", "ı").lower()


# ------------------------------------------------------------------ the tests
@needs_browser
def test_chart_text_is_at_least_12_pt_on_the_slide(english, ndu):
    for deck in (english, ndu):
        for (number, pic), (_, width, _, scale), svg in zip(deck.pictures, deck.drawn, deck.svgs, strict=True):
            image_px = Image.open(io.BytesIO(pic.image.blob)).size[0] / scale  # the image's width in layout px
            assert image_px == width
            smallest, text = min(svg_texts(svg))
            effective = smallest * (pic.width / Pt(1)) / image_px
            assert effective >= 12, f"slide {number}: {text!r} is {effective:.1f} pt"


@needs_browser
def test_at_most_15_rows_a_slide_and_no_short_tables(english, ndu):
    for deck in (english, ndu):
        for (number, _), (fig, *_) in zip(deck.pictures, deck.drawn, strict=True):
            assert len(images.rows_in(fig)) <= 15, f"slide {number}"
        tables = [sh.table for s in deck.slides for sh in s.shapes if sh.has_table]
        assert tables
        for table in tables:
            assert 4 <= len(table.rows) - 1 <= 15  # header + 4 to 15 rows: a one-row chart is not repeated
    # cut charts say so in the title, with the count of the rows left out
    assert any(re.search(r"\(top \d+, and \d+ more\)$", title) for title in english.titles())


@needs_browser
def test_a_university_deck_shows_only_that_university(ndu, seed):
    from analytics.db import query

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_DB", str(seed))
        own = set(query("cbhe_projects_of", inst="NDU").project_id)
        projects = query("cbhe_projects", y0=None, y1=None)
    others = set(projects[~projects.project_id.isin(own)].acronym)
    text = "\n".join(ndu.all_texts())
    for foreign in ("QKU", "MDU", "UNEC", "Strateji plan 2021", "Qazilərə", "Dövlət qulluğu"):
        assert foreign not in text  # other universities' plans and the UNEC syllabus
    assert others and not any(re.search(rf"\b{re.escape(a)}\b", text) for a in others)
    assert all(re.search(rf"\b{re.escape(a)}\b", text) for a in projects[projects.project_id.isin(own)].acronym)
    assert "NDU — Naxçıvan Dövlət Universiteti" in ndu.slide_texts()[1]  # the title slide names it


@needs_browser
def test_without_a_project_the_deck_says_so_once(seed, monkeypatch):
    monkeypatch.setenv("STRATEGY_DB", str(seed))
    from reports.deck import build_deck

    prs = Presentation(io.BytesIO(build_deck(Filters(uni="QKU", lang="en"), ["cbhe", "courses"])))
    titles = [" ".join(s.shapes[0].text_frame.text.split()) for s in prs.slides]
    assert titles[2:] == ["QKU — Western Caspian University takes part in no CBHE project"]  # no course either
    key_figures = " ".join(sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame)
    assert "no project" in key_figures and "€" not in key_figures


@needs_browser
def test_progress_slides_when_statuses_are_recorded(english, seed, tmp_path, monkeypatch):
    titles = english.titles()
    figures = next(i for i, title in enumerate(titles) if re.fullmatch(r"\d+ of 183 actions assessed: .*", title))
    labels = [sh.text_frame.text for sh in english.slides[figures].shapes if sh.has_text_frame]
    assert {"With a status", "Done", "At risk", "Overdue", "Actions not yet assessed"} <= set(labels)
    drawn = [pic._element.nvPicPr.cNvPr.get("descr") for _, pic in english.pictures]
    assert "Completion per goal" in drawn and "Completion per unit (actions they lead)" in drawn
    # nothing recorded: no progress charts (no alarming zeros), only what ended with nothing said about it
    monkeypatch.setenv("STRATEGY_DB", str(seed))
    monkeypatch.setenv("STRATEGY_USER_DB", str(tmp_path / "empty.duckdb"))
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")
    from reports.deck import build_deck

    prs = Presentation(io.BytesIO(build_deck(Filters(lang="en"), ["progress"])))
    assert len(prs.slides) == 3  # title, key figures, and the figure the overview and progress page show
    texts = [sh.text_frame.text for sh in prs.slides[2].shapes if sh.has_text_frame]
    assert "80 actions ended without any status recorded" in texts and "Ended, nothing recorded" in texts
    monkeypatch.setenv("STRATEGY_TODAY", "2025-06-01")  # seen from mid-2025, only 7 had ended
    prs = Presentation(io.BytesIO(build_deck(Filters(lang="en"), ["progress"])))
    assert "7 actions ended without any status recorded" in [
        sh.text_frame.text for sh in prs.slides[2].shapes if sh.has_text_frame]


@needs_browser
def test_the_source_line_names_documents_by_title_and_date(english, ndu):
    for deck, word in ((english, "Source:"), (ndu, "Mənbə:")):
        sources = [x for x in deck.slide_texts() if x.startswith(word)]
        assert len(sources) == len(deck.slides) - 1  # every slide but the title slide
        assert not any(".txt" in x or ".docx" in x or ".pdf" in x for x in sources)
    english_sources = set(x for x in english.slide_texts() if x.startswith("Source:"))
    # in English a title the university wrote only in Azerbaijani carries the [az] marker (never silently mixed)
    assert any("QKU — [az] Strateji plan 2021-2025" in x and re.search(r"\(loaded \d+ [A-Z][a-z]+ \d{4}\)", x)
               for x in english_sources)
    assert any(x.startswith("Source: [az] Azərbaycanda 2022-2024 illərdə") for x in english_sources)  # the compendium
    assert any("UNEC — [az] Dövlət qulluğu" in x for x in english_sources)  # the syllabus, on the course slides
    assert all("UNEC" not in x for x in ndu.slide_texts())
    assert not any("[az]" in x for x in ndu.slide_texts())  # never in Azerbaijani


@needs_browser
def test_the_english_deck_is_english(english, seed):
    words = data_words(seed)
    for text in english.all_texts():
        for token in re.findall(r"\w+…?", text):
            word = _norm(token.rstrip("…"))
            if AZ_LETTERS.search(token) or word in AZ_MONTHS:
                known = word in words or (token.endswith("…") and any(w.startswith(word) for w in words))
                assert known, f"{token!r} in {text!r}"
    text = "\n".join(english.all_texts())
    assert "(s)" not in text
    assert not re.search(rf"\b1 ({'|'.join(PLURAL)})\b", text)
    assert not re.search(rf"\b(0|[2-9]|\d\d+) ({'|'.join(SINGULAR)})\b(?![-'])", text)


@needs_browser
def test_one_slide_per_message(english, ndu):
    """No headline is said twice: a table slide after its chart is headed by what it details ('In figures: ...'),
    not by the chart's headline again (pages of one chart are numbered '(1/2)', '(2/2)')."""
    for deck, word in ((english, "In figures: "), (ndu, "Rəqəmlərlə: ")):
        titles = [x for x in deck.titles() if x]
        assert len(titles) == len(set(titles)), [x for x in titles if titles.count(x) > 1]
        tables = [i for i, s in enumerate(deck.slides) if any(sh.has_table for sh in s.shapes)]
        assert tables and all(deck.titles()[i].startswith(word) for i in tables)


@needs_browser
def test_titles_kept_as_written_are_marked_in_the_english_deck_only(english, ndu):
    """The English deck's charts draw a title nobody translated as '[az] ...' and the title slide says what the
    marker means; the Azerbaijani deck never shows it."""
    drawn = english.chart_texts()
    assert any(x.startswith("[az] ") or " · [az] " in x or "</b> [az] " in x for x in drawn), drawn[:40]
    assert t("ti.legend", "en") in english.slide_texts()
    assert not any("[az]" in x for x in ndu.all_texts())


@needs_browser
def test_azerbaijani_has_no_plural_after_a_number(ndu):
    for text in ndu.all_texts():
        assert not re.search(r"\b\d+ \w+(lar|lər)\b", text), text


def test_english_plurals_follow_the_number():
    assert t("h.cbhe_total", "en", n=1, total="€9") == "1 project brings €9 in total"
    assert t("h.cbhe_total", "en", n=2, total="€9") == "2 projects bring €9 in total"
    assert t("h.cbhe_map", "en", n=1) == "Participants come from 1 country"
    assert t("ov.m.cbhe.help", "en", n=5, missing=1, names="X") == (
        "Sum of 5 projects; excludes 1 project without a budget (X).")
    assert t("h.cbhe_total", "az", n=2, total="9 €") == "2 layihənin büdcəsi cəmi 9 €"  # no plural after numbers


def test_rows_are_cut_to_the_largest_and_counted():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=list(range(20)), y=[f"row {i}" for i in range(20)], orientation="h",
                           marker_color=["red"] * 20, customdata=list(range(20))))
    cut, hidden, by_size = images.keep_top_rows(fig, 15)
    assert (hidden, by_size) == (5, True)
    assert list(cut.data[0].y) == [f"row {i}" for i in range(5, 20)] and len(cut.data[0].marker.color) == 15
    parts = images.split_rows(fig, 15)
    assert [len(images.rows_in(p)) for p in parts] == [10, 10]
