"""The benchmark suite runs and writes figures of the documented shape.

Shape only: no test asserts on how long anything took (a busy machine would fail it).
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the suite lives beside the package, not inside it
    sys.path.insert(0, str(REPO))

from benchmarks import harness

KEYS = {"name", "value", "baseline", "ratio", "goal", "met", "unit", "spread", "area"}


def _check_shape(figures: list) -> None:
    assert isinstance(figures, list) and figures
    for fig in figures:
        assert set(fig) >= KEYS, fig
        assert isinstance(fig["name"], str) and fig["name"]
        assert fig["met"] in (True, False, None)
        for key in ("value", "baseline", "ratio"):
            assert fig[key] is None or isinstance(fig[key], (int, float))
        if fig["met"] is not None:
            assert isinstance(fig["goal"], str) and fig["goal"]
            assert fig["value"] is not None
        if fig["value"] is not None and fig["baseline"]:
            assert abs(fig["ratio"] - fig["value"] / fig["baseline"]) < 0.01 * max(1, fig["ratio"])


def test_harness_figures_and_missing_areas(monkeypatch):
    def run(quick: bool) -> list[dict]:
        pair = harness.alternate(
            lambda: harness.Sample(10.0, 9.0), lambda: harness.Sample(20.0, 18.0), 3
        )
        return [
            harness.figure("timed pair", pair, harness.Goal("ratio", "<=", 1.5)),
            harness.figure(
                "absolute",
                goal=harness.Goal("value", "<", 200, "MB"),
                unit="MB",
                values=[120.0, 130.0],
                baselines=[80.0, 81.0],
            ),
            # a module in the older convention: ratio = baseline / value, numeric goal
            {
                "name": "legacy",
                "value": 5.0,
                "baseline": 50.0,
                "ratio": 10.0,
                "goal": 5.0,
                "met": True,
                "unit": "ms",
            },
        ]

    fake = types.ModuleType("benchmarks_fake_area")
    fake.run = run
    monkeypatch.setitem(sys.modules, "benchmarks_fake_area", fake)
    monkeypatch.setattr(
        harness, "AREAS", [("fake", "benchmarks_fake_area"), ("missing", "benchmarks_no_such_area")]
    )
    figures = harness.run_areas()
    _check_shape(figures)
    by_name = {f["name"]: f for f in figures}
    assert by_name["timed pair"]["ratio"] == 0.5 and by_name["timed pair"]["met"] is True
    assert by_name["absolute"]["met"] is True and by_name["absolute"]["goal"] == "< 200 MB"
    assert by_name["legacy"]["ratio"] == 0.1 and by_name["legacy"]["goal"] == "<= 0.2x"
    missing = [f for f in figures if f["area"] == "missing"]
    assert missing and missing[0]["met"] is None and "not available" in missing[0]["name"]
    assert "timed pair" in harness.table(figures)
    assert "| figure |" in harness.markdown(figures, harness.machine(), True, 1.0)


def test_the_pack_area_on_a_tiny_pack(tmp_path):
    out = tmp_path / "figures.json"
    env = harness.child_env(DERMQUIZ_BENCH_WORK=str(tmp_path / "work"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--quick",
            "--only",
            "pack",
            "--cases",
            "20",
            "--runs",
            "1",
            "--json",
            str(out),
        ],
        check=False,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    _check_shape(figures)
    assert {f["area"] for f in figures} == {"pack"}
    assert all(f["value"] is not None for f in figures), figures
    assert "load_pack" in proc.stdout
