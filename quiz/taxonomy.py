"""The tree of entities: parents, children and inherited features (what a learner types is
matched to an entity in quiz.answer_match)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from quiz.pack.models import Entity


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

        # From the roots down each entity is met once: it has one parent, and an entity in a
        # cycle of parents hangs below no root (the validator reports the cycle).
        def visit(entity_id: str, depth: int) -> Iterator[tuple[str, int]]:
            if keep is None or entity_id in keep:
                yield entity_id, depth
            for child in self.children(entity_id):
                yield from visit(child, depth + 1)

        for root in self.roots:
            yield from visit(root, 0)

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

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id
