"""What a person feels: page times in real headless Chromium, seed and N universities side by side in one run.

Usage:
  python scripts/browser_benchmark.py [--root /work/before] [--scales seed 500] [--runs 5] [--first-runs 5]
      [--pages overview progress] [--filters uni unit] [--trace overview] [--server-args "..."] [--workdir DIR]
Prints Markdown tables with os.getloadavg() beside them. Databases as in scripts/capacity.py (built by --root's
own loaders under --workdir, cached).

Per scale one server on that database; per page one untimed warm-up open, then --runs times: open the page
(page.goto of its URL path, the overview is "/"), change the university filter, open the page again, change the
unit filter. A filter change drives the sidebar widget as a person does: type into the combobox (uni: the i-th
largest university; unit: the i-th most frequent unit) and click the option; the clock starts at the click (if
the option cannot be found the same filter is opened as ?uni= / ?unit=, reported as "url"). Open times are
medians of all 2 × --runs opens, filter changes medians of --runs; a page whose runs have taken more than
--page-budget seconds (default 900) gets no further run (at least one; the table gives the sample counts).
"First page after a server start": per sample a new server and a new browser context (empty cache), the
overview opened as soon as /_stcore/health answers; the clock starts at page.goto.

"done" (polled every 50 ms after the action; written for Streamlit 1.67):
  1. the ForwardMsg script_finished of the run that the action started has arrived over the websocket (a run
     starts with a new_session message);
  2. [data-testid="stApp"] has data-test-script-state="notRunning" and no [data-testid="stStatusWidget"] is shown;
  3. every plotly chart that run sent (distinct delta paths of plotly_chart elements) is in the page as a
     [data-testid="stPlotlyChart"] with a drawn .js-plotly-plot .main-svg;
  4. for 500 ms: no DOM mutation (MutationObserver on the document: child lists, attributes, text; not the
     fallback content inside a <canvas>, which is never drawn: the data grid rewrites its accessibility table
     there 200-300 ms after it has painted, and counting it added ~0.3 s to every page with a table) and the main
     thread not blocked (no PerformanceObserver "longtask", i.e. no task of 50 ms or more, and a 20 ms
     setInterval heartbeat not late by more than 100 ms when polled): the page is drawn and would answer a click.
  The time reported is the latest of: the last DOM mutation laid out and painted (the next animation frame
  after it, plus a 0 ms task), the end of the last long task, and a poll that found the heartbeat late (the
  end of a blocking task whose longtask entry was not delivered yet); minus the start of the action. Not done
  within 180 s is a failure ("fail" in the tables).

Also per page (medians of the opens): kB received over the websocket (Playwright frame sizes, decompressed),
page elements at done (document.getElementsByTagName('*').length), chart marks drawn (bars and points
.js-plotly-plot .point, sunburst .slice, map .choroplethlocation, lines .js-line), and long-task time (sum and
longest). --trace PAGE...: for those pages one more open in a new browser context with a Chrome trace: CDP
Performance.getMetrics at done (TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration, counted from
the new document) and the renderer main thread's self time by kind of trace event (script, style, layout, paint
and compositing, HTML parsing, garbage collection, other), from page.goto until done, and the number of layout
passes (many small ones: script forcing a layout per measured element).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shlex
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scripts.capacity import (
    PROJECT,
    WORKDIR,
    _code_key,
    database,
    loadavg,
    page_urls,
    serve,
    table,
    url_path,
)
from scripts.harness import launch_browser

QUIET_MS = 500
TIMEOUT_S = 180
METRICS = ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration"]
INIT_JS = """
window.__bm = {settled: performance.now(), busyUntil: 0, beat: performance.now(), tasks: []};
setInterval(() => { window.__bm.beat = performance.now(); }, 20);
const drawn = r => {  // a canvas's children are fallback content, never drawn (the data grid's a11y table)
  const t = r.target.nodeType === 1 ? r.target : r.target.parentElement;
  return !(t && (t.closest('canvas') && !(r.type === 'attributes' && t.tagName === 'CANVAS')));
};
new MutationObserver(recs => {
  if (!recs.some(drawn)) return;
  const b = window.__bm;
  b.settled = Math.max(b.settled, performance.now());
  requestAnimationFrame(() => setTimeout(() => { b.settled = Math.max(b.settled, performance.now()); }, 0));
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    window.__bm.busyUntil = Math.max(window.__bm.busyUntil, e.startTime + e.duration);
    window.__bm.tasks.push([performance.timeOrigin + e.startTime, e.duration]);
  }
}).observe({type: 'longtask', buffered: true});
"""
STATE_JS = """() => {
  const b = window.__bm, now = performance.now();
  if (b && now - b.beat > 100) b.busyUntil = Math.max(b.busyUntil, now);  // a task kept the timer from running
  return {
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') ?? null,
  status: !!document.querySelector('[data-testid="stStatusWidget"]'),
  drawn: [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
           .filter(e => e.querySelector('.js-plotly-plot .main-svg')).length,
  now: performance.timeOrigin + now,
  settled: performance.timeOrigin + Math.max(b?.settled ?? 0, b?.busyUntil ?? 0),
  tasks: b?.tasks ?? [],
  elements: document.getElementsByTagName('*').length,
  marks: document.querySelectorAll('.js-plotly-plot .point, .js-plotly-plot .slice, '
    + '.js-plotly-plot .choroplethlocation, .js-plotly-plot .js-line').length,
  errors: document.querySelectorAll('[data-testid="stException"]').length};
}"""
TRACE_KINDS = {
    "script": ("FunctionCall", "EvaluateScript", "v8.compile", "v8.compileModule", "TimerFire", "EventDispatch",
               "FireAnimationFrame", "v8.evaluateModule", "RunMicrotasks", "V8.Execute", "v8.run"),
    "style": ("UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation"),
    "layout": ("Layout", "UpdateLayerTree", "IntersectionObserverController::computeIntersections"),
    "paint and compositing": ("Paint", "PrePaint", "Layerize", "CompositeLayers", "Commit", "PaintImage",
                              "UpdateLayer", "RasterTask", "Decode Image"),
    "HTML parsing": ("ParseHTML", "ParseAuthorStyleSheet"),
    "garbage collection": ("MajorGC", "MinorGC", "V8.GCScavenger", "V8.GCFinalizeMC", "BlinkGC.AtomicPhase",
                           "V8.GCIncrementalMarking", "V8.GC_MC_BACKGROUND_MARKING", "BlinkGC.CompleteSweep"),
}


@dataclass
class Run:
    """What the websocket says about the current script run."""

    started: bool = False
    finished: bool = False
    charts: set[tuple[int, ...]] = field(default_factory=set)
    received: int = 0
    first_delta: float | None = None  # epoch ms: the first element of the run arrived
    finished_at: float | None = None  # epoch ms: script_finished arrived (the server's part is over)


@dataclass
class Sample:
    seconds: float | None  # None: not done within TIMEOUT_S
    received: int
    elements: int
    marks: int
    charts: int
    long_tasks: float  # seconds of long tasks during the action
    longest: float
    how: str = ""
    first_delta: float | None = None  # seconds from the action to the first element received
    answered: float | None = None  # seconds from the action to script_finished received


class Tracker:
    """Listens to the page's Streamlit websocket and parses the ForwardMsgs."""

    def __init__(self) -> None:
        self.run = Run()

    def reset(self) -> None:
        self.run = Run()

    def attach(self, page: Any) -> None:
        page.on("websocket", lambda ws: ws.on("framereceived", self.frame) if "_stcore/stream" in ws.url else None)

    def frame(self, payload: bytes | str) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        data = payload if isinstance(payload, bytes) else payload.encode()
        self.run.received += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.run.started, self.run.finished, self.run.charts = True, False, set()
        elif kind == "delta":
            if self.run.started and self.run.first_delta is None:
                self.run.first_delta = time.time() * 1000
            if msg.delta.new_element.WhichOneof("type") == "plotly_chart":
                self.run.charts.add(tuple(msg.metadata.delta_path))
        elif kind == "script_finished" and self.run.started:
            self.run.finished = True
            self.run.finished_at = time.time() * 1000


def wait_done(page: Any, tracker: Tracker, t0_ms: float, how: str) -> Sample:
    """Poll until "done" (module docstring); t0_ms: epoch ms when the action started."""
    while True:
        s = page.evaluate(STATE_JS)
        run = tracker.run
        ready = run.finished and s["state"] == "notRunning" and not s["status"] and s["drawn"] >= len(run.charts)
        timeout = s["now"] - t0_ms > TIMEOUT_S * 1000
        if (ready and s["now"] - s["settled"] >= QUIET_MS) or timeout:
            tasks = [d for start, d in s["tasks"] if start + d >= t0_ms]
            return Sample(None if timeout else (s["settled"] - t0_ms) / 1000, run.received, s["elements"],
                          s["marks"], len(run.charts), sum(tasks) / 1000, max(tasks, default=0) / 1000,
                          how + ("+timeout" if timeout else "") + ("+error" if s["errors"] else ""),
                          *((None if x is None else (x - t0_ms) / 1000) for x in (run.first_delta, run.finished_at)))
        page.wait_for_timeout(50)


def open_page(page: Any, tracker: Tracker, url: str) -> Sample:
    tracker.reset()
    t0 = time.time() * 1000
    page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
    return wait_done(page, tracker, t0, "open")


def change_filter(page: Any, tracker: Tracker, kind: str, value: str, base: str) -> Sample:
    """Choose `value` in the sidebar widget for `kind` (uni: the first selectbox, unit: the first multiselect)."""
    testid = "stSelectbox" if kind == "uni" else "stMultiSelect"
    box = page.locator(f'[data-testid="stSidebar"] [data-testid="{testid}"] input').first
    try:
        box.click(timeout=TIMEOUT_S * 1000)
        box.fill(value[:40], timeout=TIMEOUT_S * 1000)
        pattern = re.compile("^" + re.escape(value) + (r"(\s|$)" if kind == "uni" else ""))
        option = page.get_by_role("option").filter(has_text=pattern).first
        option.wait_for(timeout=TIMEOUT_S * 1000)
    except Exception:  # the widget could not be driven: the same filter through the URL
        from urllib.parse import urlencode

        tracker.reset()
        t0 = time.time() * 1000
        page.goto(base + "?" + urlencode({kind: value}), wait_until="commit", timeout=TIMEOUT_S * 1000)
        return wait_done(page, tracker, t0, "url")
    tracker.reset()
    t0 = time.time() * 1000
    option.click(timeout=TIMEOUT_S * 1000)
    return wait_done(page, tracker, t0, "widget")


def filter_values(db: Path, runs: int) -> dict[str, list[str]]:
    """Per filter, `runs` values: the largest universities and the most frequent units (cycled if fewer)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        unis = [r[0] for r in con.execute("SELECT institution FROM actions GROUP BY 1 ORDER BY count(*) DESC, 1 "
                                          "LIMIT ?", [runs]).fetchall()]
        units = [r[0] for r in con.execute("SELECT unit_name FROM action_units GROUP BY 1 ORDER BY count(*) DESC, "
                                           "1 LIMIT ?", [runs]).fetchall()]
    finally:
        con.close()
    return {k: [v[i % len(v)] for i in range(runs)] if v else [] for k, v in (("uni", unis), ("unit", units))}


def new_page(browser: Any) -> tuple[Any, Any, Tracker]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_JS)
    page = context.new_page()
    tracker = Tracker()
    tracker.attach(page)
    return context, page, tracker


def med(values: list[float | None]) -> float | None:
    ok = [v for v in values if v is not None]
    return statistics.median(ok) if ok else None


def fmt(v: float | None, digits: int = 2) -> str:
    return "fail" if v is None else f"{v:.{digits}f}"


def trace_breakdown(trace: Any) -> dict[str, float]:
    """Self time (s) by kind of every event on the renderer main thread(s) of a trace."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    mains = {(e["pid"], e["tid"]) for e in events
             if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    xs = sorted((e for e in events if (e.get("pid"), e.get("tid")) in mains and e.get("ph") == "X" and "dur" in e),
                key=lambda e: (e["ts"], -e["dur"]))
    kinds = {name: kind for kind, names in TRACE_KINDS.items() for name in names}
    out: Counter[str] = Counter()
    stack: list[tuple[float, str]] = []  # (end, kind) of the enclosing events
    for e in xs:
        while stack and e["ts"] >= stack[-1][0]:
            stack.pop()
        kind = kinds.get(e["name"], stack[-1][1] if stack else "other")
        out[kind] += e["dur"]
        if stack:
            out[stack[-1][1]] -= e["dur"]  # the parent's self time
        stack.append((e["ts"] + e["dur"], kind))
    return {k: v / 1e6 for k, v in out.items()} | {"layout passes": sum(e["name"] == "Layout" for e in xs)}


def traced_open(browser: Any, url: str, workdir: Path) -> tuple[Sample, dict[str, float], dict[str, float]]:
    context, page, tracker = new_page(browser)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    path = workdir / f"trace-{os.getpid()}.json"
    browser.start_tracing(page=page, path=str(path), categories=["toplevel", "devtools.timeline", "v8.execute",
                                                                 "disabled-by-default-devtools.timeline"])
    sample = open_page(page, tracker, url)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] in METRICS}
    browser.stop_tracing()
    context.close()
    breakdown = trace_breakdown(json.loads(path.read_text()))
    path.unlink()
    return sample, metrics, breakdown


