"""One settings object: flags, then DERMQUIZ_* variables, then the config file, then defaults;
a config file with a mistake is located; `dermquiz config` says what is in force and why."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.settings import Settings, SettingsError, current
from quiz.vocabulary import Mode


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_flags_beat_the_environment_which_beats_the_file_which_beats_the_defaults(tmp_path):
    path = _config(
        tmp_path, 'learner = "from-file"\nnew_per_day = 4\nmode = "review"\ngraphics = "none"\n'
    )
    env = {"DERMQUIZ_LEARNER": "from-env", "DERMQUIZ_NEW_PER_DAY": "6"}
    flags = argparse.Namespace(learner="from-flag", new_per_day=None, mode=None)
    s = Settings.resolve(flags, env, path)
    assert (s.learner, s.sources["learner"]) == ("from-flag", "--learner")
    assert (s.new_per_day, s.sources["new_per_day"]) == (6, "DERMQUIZ_NEW_PER_DAY")
    assert (s.mode, s.sources["mode"]) == (Mode.REVIEW, "config file, line 3")
    assert (s.graphics, s.sources["graphics"]) == ("none", "config file, line 4")
    assert (s.theme, s.sources["theme"]) == ("textual-dark", "default")
    assert s.config_found


def test_a_relative_folder_in_the_file_is_relative_to_the_file(tmp_path):
    s = Settings.resolve(None, {}, _config(tmp_path, 'data_dir = "progress"\n'))
    assert s.data_dir == tmp_path / "progress"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            'learner = "ada"\nnew-per-day = 5\n',
            ":2",
            ["unknown setting `new-per-day`", "did you mean `new_per_day`?"],
        ),
        ('learner = "ada"\n\ngraphics = halfcell\n', ":3:12", ["not valid TOML", "in quotes"]),
        ('new_per_day = "many"\n', ":1", ["new_per_day", "whole number"]),
        ('mode = "exma"\n', ":1", ["mode", "learn, exam, review, mistakes"]),
        ("[keys]\nhelp = 1\n", ":2", ["keys.help", "as text"]),
        ('learner = "a\\u001bb"\n', ":1", ["control characters"]),
    ],
)
def test_a_mistake_in_the_file_is_located(tmp_path, text, where, words):
    path = _config(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        Settings.resolve(None, {}, path)
    message = str(caught.value)
    assert message.startswith(f"{path}{where}: ")
    for word in words:
        assert word in message


def test_a_file_that_is_not_utf8_is_located(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'learner = "ada"\ntheme = "\xff"\n')
    with pytest.raises(SettingsError, match=r"config.toml:2: .*UTF-8"):
        Settings.resolve(None, {}, path)


def test_a_bad_value_in_the_environment_names_the_variable(tmp_path):
    with pytest.raises(SettingsError, match="DERMQUIZ_GRAPHICS: graphics: 'sixtel' is not"):
        Settings.resolve(None, {"DERMQUIZ_GRAPHICS": "sixtel"}, tmp_path / "none.toml")


def test_the_command_line_reports_a_bad_file_in_one_line_and_stops(tmp_path, monkeypatch, capsys):
    path = _config(tmp_path, "learner = ada\n")
    monkeypatch.setenv("DERMQUIZ_CONFIG", str(path))
    assert main(["play", "--plain"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dermquiz: {path}:1:11: not valid TOML")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_dermquiz_config_shows_each_value_and_where_it_comes_from(tmp_path, monkeypatch, capsys):
    path = _config(tmp_path, 'new_per_day = 3\n\n[keys]\nnext-stage = "right"\nhlep = "f1"\n')
    monkeypatch.setenv("DERMQUIZ_CONFIG", str(path))
    monkeypatch.setenv("DERMQUIZ_LEARNER", "from-env")
    assert main(["--graphics", "none", "config"]) == 0
    out = capsys.readouterr().out
    assert f"Config file: {path}\n" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert rows["new_per_day"].split()[1] == "3" and "(config file, line 1)" in rows["new_per_day"]
    assert rows["graphics"].split()[1] == "none" and "(--graphics)" in rows["graphics"]
    assert "from-env" in rows["learner"] and "(DERMQUIZ_LEARNER)" in rows["learner"]
    assert "(default)" in rows["mode"]
    assert "(config file, line 4)" in rows["keys.next-stage"]
    assert f"{path}:5: no key binding has the id `hlep` (did you mean `help`?)" in out


def test_without_a_file_config_says_where_it_would_be_and_how_to_start_one(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("DERMQUIZ_CONFIG", str(tmp_path / "nothing-here.toml"))
    assert main(["config"]) == 0
    assert "nothing-here.toml (not there" in capsys.readouterr().out
    assert main(["config", "--example"]) == 0
    example = capsys.readouterr().out
    # The example is a valid config file once its lines are uncommented.
    body = [
        line[2:]
        for line in example.splitlines()
        if line.startswith("# ") and (" = " in line or line == "# [keys]")
    ]
    assert len(body) == 10  # seven settings, [keys] and its two examples
    s = Settings.resolve(None, {}, _config(tmp_path, "\n".join(body)))
    assert s.learner == "ada" and s.keys["help"] == "f1"


def test_the_settings_are_passed_down_not_put_in_the_environment(
    tmp_path, example_pack, monkeypatch
):
    """`--data-dir` reaches the progress store while os.environ stays as it was."""
    seen = {}
    import quiz.session

    real = quiz.session.Session

    def spy(pack, mode, ids, store, **kw):
        seen.update(folder=store.path.parent if store else None, mode=mode, **kw)
        return real(pack, mode, ids, store, **kw)

    monkeypatch.setattr(quiz.session, "Session", spy)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("idiopathic\n3\n"))
    config = _config(tmp_path, 'learner = "ada"\nmode = "learn"\n')
    monkeypatch.setenv("DERMQUIZ_CONFIG", str(config))
    before = dict(os.environ)
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "d"),
                "play",
                str(example_pack),
                "--plain",
                "--cases",
                "white-plaque-cheek",
            ]
        )
        == 0
    )
    assert seen["folder"] == tmp_path / "d" and seen["learner"] == "ada"
    assert dict(os.environ) == before
    assert current().data_dir != tmp_path / "d"  # installed only while the command ran


@pytest.mark.parametrize("how", ["flag", "env"])
@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_folder_or_pipe_named_as_the_config_file_is_told_the_way_it_was_named(
    tmp_path, monkeypatch, capsys, how, kind
):
    """`--config DIR` (or DERMQUIZ_CONFIG=DIR) said "Is a directory — fix its permissions";
    a named pipe would have hung the start. Now: what it is, and how to name a file, in the
    words the learner used."""
    odd = tmp_path / "config"
    if kind == "folder":
        odd.mkdir()
    else:
        os.mkfifo(odd)
    monkeypatch.delenv("DERMQUIZ_CONFIG", raising=False)
    if how == "flag":
        argv = ["--config", str(odd), "config"]
    else:
        monkeypatch.setenv("DERMQUIZ_CONFIG", str(odd))
        argv = ["config"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    what = "a folder" if kind == "folder" else "a named pipe"
    named = "--config FILE" if how == "flag" else "DERMQUIZ_CONFIG"
    assert f"{odd}: is {what}, not a config file — name a TOML file with {named} " in err
    assert "permissions" not in err
