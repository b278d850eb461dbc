"""The graphics protocol chosen for a terminal, from the environment only."""

from __future__ import annotations

import pytest

from quiz.imaging import ImageError, choose_protocol, parse_mode


@pytest.mark.parametrize(
    "env, expect",
    [
        ({"TERM": "xterm-ghostty"}, "kitty"),
        ({"TERM": "foot"}, "sixel"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "sixel"),
        ({"TERM": "xterm-256color", "KONSOLE_VERSION": "230804"}, "sixel"),
        ({"TERM": "xterm-256color"}, "halfcell"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "vscode"}, "halfcell"),
        ({"TERM": "dumb"}, "halfcell"),
    ],
)
def test_auto_in_a_terminal(env, expect):
    assert choose_protocol(None, env=env, isatty=True) == expect


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"},
        {"TERM": "screen-256color", "KITTY_WINDOW_ID": "1"},
        {"TERM": "xterm-kitty", "STY": "123.pts-0"},
        {"TERM": "foot", "TEXTUAL_DRIVER": "textual_serve.driver:WebDriver"},
    ],
)
def test_multiplexers_and_browsers_get_half_cells_even_inside_kitty(env):
    assert choose_protocol(None, env=env, isatty=True) == "halfcell"


def test_no_tty_means_half_cells():
    assert choose_protocol(None, env={"TERM": "xterm-kitty"}, isatty=False) == "halfcell"


def test_the_environment_variable_overrides_detection():
    env = {"TERM": "xterm-kitty", "DERMQUIZ_GRAPHICS": "none"}
    assert choose_protocol(None, env=env, isatty=True) == "none"
    env = {"TERM": "xterm", "TMUX": "x", "DERMQUIZ_GRAPHICS": "Sixel"}
    assert choose_protocol(None, env=env, isatty=False) == "sixel"


def test_the_option_overrides_the_environment_variable():
    env = {"DERMQUIZ_GRAPHICS": "none"}
    assert choose_protocol("kitty", env=env, isatty=False) == "kitty"
    assert (
        choose_protocol("auto", env={"DERMQUIZ_GRAPHICS": "halfcell", "TERM": "foot"}, isatty=True)
        == "halfcell"
    )


def test_a_bad_environment_value_is_ignored_but_a_bad_option_is_an_error():
    assert (
        choose_protocol(None, env={"DERMQUIZ_GRAPHICS": "retina", "TERM": "foot"}, isatty=True)
        == "sixel"
    )
    with pytest.raises(ImageError, match="auto, kitty, sixel, halfcell, none"):
        parse_mode("retina")


def test_the_real_environment_under_pytest_is_not_a_tty(monkeypatch):
    monkeypatch.delenv("DERMQUIZ_GRAPHICS", raising=False)
    monkeypatch.setenv("KITTY_WINDOW_ID", "3")
    assert choose_protocol() in ("halfcell", "kitty")  # kitty only if pytest runs on a tty


def _kitty_install(tmp_path, version: str):
    (tmp_path / "kitty").mkdir(exist_ok=True)
    (tmp_path / "kitty" / "constants.py").write_text(
        f"appname = 'kitty'\nversion: Version = Version({version})\n", encoding="utf-8"
    )
    return str(tmp_path)


@pytest.mark.parametrize(
    "version, expect", [("0, 35, 2", "kitty"), ("0, 28, 0", "kitty"), ("0, 26, 5", "halfcell")]
)
def test_kitty_that_did_not_answer_goes_by_its_installed_version(tmp_path, version, expect):
    env = {
        "TERM": "xterm-kitty",
        "KITTY_WINDOW_ID": "1",
        "KITTY_INSTALLATION_DIR": _kitty_install(tmp_path, version),
    }
    assert choose_protocol(None, env=env, isatty=True) == expect


@pytest.mark.parametrize("install", [None, "missing", "garbled"])
def test_kitty_of_unknown_version_gets_blocks_not_boxes(tmp_path, install):
    env = {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}
    if install == "missing":
        env["KITTY_INSTALLATION_DIR"] = str(tmp_path / "nowhere")
    elif install == "garbled":
        (tmp_path / "kitty").mkdir()
        (tmp_path / "kitty" / "constants.py").write_bytes(b"\xff\xfe version = 3")
        env["KITTY_INSTALLATION_DIR"] = str(tmp_path)
    assert choose_protocol(None, env=env, isatty=True) == "halfcell"
