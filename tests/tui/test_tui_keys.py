"""The config file's [keys] table remaps the app's keys by binding id; the theme applies."""

from __future__ import annotations

from quiz.settings import Settings

from tui_helpers import home_loaded, make_app, on_screen, settle


async def test_keys_and_theme_from_the_config_file(example_as_builtin, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('theme = "textual-light"\n[keys]\nhelp = "f1"\nstats = "t"\nhlep = "f2"\n',
                      encoding="utf-8")
    settings = Settings.resolve(None, {}, config)
    app = make_app(settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert app.theme == "textual-light"
        # The unknown id is told, with its place in the file.
        assert any(f"{config}:5" in str(n.message) and "`help`" in str(n.message)
                   for n in app._notifications)
        await pilot.press("f1")
        await on_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")
        await pilot.press("question_mark")  # remapped away: nothing opens
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("t")
        await on_screen(pilot, "StatsScreen")
