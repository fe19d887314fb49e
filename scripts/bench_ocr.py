"""Seconds per page of reading a scanned plan by OCR (parse.ocr_tables), on this machine: the scan of
scripts/make_scans.py (A4 landscape, 200 dpi, 14 table rows), read whole (render, straighten, find the ruling
lines, tesseract aze+rus+eng, numbers read again) and, for the whole upload, through the limited parsing
process of plandb/parse_job.py. Target: at most 10 s a page.

Usage: python scripts/bench_ocr.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

TARGET = 10.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from parse import ocr_tables
    from parse.reference import Reference
    from plandb import parse_job
    from scripts.make_scans import make_scans

    with tempfile.TemporaryDirectory() as tmp:
        scans = make_scans(Path(tmp))
        pdf = scans["gdu_2026_scan.pdf"][1]
        data = pdf.read_bytes()
        pages = ocr_tables.Scans(data, pdf.name).count
        read, upload = [], []
        ref = Reference.load()
        for _ in range(args.runs):
            t = time.perf_counter()
            ocr_tables.ocr_tables(data, pdf.name)
            read.append((time.perf_counter() - t) / pages)
            t = time.perf_counter()
            parse_job.parse_upload(pdf, ref, memory=parse_job.Memory())
            upload.append((time.perf_counter() - t) / pages)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"OCR of a scanned plan: {pages} page(s) of {pdf.name}, {args.runs} runs, {os.cpu_count()} CPUs, "
          f"load average {load}\n")
    print("| step | median s/page | slowest s/page | target |\n|---|---|---|---|")
    for name, values in (("read tables (ocr_tables)", read), ("whole upload (parse_job, preview pages)", upload)):
        print(f"| {name} | {statistics.median(values):.2f} | {max(values):.2f} | ≤ {TARGET:g} |")


if __name__ == "__main__":
    main()
