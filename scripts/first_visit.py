"""A person's first visit through the front: bytes over the wire and time to the drawn landing page, with the
front's compression on and off, on loopback and on a throttled link.

Usage: python scripts/first_visit.py [--root /work/before] [--scale seed] [--runs 3]
       [--links loopback 20mbit] [--gzip on off]

One app server (scripts/capacity.py's serve(), serve.py with its warm-up) on the --scale database, behind the
nginx front of scripts/front.py (the configuration docs/deploy.md gives), once with `gzip` on and once off.
Per sample a new browser context (empty cache: a first visit) opens the front's "/" and waits for "done" as
scripts/browser_benchmark.py defines it (script finished, every chart drawn, the page quiet). Bytes: Chrome's
encodedDataLength of every response (CDP Network events, i.e. what crossed the wire, compressed where it was)
plus the size of every websocket frame received. Links: loopback (no throttling) or NNmbit (Chrome's network
emulation: NN Mbit/s down, NN/2 up, 40 ms round trip; a university Wi-Fi or a ministry's line). Prints a
Markdown table with os.getloadavg() beside it. Needs nginx and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from scripts import browser_benchmark as bb
from scripts import capacity
from scripts import front as fr
from scripts.harness import launch_browser

RTT_MS = 40


def link_conditions(link: str) -> dict | None:
    if link == "loopback":
        return None
    mbit = float(link.removesuffix("mbit"))
    return {"offline": False, "latency": RTT_MS, "downloadThroughput": mbit * 1e6 / 8,
            "uploadThroughput": mbit * 1e6 / 16}


def visit(browser, url: str, link: str) -> tuple[float | None, int]:
    """One first visit: (seconds to done, bytes over the wire)."""
    context, page, tracker = bb.new_page(browser)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        conditions = link_conditions(link)
        if conditions:
            cdp.send("Network.emulateNetworkConditions", conditions)
        sizes: list[int] = []
        cdp.on("Network.loadingFinished", lambda e: sizes.append(e["encodedDataLength"]))
        # Streamlit's frames are binary: CDP gives them base64-encoded, 4 characters per 3 bytes
        cdp.on("Network.webSocketFrameReceived", lambda e: sizes.append(len(e["response"]["payloadData"]) * 3 // 4))
        sample = bb.open_page(page, tracker, url + "/")
        return sample.seconds, sum(sizes)
    finally:
        context.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--scale", default="seed")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--links", nargs="+", default=["loopback", "20mbit"])
    ap.add_argument("--gzip", nargs="+", default=["on", "off"], choices=["on", "off"])
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    db = capacity.database(args.root.resolve(), args.scale)
    rows = []
    with capacity.serve(args.root.resolve(), db) as server, sync_playwright() as p:
        browser = launch_browser(p)
        visit(browser, f"http://127.0.0.1:{server.port}", "loopback")  # untimed: the server's first page run
        for gzip in args.gzip:
            with fr.front([server.port], gzip=gzip == "on") as f:
                for link in args.links:
                    samples = [visit(browser, f.url, link) for _ in range(args.runs)]
                    seconds = [s for s, _ in samples if s is not None]
                    kb = statistics.median(b for _, b in samples) / 1000
                    rows.append((gzip, link, statistics.median(seconds) if seconds else None, kb, len(seconds),
                                 os.getloadavg()))
                    print(f"[{gzip} {link}] {rows[-1][2]} s, {kb:.0f} kB", file=sys.stderr, flush=True)
        browser.close()
    print(f"First visit at {args.scale} ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs), median of "
          f"{args.runs}; links other than loopback: Chrome's emulation, {RTT_MS} ms round trip\n")
    print("| front gzip | link | first page done s | over the wire kB | samples | load avg 1/5/15 |")
    print("|---|---|---|---|---|---|")
    for gzip, link, secs, kb, n, load in rows:
        shown = "—" if secs is None else f"{secs:.2f}"
        print(f"| {gzip} | {link} | {shown} | {kb:,.0f} | {n} | {'/'.join(f'{x:.2f}' for x in load)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
