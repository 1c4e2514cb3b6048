"""bench/display.py's measuring part on a few seconds, so that it does not rot."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from browsertools import need_chromium

BENCH = Path(__file__).resolve().parents[2] / "bench"

pytestmark = pytest.mark.slow


def load_bench() -> object:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_display", BENCH / "display.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_display"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_the_latency_is_measured_in_a_real_browser(tmp_path: Path) -> None:
    need_chromium()
    bench = load_bench()
    seen = bench.latency(30.0, 2.0, tmp_path)  # type: ignore[attr-defined]
    assert seen["matched"] >= 3
    assert seen["not_shown"] <= 1  # each change the server sent was seen on the page
    assert 0 < seen["latency_ms"]["median"] < 1000
