"""Identical decks from both doors (issue 27): the dashboard's deck button (the filters the sidebar builds from
the page's URL, handed to ui.page._deck, the function the button calls) and the command line
(`python -m reports deck` with the same filter) give the same slides: every text box, table cell, picture's
alt text (the chart's title) and every drawn chart's title and row labels."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from reports import images

APP = str(Path(__file__).resolve().parent.parent / "app.py")
pytestmark = [pytest.mark.apptest,
              pytest.mark.skipif(not images.browser_available(), reason="needs Chromium for chart images")]


def _recorded(build) -> tuple[bytes, list[tuple[str, list[str]]]]:
    """The deck's bytes and, per chart picture drawn, its title and row labels."""
    drawn: list[tuple[str, list[str]]] = []
    original = images.png

    def recording(fig, width=1600, height=None, scale=2):
        drawn.append((str(fig.layout.title.text or ""), [str(r) for r in images.rows_in(fig)]))
        return original(fig, width=width, height=height, scale=scale)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(images, "png", recording)
        data = build()
    return data, drawn


def slide_texts(data: bytes) -> list[list[str]]:
    """Per slide, its texts in shape order: text frames, table cells, the pictures' alt text."""
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            elif shape.shape_type == 13:  # a picture
                texts.append(shape._element.nvPicPr.cNvPr.get("descr"))
        out.append(texts)
    return out


@pytest.mark.parametrize("lang", ["az", "en"])
def test_the_deck_button_and_the_command_line_make_the_same_deck(site, tmp_path, lang) -> None:
    from streamlit.testing.v1 import AppTest

    from reports.__main__ import main
    from ui import page

    pages = ["deadlines", "oversight", "workload"]  # workload: its slides keep the busiest units
    at = AppTest.from_file(APP, default_timeout=300)
    for key, value in (("lang", lang), ("uni", "QKU"), ("year_from", "2024"), ("year_to", "2024")):
        at.query_params[key] = value
    at.run()
    at.switch_page("screens/deadlines.py").run()
    assert not at.exception, [e.value for e in at.exception]
    ctx = at.session_state["_ctx"]
    assert (ctx.f.uni, ctx.f.year_from, ctx.f.year_to, ctx.f.lang) == ("QKU", 2024, 2024, lang)
    button, button_charts = _recorded(lambda: page._deck(ctx, pages))

    out = tmp_path / "cli.pptx"
    argv = ["deck", "--out", str(out), "--university", "QKU", "--year-from", "2024", "--year-to", "2024",
            "--lang", lang, *[x for p in pages for x in ("--page", p)]]
    _, cli_charts = _recorded(lambda: main(argv))
    cli = out.read_bytes()

    from_button, from_cli = slide_texts(button), slide_texts(cli)
    assert len(from_button) >= 6  # title, key figures, and the two pages' charts
    assert from_button == from_cli
    assert button_charts == cli_charts and all(rows for _, rows in button_charts)
    assert any("2024" in " ".join(texts) for texts in from_button[:1])  # the title slide names the year
