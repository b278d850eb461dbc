"""Shared test helpers: the example pack from PRODUCT.md and a private data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXAMPLE = TESTS / "packs" / "example"
BROKEN = TESTS / "packs" / "broken"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's progress, packs or cache."""
    base = tmp_path_factory.mktemp("dermquiz-home")
    monkeypatch.setenv("DERMQUIZ_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(base / "cache"))


@pytest.fixture
def example_pack(tmp_path) -> Path:
    """A writable copy of the PRODUCT.md example pack."""
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target)
    return target


def run_cli(*args: str, input: str = "", env: dict | None = None, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m quiz ARGS` in a subprocess, as a user would run it."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.run([sys.executable, "-m", "quiz", *args], input=input, capture_output=True,
                          text=True, env=full_env, cwd=cwd, timeout=timeout)
