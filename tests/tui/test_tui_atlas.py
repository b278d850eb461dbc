"""The atlas: browse the tree, compare two entities finding by finding, open it from feedback."""

from __future__ import annotations

from textual.widgets import Markdown, Tree
from tui_helpers import home_loaded, make_app, on_screen, settle, text_of


def page(screen) -> str:
    return screen.query_one("#atlas-text", Markdown).source


async def test_browse_and_compare_two_entities(example_as_builtin):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await pilot.press("a")
        atlas = await on_screen(pilot, "AtlasScreen")
        assert page(atlas).startswith("# Calcinosis cutis")
        await pilot.press("down")  # the highlight drives the page
        await settle(pilot)
        assert atlas.shown == "metastatic"
        assert "| Serum calcium and phosphate | elevated |" in page(atlas)
        await pilot.press("c")
        await settle(pilot)
        assert "Compare Metastatic calcinosis cutis with" in text_of(atlas.query_one("#atlas-mode"))
        await pilot.press("down", "enter")
        await settle(pilot)
        assert atlas.compared == ("metastatic", "idiopathic")
        text = page(atlas)
        assert text.startswith("# Metastatic calcinosis cutis ⟷ Idiopathic calcinosis cutis")
        # 80 columns: the tree steps aside and the two are a table; narrower: a line per finding.
        assert not atlas.query_one("#atlas-tree").display
        assert "| Serum calcium and phosphate ≠ | elevated | normal |" in text
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        text = page(atlas)
        assert (
            "- **Serum calcium and phosphate** ≠ — Metastatic calcinosis cutis: *elevated* · "
            "Idiopathic calcinosis cutis: *normal*"
        ) in text
        assert "Tells them apart (≠):** Serum calcium and phosphate" in text
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        text = page(atlas)
        assert "| Serum calcium and phosphate ≠ | elevated | normal |" in text
        assert "| Preceding damage or disease of the tissue | absent | absent |" in text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("escape")  # back to one entity
        await settle(pilot)
        assert atlas.compared is None and page(atlas).startswith("# Idiopathic calcinosis cutis")
        assert atlas.query_one("#atlas-tree").display
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")


async def test_feedback_opens_the_right_entity_and_the_contrast(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("2", "slash", *"meta", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("a")
        atlas = await on_screen(pilot, "AtlasScreen")
        assert atlas.shown == "idiopathic"
        assert atlas.query_one(Tree).cursor_node.data == "idiopathic"
        await pilot.press("escape")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("c")
        atlas = await on_screen(pilot, "AtlasScreen")
        assert atlas.compared == ("metastatic", "idiopathic")
        await pilot.press("escape", "escape")
        await on_screen(pilot, "FeedbackScreen")
