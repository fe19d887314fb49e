"""The nginx front of docs/deploy.md: the compression it is documented with, and that it compresses."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from scripts import front, screenshots

ROOT = Path(__file__).resolve().parent.parent



def directives(text: str) -> set[str]:
    return {" ".join(line.split("#")[0].split()) for line in text.splitlines() if line.strip().startswith("gzip")}


def test_the_deployment_guide_configures_the_compression_the_front_uses():
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert directives(front.GZIP) and directives(front.GZIP) <= directives(guide)


@pytest.mark.skipif(front.nginx() is None, reason="nginx is not installed (apt-get install nginx-light)")
def test_the_front_sends_the_app_scripts_compressed(built_db):
    with screenshots.streamlit_server({"STRATEGY_DB": str(built_db)}) as url:
        port = int(url.rsplit(":", 1)[1])
        html = urllib.request.urlopen(url + "/", timeout=10).read().decode()
        script = re.search(r'src="\./(static/js/index[^"]+\.js)"', html).group(1)
        plain = urllib.request.urlopen(f"{url}/{script}", timeout=10).read()
        with front.front([port]) as f:
            ask = urllib.request.Request(f"{f.url}/{script}", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(ask, timeout=10) as answer:
                body = answer.read()
                assert answer.headers["Content-Encoding"] == "gzip"
    import gzip

    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
