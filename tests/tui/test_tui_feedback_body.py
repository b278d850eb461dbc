"""The feedback's teaching text: one widget, laid out once, pack text never read as markup;
and one feedback screen serving every answer of a session."""

from __future__ import annotations

from textual.app import App, ComposeResult
from tui_helpers import make_app, on_screen, settle, text_of

from quiz.tui.widgets.feedback_body import FeedbackBody

SOURCE = """\
> You were sure, and it was wrong.

**Osteoma cutis** — true bone; [red]not markup[/red] and [b]no bold[/b].

| Finding | This case | Your choice expects | The answer expects |
|---|---|---|---|
| Nature of the deposit | bone ✗ | calcium salts | bone |

### Teaching points

- Bone vs calcium on H&E.
"""


class BodyApp(App):
    def compose(self) -> ComposeResult:
        yield FeedbackBody(SOURCE)


def _text(body: FeedbackBody) -> str:
    return "\n".join(strip.text for strip in body._laid_out(body.size.width))


async def test_the_body_shows_pack_text_as_text_with_its_table():
    app = BodyApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.query_one(FeedbackBody)
        assert body.painted
        text = _text(body)
        assert "[red]not markup[/red]" in text and "[b]no bold[/b]" in text
        assert "Osteoma cutis — true bone" in text
        assert "│ Nature of the deposit" in text and "bone ✗" in text
        assert "Teaching points" in text and "• Bone vs calcium" in text
        assert body.size.height == len(body._laid_out(body.size.width))
        body.update("Another **answer**.")
        await pilot.pause()
        assert _text(body).strip() == "Another answer." and body.size.height == 1


async def test_one_feedback_screen_serves_the_whole_session(example_as_builtin, two_cases):
    app = make_app(start_pack=two_cases)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for _ in range(2):
            case = await on_screen(pilot, "CaseScreen")
            title = case.flow.case.title
            await pilot.press("2", "slash", *"meta", "enter")
            feedback = await on_screen(pilot, "FeedbackScreen")
            await settle(pilot)
            seen.append(feedback)
            assert f"Case: {title}" in text_of(feedback.query_one("#feedback-note"))
            assert feedback.query_one("#feedback-text").painted
            assert feedback.sub_title.startswith(f"case {case.flow.index + 1} of 2")
            await pilot.press("n")
        assert seen[0] is seen[1]
        await on_screen(pilot, "SummaryScreen")
