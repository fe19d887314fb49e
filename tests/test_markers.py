"""The markers' lists in conftest.py name tests and files that exist (a renamed test would silently fall into the
fast subset)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import BROWSER_FILES, SLOW_FILES, SLOW_TESTS

TESTS = Path(__file__).resolve().parent


def test_every_marked_file_and_test_exists() -> None:
    assert all((TESTS / name).exists() for name in BROWSER_FILES | SLOW_FILES | set(SLOW_TESTS))
    missing = [f"{file}::{name}" for file, names in SLOW_TESTS.items() for name in names
               if f"def {name}(" not in (TESTS / file).read_text(encoding="utf-8")]
    assert missing == []
