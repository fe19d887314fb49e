"""An nginx front on loopback for several app servers, with sticky sessions (used by multi_server.py and
capacity.py; docs/deploy.md shows the same configuration for a real host).

Streamlit keeps a session's state in the server process that holds its websocket, and a file upload must
reach that same process. Open-source nginx has no `sticky cookie`, so affinity is a cookie the front sets
itself: a browser without the `strategy_route` cookie gets a random one ($request_id) on its first response,
and every request is routed by `hash $cookie consistent` to one server; a browser keeps its server for as
long as it keeps the cookie, and when a server is taken out only the sessions on it move.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.harness import free_port, wait_healthy

COOKIE = "strategy_route"

CONFIG = """{user}worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
{gzip}    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    map $cookie_{cookie} $route {{ "" $request_id; default $cookie_{cookie}; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    upstream app {{
        hash $route consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 200m;
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400s;
            proxy_buffering off;
            add_header Set-Cookie "{cookie}=$route; Path=/; HttpOnly; SameSite=Lax" always;
{headers}{extra}        }}
        location = /_stcore/metrics {{ return 404; }}
    }}
}}
"""


@dataclass
class Front:
    port: int
    pid: int
    config: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


# Streamlit's server sends its scripts and styles uncompressed (the chart library alone is ~4.7 MB); the front
# compresses them for a browser's first visit (docs/deploy.md; scripts/first_visit.py measures it).
GZIP = """    gzip on;
    gzip_types application/javascript text/javascript text/css application/json image/svg+xml;
    gzip_min_length 1024;
    gzip_comp_level 5;
"""


# No other site may show the dashboard in a frame (clickjacking a signed-in editor); as docs/deploy.md.
# nginx inherits add_header only into a location without add_header of its own: they sit beside Set-Cookie.
HEADERS = """            add_header Content-Security-Policy "frame-ancestors 'self'" always;
            add_header X-Frame-Options SAMEORIGIN always;
"""


@contextlib.contextmanager
def front(ports: Sequence[int], workdir: Path | None = None, show_upstream: bool = False,
          gzip: bool = True) -> Iterator[Front]:
    """nginx on a free loopback port in front of the app servers on `ports` (raises without nginx).
    show_upstream: every response says which server answered (X-Upstream), for checking the affinity.
    gzip: compress scripts and styles (as docs/deploy.md configures it)."""
    exe = nginx()
    if exe is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="front-", dir=workdir))
    port = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in ports)
    config = folder / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers that can use the 0700 folder
    extra = "            add_header X-Upstream $upstream_addr always;\n" if show_upstream else ""
    config.write_text(CONFIG.format(user=user, dir=folder, cookie=COOKIE, servers=servers, port=port, extra=extra,
                                    gzip=GZIP if gzip else "", headers=HEADERS))
    proc = subprocess.Popen([exe, "-c", str(config), "-p", str(folder)], stdout=subprocess.DEVNULL,
                            stderr=(folder / "stderr.log").open("wb"))
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, 20, folder / "stderr.log")  # nginx passes it to a server
        yield Front(port, proc.pid, config)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(folder, ignore_errors=True)
