"""Shared test helpers: paths of the test packs, and running the CLI as a user would.

Import from here (`from support import ...`), not from conftest: there is more than one
conftest.py under tests/, and a module name must not depend on which was imported first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXAMPLE = TESTS / "packs" / "example"
BROKEN = TESTS / "packs" / "broken"


def run_cli(
    *args: str,
    input: str = "",
    env: dict | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess:
    """`python -m quiz ARGS` in a subprocess, as a user would run it."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )
