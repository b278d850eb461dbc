"""Small things a user meets at the command line (issue 19, item 16)."""

from __future__ import annotations

from pathlib import Path

from support import EXAMPLE, run_cli


def test_preview_of_a_misspelt_case_says_which_was_meant():
    result = run_cli("preview", str(EXAMPLE), "--case", "white-plaque-chek")
    assert result.returncode == 2
    assert "no case `white-plaque-chek`" in result.stderr and "white-plaque-cheek" in result.stderr


def test_a_data_dir_that_is_a_file_is_named_as_such(tmp_path: Path):
    blocker = tmp_path / "progress"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("stats", "--data-dir", str(blocker))
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr and "File exists" not in result.stderr
