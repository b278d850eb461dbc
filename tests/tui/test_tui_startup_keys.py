"""Keys typed while `dermquiz play PACK` starts reach the case, in order, once it shows."""

from __future__ import annotations

from tests.tui.conftest import EXAMPLE
from tests.tui.tui_helpers import make_app, on_screen, settle


async def test_keys_typed_before_the_case_shows_act_on_the_case():
    app = make_app(start_pack=EXAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        # At once, before the pack has loaded: the home screen is what is shown now.
        assert type(app.screen).__name__ != "CaseScreen"
        await pilot.press("n", "n")
        screen = await on_screen(pilot, "CaseScreen")
        await settle(pilot)
        assert screen.shown == 3, "both 'n' keys typed during start-up moved a stage on"
        await pilot.press("n")  # and a key typed afterwards comes after them
        await settle(pilot)
        assert screen.shown == 4


async def test_without_a_pack_to_start_keys_go_to_the_home_screen_at_once():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app._startup_keys is None
        await pilot.press("question_mark")
        await on_screen(pilot, "HelpScreen")
