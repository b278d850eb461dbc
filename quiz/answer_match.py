"""The one rule that turns typed text into an entity, for line mode and the app alike.

What the answer field completes to, what its hint names and what Enter records must be the
same entity, always; so both paths ask `match` and nothing else. The rule, over the entity
ids, names and synonyms (case, hyphens and extra spaces ignored):

1. an exact id, name or synonym wins;
2. else a name, synonym or id that *starts with* the text, if only one entity has one;
3. else a word inside a name or synonym that starts with the text, if only one entity has one.

When the best tier holds several entities the text is ambiguous: nothing is chosen, in
either path, and the candidates are shown (best first, tree order within a tier). Text that
only occurs inside a word gives candidates to look at, never a choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.taxonomy import Taxonomy

EXACT, PREFIX, WORD, INSIDE = range(4)
CHOOSING_TIERS = (EXACT, PREFIX, WORD)


def norm(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


@dataclass(frozen=True)
class AnswerMatch:
    """What typed text means. `entity_id` is what Enter records (None: nothing yet)."""

    text: str
    entity_id: str | None = None
    candidates: tuple[str, ...] = ()  # every entity the text fits, best first
    completion: str | None = None  # the picked entity's name/synonym that the text begins

    @property
    def ambiguous(self) -> bool:
        return self.entity_id is None and len(self.candidates) > 1

    @property
    def empty(self) -> bool:
        return not norm(self.text)


def names_of(taxonomy: Taxonomy, entity_id: str) -> list[str]:
    """The names an entity answers to, in the order a completion prefers them."""
    entity = taxonomy.entities[entity_id]
    return [entity.name, *entity.synonyms, entity.id]


def _tier(key: str, norm_name: str, later_words: tuple[str, ...]) -> int | None:
    if norm_name == key:
        return EXACT
    if norm_name.startswith(key):
        return PREFIX
    if any(word.startswith(key) for word in later_words):
        return WORD
    if key in norm_name:
        return INSIDE
    return None


def _index(taxonomy: Taxonomy) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Each entity's names normalized once per taxonomy (a keystroke asks again and again);
    a taxonomy is never changed after it is built (a reload makes a new one)."""
    cached = getattr(taxonomy, "_answer_index", None)
    if cached is None:
        cached = {}
        for entity_id in taxonomy.entities:
            normed = [norm(n) for n in names_of(taxonomy, entity_id)]
            cached[entity_id] = tuple((n, tuple(n.split()[1:])) for n in normed)
        taxonomy._answer_index = cached  # type: ignore[attr-defined]
    return cached


def match(taxonomy: Taxonomy, text: str, allowed: Iterable[str] | None = None) -> AnswerMatch:
    """Rank *text* against the allowed entities (all of them by default); see the module doc."""
    key = norm(text)
    if not key:
        return AnswerMatch(text)
    pool = list(allowed) if allowed is not None else list(taxonomy.entities)
    index = _index(taxonomy)
    best: dict[str, int] = {}
    for entity_id in pool:
        names = index.get(entity_id)
        if names is None:
            continue
        tiers = [t for t in (_tier(key, n, words) for n, words in names) if t is not None]
        if tiers:
            best[entity_id] = min(tiers)
    order = {eid: i for i, eid in enumerate(pool)}
    ranked = tuple(sorted(best, key=lambda eid: (best[eid], order[eid])))
    if not ranked:
        return AnswerMatch(text)
    top = best[ranked[0]]
    leaders = [eid for eid in ranked if best[eid] == top]
    if top not in CHOOSING_TIERS or len(leaders) != 1:
        return AnswerMatch(text, None, ranked)
    chosen = leaders[0]
    completion = None
    if top in (EXACT, PREFIX):
        completion = next((n for n in names_of(taxonomy, chosen) if norm(n).startswith(key)), None)
    return AnswerMatch(text, chosen, ranked, completion)


def complete(text: str, completion: str) -> str | None:
    """The field's value with the completion's rest after what was typed (None: the typed text
    does not literally begin the completion, e.g. a hyphen typed as a space)."""
    if completion.casefold().startswith(text.casefold()) and len(completion) > len(text):
        return text + completion[len(text) :]
    return None
