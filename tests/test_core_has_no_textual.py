"""The core must stay plain Python: importing all of it never imports Textual."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import quiz
for info in pkgutil.walk_packages(quiz.__path__, "quiz."):
    if info.name.startswith("quiz.tui") or info.name == "quiz.__main__":
        continue
    importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "textual_image")))
print(",".join(loaded))
"""


def test_importing_the_core_never_imports_textual():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"the core imported: {result.stdout}"
