"""Fixtures shared by all tests: a private data folder, and a copy of the example pack."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import EXAMPLE


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's progress, packs, cache or config file."""
    base = tmp_path_factory.mktemp("dermquiz-home")
    monkeypatch.setenv(
        "DERMQUIZ_CONFIG", str(base / "config.toml")
    )  # none, unless a test writes it
    for name in ("DERMQUIZ_MODE", "DERMQUIZ_THEME", "DERMQUIZ_NEW_PER_DAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DERMQUIZ_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(base / "cache"))


@pytest.fixture
def example_pack(tmp_path) -> Path:
    """A writable copy of the PRODUCT.md example pack."""
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target)
    return target


# -- no silent skips on CI ------------------------------------------------------------------
# A test that skips tests nothing. Locally a missing program (xterm, chromium, kitty) may skip,
# named in the summary (-ra); with DERMQUIZ_NO_SKIPS=1 (set by .ci/run) every skip fails.
NO_SKIPS = "DERMQUIZ_NO_SKIPS"


def _as_failure(report) -> None:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
    report.outcome = "failed"
    report.longrepr = f"skipped, and {NO_SKIPS} is set: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get(NO_SKIPS):
        _as_failure(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    report = (yield).get_result()  # a module-level importorskip skips the whole file
    if report.skipped and os.environ.get(NO_SKIPS):
        _as_failure(report)
