"""The answer field's inline completion, from the one matcher (quiz.answer_match).

A list of names would complete "pemphigus" to the first name that begins with it while Enter
chose another entity; this completes only to a name of the entity Enter would record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.suggester import Suggester

from quiz.answer_match import complete, match

if TYPE_CHECKING:
    from quiz.taxonomy import Taxonomy


class AnswerSuggester(Suggester):
    def __init__(self, taxonomy: Taxonomy, choices: list[str]) -> None:
        # Case kept: the completion continues what was typed, as typed.
        super().__init__(use_cache=True, case_sensitive=True)
        self.taxonomy, self.choices = taxonomy, list(choices)

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggest(value)

    def suggest(self, value: str) -> str | None:
        found = match(self.taxonomy, value, self.choices)
        if found.entity_id is None or found.completion is None:
            return None
        return complete(value, found.completion)
