"""The tree of entities: parents, inherited features, and finding an entity by what a learner types."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from quiz.pack.models import Entity


@dataclass(frozen=True)
class Match:
    """The result of resolving typed text: one entity, several candidates, or none."""

    entity_id: str | None
    candidates: tuple[str, ...] = ()


class Taxonomy:
    def __init__(self, entities: Mapping[str, Entity]):
        self.entities = dict(entities)
        self._children: dict[str | None, list[str]] = {}
        for entity in self.entities.values():
            parent = entity.parent if entity.parent in self.entities else None
            self._children.setdefault(parent, []).append(entity.id)
        self._features: dict[str, dict[str, list[str]]] = {}

    # -- the tree ---------------------------------------------------------------------
    def parent(self, entity_id: str) -> str | None:
        parent = self.entities[entity_id].parent
        return parent if parent in self.entities else None

    def children(self, entity_id: str | None) -> list[str]:
        return list(self._children.get(entity_id, []))

    @property
    def roots(self) -> list[str]:
        return self.children(None)

    def ancestors(self, entity_id: str) -> list[str]:
        """Parent first, root last. Stops at a cycle (the validator reports cycles)."""
        out: list[str] = []
        current = self.parent(entity_id)
        while current is not None and current not in out and current != entity_id:
            out.append(current)
            current = self.parent(current)
        return out

    def descendants(self, entity_id: str) -> list[str]:
        out: list[str] = []
        stack = list(reversed(self.children(entity_id)))
        while stack:
            current = stack.pop()
            if current in out:
                continue
            out.append(current)
            stack.extend(reversed(self.children(current)))
        return out

    def is_ancestor(self, ancestor: str, entity_id: str) -> bool:
        return ancestor in self.ancestors(entity_id)

    def walk(self, only: set[str] | None = None) -> Iterator[tuple[str, int]]:
        """Every entity in tree order with its depth; *only* keeps those ids (and their path)."""
        keep = None
        if only is not None:
            keep = set(only)
            for entity_id in only:
                if entity_id in self.entities:
                    keep.update(self.ancestors(entity_id))

        def visit(entity_id: str, depth: int, seen: set[str]) -> Iterator[tuple[str, int]]:
            if entity_id in seen:
                return
            seen.add(entity_id)
            if keep is None or entity_id in keep:
                yield entity_id, depth
            for child in self.children(entity_id):
                yield from visit(child, depth + 1, seen)

        seen: set[str] = set()
        for root in self.roots:
            yield from visit(root, 0, seen)

    # -- features ---------------------------------------------------------------------
    def features(self, entity_id: str) -> dict[str, list[str]]:
        """The entity's features with its ancestors' filled in (the nearest one wins)."""
        cached = self._features.get(entity_id)
        if cached is None:
            cached = {}
            for source in [entity_id, *self.ancestors(entity_id)]:
                for key, values in self.entities[source].features.items():
                    cached.setdefault(key, list(values))
            self._features[entity_id] = cached
        return cached

    # -- finding an entity by name ----------------------------------------------------
    def resolve(self, text: str, allowed: set[str] | None = None) -> Match:
        """The entity meant by *text*, by the one rule of quiz.answer_match (line mode and the
        app's answer field both use it, so what one shows the other records)."""
        from quiz.answer_match import match

        pool = None if allowed is None else [e for e in self.entities if e in allowed]
        found = match(self, text, pool)
        return Match(found.entity_id, () if found.entity_id else found.candidates)

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id
