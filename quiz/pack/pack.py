"""A loaded pack: its manifest, entities (its own and those of the packs it uses), cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from quiz.pack.models import Case, Entity, FindingDef, Image, Manifest
from quiz.taxonomy import Taxonomy


@dataclass(repr=False)
class Pack:
    root: Path
    manifest: Manifest
    entities: dict[str, Entity]  # this pack's and the used packs', by id
    findings: dict[str, FindingDef]  # the merged finding vocabulary
    cases: list[Case]
    case_files: dict[str, Path] = field(default_factory=dict)
    own_entity_ids: list[str] = field(default_factory=list)
    used: list[Pack] = field(default_factory=list)

    def __repr__(self) -> str:
        # Short on purpose: Textual's @work puts repr() of its arguments in the worker's
        # description, and the full dataclass repr of a 5,000-case pack is a 42 MB string.
        return f"Pack({self.id!r}, {len(self.cases)} cases, root={str(self.root)!r})"

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def title(self) -> str:
        return self.manifest.title

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def images_dir(self) -> Path:
        return self.root / "images"

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return Taxonomy(self.entities)

    @cached_property
    def _cases_by_id(self) -> dict[str, Case]:
        return {case.id: case for case in self.cases}

    def case(self, case_id: str) -> Case:
        return self._cases_by_id[case_id]

    def has_case(self, case_id: str) -> bool:
        return case_id in self._cases_by_id

    def question(self, case: Case) -> str:
        return case.question or self.manifest.question

    def choices(self, case: Case) -> list[str]:
        """The entity ids offered for *case*, in tree order."""
        allowed = set(case.options) if case.options else None
        if allowed is None:
            return [eid for eid, _ in self.taxonomy.walk()]
        return [eid for eid, _ in self.taxonomy.walk() if eid in allowed]

    def image_path(self, image: Image) -> Path:
        return self.images_dir / image.file

    def finding_label(self, key: str) -> str:
        finding = self.findings.get(key)
        return finding.label if finding else key.replace("_", " ").capitalize()
