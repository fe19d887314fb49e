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
    assert images.png(fig, 300, 200, scale=1).startswith(b"\x89PNG")  # and started again when asked
    images.stop_server()
