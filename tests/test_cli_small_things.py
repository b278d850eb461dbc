"""Small things a user meets at the command line (issue 19, item 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def test_options_alone_parse_as_the_whole_command_line_would():
    """`dermquiz OPTIONS` (the home screen) is parsed without every command's parser: the
    result is the whole parser's, and an error is still told the whole parser's way."""
    from quiz.cli import _parse, build_parser

    for argv in (
        [],
        ["--pack", "a", "--pack", "b", "--learner", "play", "--graphics", "halfcell"],
        ["--plain", "--data-dir", "d", "--theme", "nord", "--config", "c.toml"],
    ):
        quick, whole = _parse(argv), build_parser().parse_args(argv)
        assert vars(quick) == vars(whole), argv
    assert _parse(["play", "--mode", "exam"]).command == "play"
    for bad in (["--graphics", "bogus"], ["--pack"], ["--nope"]):
        with pytest.raises(SystemExit) as info:
            _parse(bad)
        assert info.value.code == 2
