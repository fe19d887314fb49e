"""Fuzz: mutated seed documents and workbooks import cleanly or fail with a clear LoadError, never
with an unhandled exception, and a failed import never changes the database."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from parse.errors import LoadError
from plandb import importer
from plandb.build import RAW_DIR

SEEDS = sorted(RAW_DIR.glob("*.txt"))
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, _site_template):
    root = tmp_path_factory.mktemp("fuzz")
    mp = pytest.MonkeyPatch()
    mp.setenv("STRATEGY_DB", str(root / "s.duckdb"))
    mp.setenv("STRATEGY_IMPORTS", str(root / "imported"))
    mp.setenv("STRATEGY_USER_DB", str(root / "user.duckdb"))
    shutil.copyfile(_site_template, root / "s.duckdb")  # the seed database, built once per run
    from reports.template import build_template

    (root / "template.xlsx").write_bytes(build_template())
    yield root
    mp.undo()


def check(path: Path, site: Path, apply: bool = False) -> None:
    before = (site / "s.duckdb").read_bytes()
    try:
        if apply:
            importer.apply(path, "fuzz")
        else:
            importer.preview(path)
    except LoadError as exc:
        text = str(exc)
        assert path.name in text and "expected" in text
        assert (site / "s.duckdb").read_bytes() == before
    finally:
        if apply:
            while importer.undo_last("fuzz"):
                pass


text_mutation = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("replace"), st.floats(0, 1), st.text(min_size=1, max_size=200)),
    st.tuples(st.just("huge"), st.floats(0, 1), st.integers(10_000, 200_000)),
    st.tuples(st.just("drop_lines"), st.floats(0, 1), st.integers(1, 40)),
)


def mutate_text(data: bytes, m) -> bytes:
    kind, at = m[0], int(m[1] * len(data))
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + m[2] + data[at:]
    if kind == "replace":
        return data[:at] + m[2].encode("utf-8") + data[at + len(m[2]) :]
    if kind == "huge":
        return data[:at] + b"x" * m[2] + data[at:]
    lines = data.split(b"\n")
    start = int(m[1] * len(lines))
    return b"\n".join(lines[:start] + lines[start + m[2] :])


@FUZZ
@given(seed=st.sampled_from(SEEDS), mutation=text_mutation)
def test_mutated_documents(site, seed, mutation):
    path = site / f"mutated_{seed.name}"
    path.write_bytes(mutate_text(seed.read_bytes(), mutation))
    check(path, site)


cell_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=50),
    st.just("x" * 6000),
    st.dates(),
)
sheet_names = st.sampled_from(["plans", "goals", "targets", "actions", "status"])
workbook_mutation = st.one_of(
    st.tuples(st.just("delete_column"), sheet_names, st.integers(1, 12)),
    st.tuples(st.just("swap_header"), sheet_names, st.integers(1, 12), st.integers(1, 12)),
    st.tuples(st.just("cell"), sheet_names, st.integers(1, 40), st.integers(1, 12), cell_value),
    st.tuples(st.just("drop_sheet"), sheet_names),
    st.tuples(st.just("bytes"), st.floats(0, 1), st.binary(min_size=1, max_size=32)),
)


@FUZZ
@given(mutations=st.lists(workbook_mutation, min_size=1, max_size=4))
def test_mutated_workbooks(site, mutations):
    data = (site / "template.xlsx").read_bytes()
    wb = load_workbook(io.BytesIO(data))
    raw_edit = None
    for m in mutations:
        if m[0] == "bytes":
            raw_edit = m
            continue
        if m[1] not in wb.sheetnames:
            continue
        ws = wb[m[1]]
        if m[0] == "delete_column":
            ws.delete_cols(m[2])
        elif m[0] == "swap_header":
            a, b = ws.cell(1, m[2]), ws.cell(1, m[3])
            a.value, b.value = b.value, a.value
        elif m[0] == "cell":
            ws.cell(m[2], m[3]).value = m[4]
        elif m[0] == "drop_sheet":
            del wb[m[1]]
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    if raw_edit:
        at = int(raw_edit[1] * len(data))
        data = data[:at] + raw_edit[2] + data[at + len(raw_edit[2]) :]
    path = site / "mutated.xlsx"
    path.write_bytes(data)
    check(path, site)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS), mutation=text_mutation)
def test_mutated_documents_applied(site, seed, mutation):
    """Applying (not only previewing): an error leaves the database byte-for-byte as it was."""
    path = site / f"applied_{seed.name}"
    path.write_bytes(mutate_text(seed.read_bytes(), mutation))
    check(path, site, apply=True)


def test_a_word_of_200000_letters_reads_as_the_document_without_it(ref, vocab):
    """A row's cell holding one endless word (what the fuzzer's 'huge' insert makes): read in well under a
    second, not the two minutes a backtracking pattern took on it (parse/ndu_plan.SPLIT_LETTER_RE)."""
    from parse import ndu_plan

    text = (RAW_DIR / "ndu_international_relations_plan_2025.txt").read_text(encoding="utf-8")
    at = text.index("\t", len(text) // 2) + 1  # inside a cell of a row in the middle
    plain = ndu_plan.parse(text, "ndu.txt", ref, vocab)
    long = ndu_plan.parse(text[:at] + "x" * 200_000 + text[at:], "ndu.txt", ref, vocab)
    assert len(long.actions) == len(plain.actions) == 14
    assert sum(a.title != b.title for a, b in zip(long.actions, plain.actions, strict=True)) <= 1  # its own row
