"""The markers' lists in conftest.py name tests and files that exist (a renamed test would silently fall into the
fast subset)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BROWSER_FILES, SLOW_FILES, SLOW_TESTS

TESTS = Path(__file__).resolve().parent


def test_every_marked_file_and_test_exists() -> None:
    assert all((TESTS / name).exists() for name in BROWSER_FILES | SLOW_FILES | set(SLOW_TESTS))
    missing = [f"{file}::{name}" for file, names in SLOW_TESTS.items() for name in names
               if f"def {name}(" not in (TESTS / file).read_text(encoding="utf-8")]
    assert missing == []


@pytest.fixture(scope="module")
def _module_fixture() -> str:
    return "set up once per worker"


def test_a_test_with_a_module_fixture_runs_in_its_files_worker_group(request, _module_fixture) -> None:
    """Spread over workers (--dist loadgroup), the test's id carries its group, which is what xdist schedules
    by; pytest 9.2 stopped reading the id xdist 3.8 sets, so conftest sets it (run alone: no group)."""
    grouped = getattr(request.config.option, "loadgroup", False) and hasattr(request.config, "workerinput")
    assert request.node.get_closest_marker("xdist_group").args == ("test_markers",)
    assert request.node.nodeid.endswith("@test_markers") == bool(grouped)