def first_page(browser: Any, root: Path, db: Path, workdir: Path, runs: int, extra: list[str]) -> list[Sample]:
    out = []
    for _ in range(runs):
        with serve(root, db, workdir, extra) as srv:
            context, page, tracker = new_page(browser)
            out.append(open_page(page, tracker, f"http://127.0.0.1:{srv.port}/"))
            context.close()
    return out


def failed(exc: Exception) -> Sample:
    print(f"  sample failed: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr, flush=True)
    return Sample(None, 0, 0, 0, 0, 0, 0, f"error {type(exc).__name__}")


def bench_scale(browser: Any, root: Path, db: Path, args: argparse.Namespace, pages: list[str],
                result: dict[str, Any], save: Any) -> None:
    """Fills `result` (possibly partly filled by an earlier, interrupted run) and calls save() after each step."""
    values = filter_values(db, args.runs)
    result.setdefault("load_before", loadavg())
    result.setdefault("pages", {})
    result.setdefault("traces", {})
    extra = shlex.split(args.server_args)
    if args.first_runs and "first" not in result:
        result["first"] = first_page(browser, root, db, args.workdir, args.first_runs, extra)
        save()
    with serve(root, db, args.workdir, extra) as srv:
        context, page, tracker = new_page(browser)
        for name in [p for p in pages if p not in result["pages"]]:
            base = f"http://127.0.0.1:{srv.port}/{url_path(name)}"
            opens: list[Sample] = []
            changes: dict[str, list[Sample]] = {k: [] for k in args.filters}
            steps: list[tuple[str, str | None]] = [("warm-up", None)]
            steps += [(kind, values[kind][i] if values.get(kind) else None)
                      for i in range(args.runs) for kind in args.filters or ["-"]]
            started = time.monotonic()
            for n, (kind, value) in enumerate(steps):
                if n > len(args.filters or "-") and (n - 1) % len(args.filters or "-") == 0 \
                        and time.monotonic() - started > args.page_budget:
                    break  # a slow page: fewer runs (at least one), the count is in the table
                into = opens
                try:
                    sample = open_page(page, tracker, base)
                    if kind == "warm-up":
                        continue  # server caches, browser code cache
                    opens.append(sample)
                    if value is not None:
                        into = changes[kind]
                        into.append(change_filter(page, tracker, kind, value, base))
                except Exception as exc:  # a stuck page: count a failure, go on with a new browser context
                    if kind != "warm-up":
                        into.append(failed(exc))
                    with contextlib.suppress(Exception):
                        context.close()
                    context, page, tracker = new_page(browser)
            result["pages"][name] = {"open": opens, **changes}
            save()
            print(f"[{db.stem}] {name}: open {fmt(med([s.seconds for s in opens]))} s, "
                  + ", ".join(f"{k} {fmt(med([s.seconds for s in v]))} s" for k, v in changes.items())
                  + f"; load {loadavg()}", file=sys.stderr, flush=True)
        context.close()
        for name in [p for p in args.trace or [] if p not in result["traces"]]:
            try:
                result["traces"][name] = traced_open(browser, f"http://127.0.0.1:{srv.port}/{url_path(name)}",
                                                     args.workdir)
            except Exception as exc:
                failed(exc)
            save()
    result["load_after"] = loadavg()
    save()


def to_json(results: dict[str, Any]) -> str:
    def conv(x: Any) -> Any:
        if isinstance(x, Sample):
            return {"__sample__": asdict(x)}
        if isinstance(x, dict):
            return {k: conv(v) for k, v in x.items()}
        if isinstance(x, list | tuple):
            return [conv(v) for v in x]
        return x

    return json.dumps(conv(results))


def from_json(text: str) -> dict[str, Any]:
    return json.loads(text, object_hook=lambda d: Sample(**d["__sample__"]) if "__sample__" in d else d)


def report(results: dict[str, dict[str, Any]], filters: list[str], pages: list[str]) -> str:
    scales = list(results)
    header = ["page"] + [f"open s {s}" for s in scales]
    for k in filters:
        header += [f"{k} change s {s}" for s in scales]
    header += [f"open {scales[-1]}/{scales[0]}"] if len(scales) > 1 else []
    header += ["samples (open/" + "/".join(filters) + ") " + "; ".join(scales)]
    rows = []
    for name in pages:
        opens = [med([x.seconds for x in results[s]["pages"][name]["open"]]) for s in scales]
        row = [name, *(fmt(v) for v in opens)]
        for k in filters:
            row += [fmt(med([x.seconds for x in results[s]["pages"][name].get(k, [])])) for s in scales]
        if len(scales) > 1:
            row.append(f"{opens[-1] / opens[0]:.1f}×" if opens[0] and opens[-1] else "-")
        row.append("; ".join("/".join(str(len(results[s]["pages"][name].get(k, []))) for k in ["open", *filters])
                             for s in scales))
        rows.append(row)
    first = [fmt(med([x.seconds for x in results[s].get("first", [])])) for s in scales]
    rows.append(["first page after a server start (overview)", *first] + [""] * (len(header) - 1 - len(scales)))
    out = [table(header, rows)]
    out.append("\nLoad average (1/5/15 min) before → after each scale: "
               + "; ".join(f"{s}: {results[s]['load_before']} → {results[s]['load_after']}" for s in scales))
    how = Counter(x.how for s in scales for p in results[s]["pages"].values() for k in ["open", *filters]
                  for x in p.get(k, []))
    out.append("Samples by how they were driven: " + ", ".join(f"{k} {v}" for k, v in sorted(how.items())) + "\n")
    cols = [("first_delta", "first element s"), ("answered", "server done s"), ("received", "ws kB"),
            ("elements", "elements"), ("marks", "chart marks"), ("charts", "charts"),
            ("long_tasks", "long tasks s"), ("longest", "longest task s")]
    header = ["page"] + [f"{label} {s}" for _, label in cols for s in scales]
    rows = []
    for name in pages:
        row = [name]
        for col, _ in cols:
            for s in scales:
                v = med([getattr(x, col) for x in results[s]["pages"][name]["open"]])
                row.append("-" if v is None else f"{v / 1000:.0f}" if col == "received"
                           else f"{v:.2f}" if col in ("long_tasks", "longest", "first_delta", "answered")
                           else f"{v:.0f}")
        rows.append(row)
    out.append(table(header, rows))
    traces = [(s, name, t) for s in scales for name, t in results[s]["traces"].items()]
    if traces:
        kinds = [*TRACE_KINDS, "other"]
        header = ["traced open (new context)"] + [f"{name} {s}" for s, name, _ in traces]
        rows = [["done, s"] + [fmt(t[0].seconds) for _, _, t in traces]]
        rows += [[f"CDP {m}, s"] + [f"{t[1].get(m, 0):.2f}" for _, _, t in traces] for m in METRICS]
        rows += [[f"main thread: {k}, s"] + [f"{t[2].get(k, 0):.2f}" for _, _, t in traces] for k in kinds]
        rows += [["layout passes (trace Layout events)"]
                 + [f"{t[2].get('layout passes', 0):.0f}" for _, _, t in traces]]
        out.append("\n" + table(header, rows))
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=PROJECT, help="project directory to run the server from")
    ap.add_argument("--scales", nargs="+", default=["seed", "500"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--first-runs", type=int, default=5, help="server restarts for 'first page after a start'")
    ap.add_argument("--pages", nargs="+", help="page names as in app_pages.py (default: all)")
    ap.add_argument("--filters", nargs="*", default=["uni", "unit"], choices=["uni", "unit"])
    ap.add_argument("--trace", nargs="*", help="pages to trace once more (main-thread breakdown)")
    ap.add_argument("--server-args", default="", help="extra arguments of `streamlit run`, one string")
    ap.add_argument("--workdir", type=Path, default=WORKDIR)
    ap.add_argument("--page-budget", type=float, default=900, help="seconds per page and scale after which no "
                    "further run is started (the table says how many runs were taken)")
    ap.add_argument("--resume", action="store_true", help="keep the pages measured by an interrupted run "
                    "(the results are saved in --workdir after every page)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    root = args.root.resolve()
    pages = args.pages or page_urls(root)
    dbs = {s: database(root, s, args.workdir) for s in args.scales}
    state = args.workdir / f"browser-{_code_key(root)}-{'-'.join(args.scales)}.json"
    results: dict[str, Any] = from_json(state.read_text()) if args.resume and state.exists() else {}
    for scale, r in results.items():
        print(f"resuming {scale}: {len(r.get('pages', {}))} pages done", file=sys.stderr)
    with sync_playwright() as p:
        browser = launch_browser(p)
        for scale, db in dbs.items():
            results.setdefault(scale, {})
            bench_scale(browser, root, db, args, pages, results[scale],
                        lambda: state.write_text(to_json(results)))
        browser.close()
    print(f"root {root}; open: median of {args.runs * max(len(args.filters), 1)}, filter changes: median of "
          f"{args.runs}; first page: median of {args.first_runs} server starts; server args "
          f"{args.server_args or '-'}; {os.cpu_count()} CPUs\n")
    print(report(results, args.filters, pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
