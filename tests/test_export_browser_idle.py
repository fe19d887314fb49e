"""Kaleido's browser is closed after an export (issue 27: 1.38 GB left in the server six minutes later)."""
from __future__ import annotations

import time

import plotly.graph_objects as go
import pytest

from reports import images

pytestmark = pytest.mark.skipif(not images.browser_available(), reason="needs Chromium (apt-get install chromium)")


def test_browser_closes_when_idle_and_comes_back(monkeypatch) -> None:
    monkeypatch.setattr(images, "IDLE_SECONDS", 1)
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    assert images.png(fig, 300, 200, scale=1).startswith(b"\x89PNG")
    assert images._server_started
    deadline = time.monotonic() + 30
    while images._server_started and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not images._server_started  # closed once idle
    other = go.Figure(go.Bar(x=["b"], y=[2]))  # not drawn yet (a drawn picture is kept, and needs no browser)
    assert images.png(other, 300, 200, scale=1).startswith(b"\x89PNG")
    assert images._server_started  # started again when asked
    images.stop_server()


def test_the_same_picture_is_drawn_once(monkeypatch) -> None:
    drawn = []
    original = go.Figure.to_image
    monkeypatch.setattr(go.Figure, "to_image", lambda self, *a, **k: drawn.append(1) or original(self, *a, **k))
    fig = go.Figure(go.Bar(x=["Şöbə"], y=[3]), layout={"title": {"text": "Ölçü"}})
    first = images.png(fig, 320, 200, scale=1)
    assert images.png(go.Figure(fig), 320, 200, scale=1) == first and len(drawn) == 1  # the same figure: kept
    assert images.png(fig, 330, 200, scale=1) != first and len(drawn) == 2  # another size: drawn
    fig.update_layout(title_text="Ölçülər")
    assert images.png(fig, 320, 200, scale=1) != first and len(drawn) == 3  # another figure: drawn
    images.stop_server()
