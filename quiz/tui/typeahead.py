"""Which entity a learner means while typing: names and synonyms, best match first.

Taxonomy.resolve decides a finished answer; this ranks partial text as it is typed, so the
picker can highlight the likeliest choice: a name that starts with the text, then a word
in a name that does, then any name that contains it.
"""

from __future__ import annotations

from typing import Iterable

from quiz.taxonomy import Taxonomy, _norm


def names_of(taxonomy: Taxonomy, entity_id: str) -> list[str]:
    entity = taxonomy.entities[entity_id]
    return [entity.name, *entity.synonyms, entity.id]


def rank(taxonomy: Taxonomy, text: str, allowed: Iterable[str]) -> list[str]:
    """Allowed entity ids matching *text*, best first (ties keep tree order)."""
    key = _norm(text)
    if not key:
        return []
    scored: list[tuple[int, int, str]] = []
    for order, entity_id in enumerate(allowed):
        best = None
        for name in names_of(taxonomy, entity_id):
            norm = _norm(name)
            if norm == key:
                score = 0
            elif norm.startswith(key):
                score = 1
            elif any(word.startswith(key) for word in norm.split()):
                score = 2
            elif key in norm:
                score = 3
            else:
                continue
            best = score if best is None else min(best, score)
        if best is not None:
            scored.append((best, order, entity_id))
    return [entity_id for _, _, entity_id in sorted(scored)]


def completions(taxonomy: Taxonomy, allowed: Iterable[str]) -> list[str]:
    """Names and synonyms for the answer field's inline completion, names first."""
    ids = list(allowed)
    names = [taxonomy.entities[e].name for e in ids]
    synonyms = [s for e in ids for s in taxonomy.entities[e].synonyms]
    return list(dict.fromkeys(names + synonyms))
