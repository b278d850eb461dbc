"""The answer field shows, hints and records one entity (issue 19, items 1 and 3)."""

from __future__ import annotations

from blistering import write_blistering_pack
from textual import events
from tui_helpers import make_app, on_screen, settle, text_of, until

from quiz.answer_match import match, names_of, norm
from quiz.tui.widgets.answer_picker import AnswerInput, AnswerPicker


async def _case(pilot, *first: str):
    case = await on_screen(pilot, "CaseScreen")
    await pilot.press(*first, "slash")
    return case, case.query_one(AnswerPicker), case.query_one(AnswerInput)


async def test_parent_synonym_prefix_is_not_completed_or_recorded(tmp_path):
    pack = write_blistering_pack(tmp_path / "blistering")
    app = make_app(start_pack=pack, cases=["tense-blisters"])
    async with app.run_test(size=(80, 24)) as pilot:
        # A confidence first: Enter records at once, with no question in between.
        case, _picker, field = await _case(pilot, "3")
        await pilot.press(*"pemphigus")
        await settle(pilot)
        hint = text_of(case.query_one("#answer-hint"))
        assert not hint.startswith("Enter:"), hint
        assert "3 fit" in hint and "Pemphigus vulgaris" in hint
        assert field._suggestion == ""  # no completion drawn
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is case and case.flow.results == []  # nothing recorded

        await pilot.press(*" v")
        await until(pilot, lambda: field._suggestion != "", "the completion")
        assert field._suggestion == "pemphigus vulgaris"
        assert text_of(case.query_one("#answer-hint")) == "Enter: Pemphigus vulgaris"
        await pilot.press("enter")
        await until(pilot, lambda: case.flow.results, "the answer")
        assert case.flow.results[0].choice == "pemphigus-vulgaris"


async def test_enter_on_an_empty_field_records_nothing(tmp_path):
    pack = write_blistering_pack(tmp_path / "blistering")
    app = make_app(start_pack=pack, cases=["tense-blisters"])
    async with app.run_test(size=(80, 24)) as pilot:
        case, _picker, field = await _case(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is case and case.flow.results == []
        assert "type a name" in text_of(case.query_one("#answer-hint"))
        # Down in the field puts a choice's name there: what Enter then records is shown.
        await pilot.press("down")
        await settle(pilot)
        assert field.value == "Intraepidermal autoimmune blistering"
        assert text_of(case.query_one("#answer-hint")) == f"Enter: {field.value}"


async def test_every_prefix_in_the_field_hints_and_completes_the_same_entity(tmp_path):
    pack_dir = write_blistering_pack(tmp_path / "blistering")
    app = make_app(start_pack=pack_dir, cases=["tense-blisters"])
    async with app.run_test(size=(80, 24)) as pilot:
        case, picker, field = await _case(pilot)
        tax = picker.taxonomy
        # The names that begin alike (the whole pack's every prefix: test_answer_match).
        alike = [e for e in picker.choices if "pemph" in " ".join(names_of(tax, e)).lower()]
        for entity_id in alike:
            for name in names_of(tax, entity_id)[:-1]:  # names and synonyms, not ids
                for end in range(1, len(name) + 1):
                    prefix = name[:end]
                    field.value = prefix
                    await pilot.pause()
                    await app.workers.wait_for_complete()  # the suggester's worker
                    await pilot.pause()
                    meant = match(tax, prefix, picker.choices).entity_id
                    assert picker.typed.entity_id == meant
                    hint = text_of(case.query_one("#answer-hint"))
                    if meant is None:
                        assert not hint.startswith("Enter:") and field._suggestion == "", prefix
                    else:
                        assert hint == f"Enter: {tax.label(meant)}", prefix
                        if field._suggestion:
                            shown = match(tax, field._suggestion, picker.choices).entity_id
                            assert shown == meant and norm(field._suggestion) in {
                                norm(n) for n in names_of(tax, meant)
                            }, prefix


async def test_slash_and_a_name_in_one_burst_all_reach_the_field(tmp_path):
    pack = write_blistering_pack(tmp_path / "blistering")
    app = make_app(start_pack=pack, cases=["tense-blisters"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        for key in ("slash", *"pemph"):  # queued together, as a fast typist or tmux sends them
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(pilot)
        assert case.query_one(AnswerInput).value == "pemph"
