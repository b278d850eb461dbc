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


@pytest.mark.parametrize(
    "argv",
    [
        ["image", "x.jpg", "--cols", "80", "--rows", "40", "--graphics", "halfcell"],
        ["--learner", "image", "image", "pic.png"],  # an option's value named like a command
        ["--graphics", "none", "play", "p", "--mode", "exam", "--count", "3", "--plain"],
        ["validate", "a", "b", "--strict", "--json"],
        ["--data-dir", "d", "stats", "--data-dir", "e", "--pack", "calc"],
        ["serve", "--roster", "r.csv", "--port", "9000", "--graphics", "halfcell"],
        ["analyze", "x.csv", "--mode", "any", "--attempts", "last"],
        ["crop", "s.tif", "-o", "out.jpg"],
    ],
)
def test_a_command_parses_with_its_own_parser_as_with_the_whole(argv):
    """`dermquiz COMMAND ...` builds only that command's parser: the same result as the
    whole command line's."""
    from quiz.cli import _parse, build_parser

    try:
        whole = vars(build_parser().parse_args(argv))
    except SystemExit:
        whole = None
    if whole is None:  # an argv the whole parser refuses: the quick path refuses it too
        with pytest.raises(SystemExit):
            _parse(argv)
        return
    assert vars(_parse(argv)) == whole


@pytest.mark.parametrize(
    "bad",
    [
        ["image", "x.jpg", "--cols", "many"],
        ["play", "--mode", "sleep"],
        ["pack", "dir"],  # -o is required
        ["export", "p", "--to", "pdf", "-o", "x"],
        ["plya"],
    ],
)
def test_a_command_error_reads_as_the_whole_parser_says_it(bad, capsys):
    from quiz.cli import _parse, build_parser

    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(bad)
    expected = capsys.readouterr().err
    with pytest.raises(SystemExit) as quick:
        _parse(bad)
    assert quick.value.code == whole.value.code == 2
    assert capsys.readouterr().err == expected


_GC_PROBE = """
import gc, sys
from quiz import cli

def probe(args):
    print("collects" if gc.isenabled() else "held off")
    return 3

cli._COMMANDS[:] = [(name, probe, help, declare) for name, _, help, declare in cli._COMMANDS]
sys.argv = ["dermquiz", *sys.argv[1:]]
cli.run()
"""


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["image", "x.jpg"], "held off"),
        (["docs", "format"], "held off"),
        (["play", "--plain"], "collects"),
        (["serve"], "collects"),
        (["class", "--once"], "collects"),
        (["validate", "."], "collects"),
    ],
)
def test_the_process_collects_garbage_in_long_runs_only(argv, expected):
    """`dermquiz` holds the cyclic garbage collector off for a brief command (a faster first
    `dermquiz image`) and gives it back to anything that may run long: the app, line mode,
    a served class."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", _GC_PROBE, *argv], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == expected, result.stderr
    assert result.returncode == 3  # the command's own exit code is the process's


def test_main_called_in_process_leaves_the_garbage_collector_on(capsys):
    import gc

    from quiz.cli import main

    assert not main(["docs", "format"])  # 0 or None: success
    assert gc.isenabled()
