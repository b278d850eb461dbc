"""What a learner meets (issue 19): small terminals, feedback that leads with why, key labels
that say what happens, the help that lists DermQuiz's keys, the exam's unanswered cases."""

from __future__ import annotations

from blistering import write_blistering_pack
from textual.widgets import DataTable
from tui_helpers import home_loaded, make_app, on_screen, settle, text_of

from quiz.tui.screens.help import keys_markdown
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.feedback_body import FeedbackBody


def _footer(screen) -> dict[str, str]:
    """Key → label, as the footer shows them."""
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_narrow_terminal_stacks_the_case_and_the_answer(tmp_path):
    pack = write_blistering_pack(tmp_path / "b")
    app = make_app(start_pack=pack, cases=["tense-blisters"])
    async with app.run_test(size=(40, 12)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        left, right = case.query_one("#case-left"), case.query_one("#case-right")
        assert case.has_class("-stacked")
        # The case's text has the whole width, not two columns.
        assert left.region.width == 40 and not right.display
        stages = case.query_one("#stages")
        assert stages.size.height >= 6
        await pilot.press("slash")
        await settle(pilot)
        assert right.display and not left.display and right.region.width == 40
        tree = case.query_one("#answer-tree")
        assert tree.size.height >= 2
        await pilot.press("escape")
        await settle(pilot)
        assert left.display and not right.display


async def test_too_small_a_terminal_says_how_large_it_must_be(tmp_path):
    pack = write_blistering_pack(tmp_path / "b")
    app = make_app(start_pack=pack, cases=["tense-blisters"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.resize_terminal(30, 10)
        small = await on_screen(pilot, "TooSmallScreen")
        assert "Enlarge the terminal to at least 40×12" in text_of(small.query_one("#too-small"))
        await pilot.resize_terminal(80, 24)
        assert await on_screen(pilot, "CaseScreen") is case  # nothing lost meanwhile


async def test_at_80_columns_the_whole_tree_shows_with_whole_names():
    from quiz.pack.registry import builtin_pack_dir

    app = make_app(start_pack=builtin_pack_dir(), cases=["burn-scar-forearm"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await settle(pilot)
        picker = case.query_one("#picker")
        tax = picker.taxonomy
        walked = list(tax.walk(only=set(picker.choices)))
        widest = max(2 * depth + len(tax.label(eid)) for eid, depth in walked)
        tree = case.query_one("#answer-tree")
        assert tree.scrollable_content_region.width >= widest  # no name cut
        assert tree.scrollable_content_region.height >= len(walked)  # no entity below the fold
        assert case.query_one("#stages").size.width >= 32
        assert case.query_one("#stages").size.height >= 8  # the text has the room


async def test_feedback_leads_with_why_and_keeps_the_full_table_behind_a_key(tmp_path):
    pack = write_blistering_pack(tmp_path / "b")
    app = make_app(start_pack=pack, cases=["tense-blisters", "elbow-vesicles"])
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("n", "n")  # every stage seen: the plain contrast, not the staged one
        await settle(pilot)
        await pilot.press("3", "slash", *"derm", "enter")  # wrong: dermatitis herpetiformis
        feedback = await on_screen(pilot, "FeedbackScreen")
        body = feedback.query_one(FeedbackBody)
        text = body.source
        assert text.index("Against your choice") < text.index("| Finding")
        table = text[text.index("| Finding") :].split("\n\n")[0]
        # Split level and the findings both leave blank are no help telling the two apart.
        assert "Level of the split" not in table and "Direct immunofluorescence" in table
        assert "(f shows every finding)" in text
        await pilot.press("f")
        await settle(pilot)
        assert "Level of the split" in body.source
        labels = _footer(feedback)
        assert labels["n"] == "Next case" and labels["escape"] == "End session"


async def test_help_lists_dermquiz_keys_not_textual_internals(tmp_path):
    pack = write_blistering_pack(tmp_path / "b")
    app = make_app(start_pack=pack, cases=["tense-blisters"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        keys = keys_markdown(case)
        assert "Next stage" in keys and "End session" in keys
        for internal in ("Focus Next", "Focus Previous", "Copy selected text"):
            assert internal not in keys


async def test_exam_summary_lists_the_unanswered_and_counts_agree(tmp_path):
    pack = write_blistering_pack(tmp_path / "b")
    app = make_app(
        start_pack=pack,
        mode="exam",
        cases=["tense-blisters", "elbow-vesicles", "flaccid-erosions"],
        time_limit=2,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        started = case.flow.clock()
        case.flow.clock = lambda: started + 70  # 50 s left
        case.query_one(Countdown)._tick()
        await settle(pilot)
        assert any("One minute left" in n.message for n in app._notifications)
        await pilot.press("2", "slash", *"bullous", "enter")
        case = await on_screen(pilot, "CaseScreen")
        case.flow.clock = lambda: started + 121
        case.query_one(Countdown)._tick()
        summary = await on_screen(pilot, "SummaryScreen")
        score = text_of(summary.query_one("#score"))
        assert "– unanswered 2 (marked as wrong)" in score and "Score: 1 of 3" in score
        table = summary.query_one("#answers", DataTable)
        assert table.row_count == 3
        rows = [" ".join(" ".join(str(c) for c in table.get_row_at(i)).split()) for i in range(3)]
        assert rows[1].startswith("– unanswered") and "Dermatitis herpetiformis" in rows[1]
        assert "Pemphigus vulgaris" in rows[2]
        assert _footer(summary)["escape"] == "Home screen"


async def test_summary_home_key_goes_home_from_a_session_started_in_statistics(example_as_builtin):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("s")
        await on_screen(pilot, "StatsScreen")
        await pilot.press("r")  # review: the unseen case is due
        await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash", *"idio", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")
        await on_screen(pilot, "SummaryScreen")
        await pilot.press("escape")
        assert await on_screen(pilot, "HomeScreen") is home


async def test_a_key_pressed_while_the_packs_load_is_kept(example_as_builtin, monkeypatch):
    import threading

    from quiz.tui import catalog

    release = threading.Event()
    real = catalog.load_entry

    def slow_load(entry):
        release.wait(10)  # the packs are still loading when the learner types
        return real(entry)

    monkeypatch.setattr(catalog, "load_entry", slow_load)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "HomeScreen")
        await pilot.press("l")
        release.set()
        await on_screen(pilot, "CaseScreen")


async def test_tags_show_only_with_the_feedback(tmp_path):
    pack = write_blistering_pack(tmp_path / "b")
    app = make_app(start_pack=pack, cases=["elbow-vesicles"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        shown = " ".join(text_of(w) for w in case.query("Static")) + case.title + case.sub_title
        assert "gluten" not in shown
        await pilot.press("2", "slash", *"derm", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        assert "tags: gluten" in text_of(feedback.query_one("#feedback-note"))
