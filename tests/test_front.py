"""The nginx front of docs/deploy.md: the compression it is documented with, and that it compresses."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from scripts import front, harness

ROOT = Path(__file__).resolve().parent.parent



def directives(text: str) -> set[str]:
    return {" ".join(line.split("#")[0].split()) for line in text.splitlines() if line.strip().startswith("gzip")}


def test_the_deployment_guide_configures_the_compression_the_front_uses():
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert directives(front.GZIP) and directives(front.GZIP) <= directives(guide)


@pytest.mark.skipif(front.nginx() is None, reason="nginx is not installed (apt-get install nginx-light)")
def test_the_front_sends_the_app_scripts_compressed(app_server):
    url = app_server.url
    html = urllib.request.urlopen(url + "/", timeout=10).read().decode()
    script = re.search(r'src="\./(static/js/index[^"]+\.js)"', html).group(1)
    plain = urllib.request.urlopen(f"{url}/{script}", timeout=10).read()
    with front.front([app_server.port]) as f:
        ask = urllib.request.Request(f"{f.url}/{script}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(ask, timeout=10) as answer:
            body = answer.read()
            assert answer.headers["Content-Encoding"] == "gzip"
    import gzip

    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2


def header_lines(text: str) -> set[str]:
    return {" ".join(line.split("#")[0].split()) for line in text.splitlines()
            if line.strip().startswith(("add_header Content-Security-Policy", "add_header X-Frame-Options",
                                        "location = /_stcore/metrics"))}


def test_the_deployment_guide_sends_the_frame_headers_the_front_uses():
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    config = front.CONFIG.replace("{{", "{").replace("}}", "}") + front.HEADERS
    assert len(header_lines(config)) == 3 and header_lines(config) == header_lines(guide)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    import urllib.error

    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


@pytest.mark.skipif(front.nginx() is None, reason="nginx is not installed (apt-get install nginx-light)")
def test_metrics_are_closed_and_no_other_site_frames_the_dashboard(built_db):
    """Issue 28 item 9: with signed-in viewing nothing is readable before signing in, /_stcore/metrics included
    (serve.py does not create the route; the front refuses it too); the front forbids framing by other sites."""
    with harness.start_server({"STRATEGY_DB": str(built_db), "STRATEGY_VIEW": "signed_in"}) as server:
        url, port = server.url, server.port
        status, headers, body = fetch(url + "/_stcore/metrics")  # the app server: its page for an unknown path
        assert headers["content-type"].startswith("text/html") and b"# TYPE" not in body, (status, body[:200])
        assert fetch(url + "/_stcore/health")[0] == 200  # the load balancer's check stays
        with front.front([port]) as f:
            status, _, body = fetch(f.url + "/_stcore/metrics")
            assert status == 404 and b"# TYPE" not in body
            status, headers, _ = fetch(f.url + "/")
            assert status == 200
            assert headers["content-security-policy"] == "frame-ancestors 'self'"
            assert headers["x-frame-options"] == "SAMEORIGIN"
