"""A name typed right after "/" in one burst (a browser under `dermquiz serve`, ssh, a busy
machine) lands in the answer field, not on the case behind it ("i" there opens the pictures)."""

from __future__ import annotations

from textual import events
from tui_helpers import make_app, on_screen, settle

from quiz.tui.widgets.answer_picker import AnswerInput, AnswerPicker


async def test_slash_and_a_name_in_one_burst_all_reach_the_field(example_as_builtin, two_cases):
    app = make_app(start_pack=two_cases)
    async with app.run_test(size=(100, 30)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await settle(pilot)
        # Queued together, before the app handles the first: as one read of stdin delivers them.
        for char in "/idiopathic":
            app.post_message(events.Key("slash" if char == "/" else char, char))
        await settle(pilot)
        field = case.query_one(AnswerInput)
        assert app.focused is field
        assert field.value == "idiopathic"
        assert case.query_one(AnswerPicker).highlighted == "idiopathic"
        # And "/" typed inside the field is a character, not a jump.
        app.post_message(events.Key("slash", "/"))
        await settle(pilot)
        assert field.value == "idiopathic/"
