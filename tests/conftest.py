"""Fixtures shared by all tests: a private data folder, and a copy of the example pack."""

from __future__ import annotations

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
