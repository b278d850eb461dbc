"""`dermquiz play` without --plain starts a session in the app, on the built-in pack by default."""

from __future__ import annotations

import quiz.tui.app as tui_app
from quiz.cli import main
from quiz.pack.registry import builtin_pack_dir


def _started_with(monkeypatch, *argv: str) -> dict:
    seen: dict = {}

    def fake_run_app(args, extra_packs=None, start_pack=None, settings=None):
        seen.update(
            start_pack=start_pack,
            mode=getattr(args, "mode", None),
            count=getattr(args, "count", None),
        )
        return 0

    monkeypatch.setattr(tui_app, "run_app", fake_run_app)
    monkeypatch.setattr("quiz.cli._has_terminal", lambda: True)  # as in a terminal
    assert main(list(argv)) == 0
    return seen


def test_play_without_a_pack_starts_a_session_on_the_builtin_pack(monkeypatch):
    seen = _started_with(monkeypatch, "play", "--mode", "exam", "--count", "3")
    assert seen["start_pack"] is not None
    assert seen["start_pack"].resolve() == builtin_pack_dir().resolve()
    assert (seen["mode"], seen["count"]) == ("exam", 3)


def test_dermquiz_alone_opens_the_home_screen(monkeypatch):
    assert _started_with(monkeypatch)["start_pack"] is None


def test_the_global_pack_option_is_what_play_starts(monkeypatch, example_pack):
    seen = _started_with(monkeypatch, "--pack", str(example_pack), "play")
    assert seen["start_pack"].resolve() == example_pack.resolve()


def test_a_served_app_is_not_sent_to_line_mode(monkeypatch):
    """Under `dermquiz serve` standard input and output are pipes to the server, but the
    browser's Textual driver draws the app: the no-terminal fallback must not start."""
    import io

    from quiz import cli

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert cli._has_terminal() is False
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert cli._has_terminal() is True
