"""Fixtures for the app's Pilot tests: half-cell graphics, a private data folder (the root
conftest), the example pack as the built-in one, and a second, longer pack to play through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
EXAMPLE = TESTS / "packs" / "example"

SECOND_CASE = """\
id: dialysis-fingertips
title: Metastatic calcinosis in a patient on dialysis
difficulty: 2
stages:
  - name: Presentation
    text: A 60-year-old woman on haemodialysis has hard white papules on her fingertips.
  - name: Laboratory
    text: Serum phosphate is raised; calcium is high normal.
findings:
  calcium_phosphate: elevated
  tissue_damage: absent
  site: fingers
answer: metastatic
discussion: |
  Kidney failure raises phosphate, and the product of calcium and phosphate passes the
  point where salts come out of solution in normal skin.
references:
  - Test reference.
"""


@pytest.fixture(autouse=True)
def _tui_env(monkeypatch):
    monkeypatch.setenv("DERMQUIZ_GRAPHICS", "halfcell")
    # Relative paths in what the screens show, so snapshots match in any clone.
    monkeypatch.chdir(REPO)


@pytest.fixture
def example_as_builtin(monkeypatch) -> Path:
    """The home screen's built-in pack is the small example (the real one is slower to load)."""
    relative = EXAMPLE.relative_to(REPO)
    monkeypatch.setattr("quiz.pack.registry.builtin_pack_dir", lambda: relative)
    return relative


@pytest.fixture
def two_cases(tmp_path) -> Path:
    """The example pack plus a metastatic case, in a writable folder."""
    target = tmp_path / "two-cases"
    shutil.copytree(EXAMPLE, target)
    (target / "cases" / "dialysis-fingertips.yaml").write_text(SECOND_CASE, encoding="utf-8")
    return target
