"""The one answer matcher: what the field completes to, what its hint names and what Enter
records are one entity, for every prefix of every name, synonym and id of several packs."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from blistering import write_blistering_pack
from support import EXAMPLE

from quiz.answer_match import complete, match, names_of, norm
from quiz.pack.loader import load_pack
from quiz.pack.registry import builtin_pack_dir
from quiz.plain import PlainRunner
from quiz.session import Session
from quiz.tui.answer_suggester import AnswerSuggester


def _packs(tmp_path: Path):
    yield "built-in", load_pack(builtin_pack_dir()).pack
    yield "example", load_pack(EXAMPLE).pack
    yield "blistering", load_pack(write_blistering_pack(tmp_path / "blistering")).pack


def _prefixes(pack, allowed):
    for entity_id in allowed:
        for name in names_of(pack.taxonomy, entity_id):
            for end in range(1, len(name) + 1):
                yield name[:end]


def test_every_prefix_completes_hints_and_records_one_entity(tmp_path):
    checked = 0
    for label, pack in _packs(tmp_path):
        tax = pack.taxonomy
        pools = {tuple(tax.entities)} | {tuple(pack.choices(case)) for case in pack.cases}
        line_mode = PlainRunner(Session(pack, "learn", []), io.StringIO(), io.StringIO())
        for allowed in map(list, pools):
            suggester = AnswerSuggester(tax, allowed)
            for prefix in set(_prefixes(pack, allowed)):
                found = match(tax, prefix, allowed)
                suggestion = suggester.suggest(prefix)
                # Line mode records exactly what the app records.
                assert line_mode.resolve_choice(prefix, allowed) == found.entity_id, (label, prefix)
                if found.entity_id is None:
                    assert suggestion is None, (label, prefix, suggestion)
                    continue
                if suggestion is not None:
                    # The completion shown is a name of the entity Enter records ...
                    assert norm(suggestion) in {norm(n) for n in names_of(tax, found.entity_id)}
                    # ... and accepting it records that entity too.
                    assert match(tax, suggestion, allowed).entity_id == found.entity_id, (
                        label,
                        prefix,
                        suggestion,
                    )
                # No other entity fits as well: the choice was not a coin toss.
                key = norm(prefix)
                rivals = [
                    e
                    for e in allowed
                    if e != found.entity_id and any(norm(n) == key for n in names_of(tax, e))
                ]
                assert not rivals, (label, prefix, rivals)
                checked += 1
    assert checked > 1000


def test_a_parent_synonym_that_begins_like_its_children_picks_nothing(tmp_path):
    pack = load_pack(write_blistering_pack(tmp_path / "b")).pack
    tax = pack.taxonomy
    found = match(tax, "pemphigus", list(tax.entities))
    assert found.entity_id is None and found.ambiguous
    assert set(found.candidates) >= {"intraepidermal", "pemphigus-vulgaris", "pemphigus-foliaceus"}
    assert AnswerSuggester(tax, list(tax.entities)).suggest("pemphigus") is None
    assert match(tax, "pemphigus g", None).entity_id == "intraepidermal"
    assert AnswerSuggester(tax, list(tax.entities)).suggest("Pemphigus g") == "Pemphigus group"
    assert match(tax, "pemphigus v", None).entity_id == "pemphigus-vulgaris"
    assert match(tax, "PV", None).entity_id == "pemphigus-vulgaris"
    assert match(tax, "vulg", None).entity_id == "pemphigus-vulgaris"  # a word of the name
    assert match(tax, "igus", None).entity_id is None  # inside a word: candidates only
    assert match(tax, "   ", None).empty and match(tax, "", None).entity_id is None


@pytest.mark.parametrize("typed,done", [("Pemph", "Pemphigus group"), ("PEMPHIGUS-G", None)])
def test_completion_continues_what_was_typed(typed, done):
    assert complete(typed, "pemphigus group") == done


def test_suggester_answers_through_textual():
    pack = load_pack(EXAMPLE).pack
    suggester = AnswerSuggester(pack.taxonomy, list(pack.taxonomy.entities))
    assert asyncio.run(suggester.get_suggestion("Idio")) == "Idiopathic calcinosis cutis"
    assert asyncio.run(suggester.get_suggestion("calc")) is None  # three entities begin so
