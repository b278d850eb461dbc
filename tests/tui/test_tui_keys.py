"""The config file's [keys] table remaps the app's keys by binding id; the theme applies."""

from __future__ import annotations

from tui_helpers import home_loaded, make_app, on_screen, settle

from quiz.settings import Settings


async def test_keys_and_theme_from_the_config_file(example_as_builtin, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        'theme = "textual-light"\n[keys]\nhelp = "f1"\nstats = "t"\nhlep = "f2"\n', encoding="utf-8"
    )
    settings = Settings.resolve(None, {}, config)
    app = make_app(settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert app.theme == "textual-light"
        # The unknown id is told, with its place in the file.
        assert any(
            f"{config}:5" in str(n.message) and "`help`" in str(n.message)
            for n in app._notifications
        )
        await pilot.press("f1")
        await on_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")
        await pilot.press("question_mark")  # remapped away: nothing opens
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("t")
        await on_screen(pilot, "StatsScreen")


def test_every_binding_has_an_id_for_the_keys_table():
    """A binding without an id cannot be remapped from the config file."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import quiz.tui.screens
    import quiz.tui.widgets
    from quiz.tui.app import DermQuizApp

    for package in (quiz.tui.screens, quiz.tui.widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")

    def ours(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("quiz."):
                yield sub
            yield from ours(sub)

    missing = [
        f"{cls.__name__}: {b}"
        for cls in {DermQuizApp, *ours(DOMNode)}
        for b in cls.__dict__.get("BINDINGS", [])
        if not isinstance(b, Binding) or not b.id
    ]
    assert not missing, missing
