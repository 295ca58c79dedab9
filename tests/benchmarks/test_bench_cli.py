"""The benchmark runner runs and writes the JSON the lead reads; no timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from benchmarks.harness import Budget, Metric, Result, Skip, run_metric, write_json
from tests.factories.paths import ROOT

CHEAP = ("render_ms", "render_ms.in_process")


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "benchmarks", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_quick_run_writes_json_with_expected_keys(tmp_path):
    out = tmp_path / "results.json"
    proc = _run("--json", str(out), "--quick", "--only", ",".join(CHEAP))
    assert proc.returncode == 0, proc.stderr + proc.stdout
    data = json.loads(out.read_text())
    assert set(data["metrics"]) == set(CHEAP)
    assert data["run"]["quick"] is True
    for name in CHEAP:
        m = data["metrics"][name]
        assert m["status"] in ("ok", "skipped"), m
        assert name in proc.stdout
        if m["status"] == "ok":
            assert m["median"] > 0 and m["baseline"] > 0
            assert m["ratio"] == pytest.approx(m["median"] / m["baseline"], rel=0.01)
            assert m["unit"] == "ms" and m["samples"]
        else:
            assert m["median"] is None and m["note"]


def test_unknown_metric_is_refused_by_name():
    proc = _run("--only", "no_such_metric")
    assert proc.returncode == 2
    assert "no_such_metric" in proc.stderr


def test_list_names_every_budgeted_metric():
    proc = _run("--list")
    assert proc.returncode == 0
    for name in ("startup_ms", "open_ms", "render_ms", "index_s", "suggest_ms", "link_ms",
                 "export_s", "reanchor_s", "peak_rss_mb"):
        assert name in proc.stdout.split()


def test_budget_verdicts_and_ratio():
    r = Result("x_ms", "ms", [10, 30, 20], [10, 10, 12], budget=Budget(limit=25, ratio=1.5))
    assert r.median == 20 and r.baseline == 10 and r.ratio == 2.0
    assert r.verdict() == "MISS"  # under the limit, but twice the baseline
    r.budget = Budget(limit=25)
    assert r.verdict() == "PASS"
    r.budget = Budget(limit=15)
    assert r.verdict() == "MISS"
    assert Result("y", "s").verdict() == ""


def test_skips_and_errors_are_reported_and_do_not_stop_the_run(tmp_path):
    def absent(ctx):
        raise Skip("no corpus here")

    def broken(ctx):
        raise ValueError("boom")

    ctx = None
    s = run_metric(Metric("s_ms", "ms", absent, Budget(limit=1)), ctx)
    b = run_metric(Metric("b_ms", "ms", broken), ctx)
    assert s.status == "skipped" and "no corpus here" in s.note and s.verdict() == ""
    assert b.status == "error" and "boom" in b.note
    out = tmp_path / "r.json"
    write_json(out, [s, b], {"quick": True})
    data = json.loads(out.read_text())
    assert data["metrics"]["s_ms"]["status"] == "skipped"
    assert data["metrics"]["s_ms"]["median"] is None
    assert data["metrics"]["b_ms"]["status"] == "error"
