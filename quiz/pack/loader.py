"""Load a pack folder into a `Pack`, collecting every problem of every file in one run."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from quiz.pack.diagnostics import Diagnostic
from quiz.pack.models import FORMAT_VERSIONS, Case, Entity, Manifest
from quiz.pack.pack import Pack
from quiz.pack.validation_errors import diagnostics_from
from quiz.pack.yamlio import YamlDoc, YamlFailure, parse


@dataclass
class LoadResult:
    pack: Pack | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def notes(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "info"]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


@dataclass
class Sources:
    """Where each piece was written, so later checks can point at the right line."""

    docs: dict[Path, YamlDoc] = field(default_factory=dict)
    entity_at: dict[str, tuple[Path, tuple]] = field(default_factory=dict)
    manifest_file: Path | None = None

    def pos(self, file: Path, path: tuple, *, key: bool = False) -> tuple[int | None, int | None]:
        doc = self.docs.get(file)
        found = doc.where(path, key=key) if doc else None
        return found if found else (None, None)

    def diag(
        self,
        file: Path,
        path: tuple,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Diagnostic:
        line, col = self.pos(file, path, key=key)
        return Diagnostic(file, line, col, message, hint, severity)  # type: ignore[arg-type]


def _read(file: Path, out: list[Diagnostic], sources: Sources) -> YamlDoc | None:
    try:
        doc = parse(file)
    except YamlFailure as failure:
        out.extend(
            Diagnostic(file, p.line, p.col, p.message, p.hint, p.severity)  # type: ignore[arg-type]
            for p in failure.problems
        )
        return None
    out.extend(
        Diagnostic(file, p.line, p.col, p.message, p.hint, p.severity)  # type: ignore[arg-type]
        for p in getattr(doc, "problems", [])
    )
    sources.docs[file] = doc
    return doc


def _model(
    model: type[BaseModel],
    data: Any,
    file: Path,
    doc: YamlDoc,
    prefix: tuple,
    out: list[Diagnostic],
    salvage: bool = False,
) -> Any:
    """The model of *data*, or None after its every schema error is reported. With *salvage*,
    a model with the faulty parts left out is returned even so: it is never played (the pack
    has errors), but its answer, findings and images are still checked, so one run reports
    them all instead of hiding them behind an unknown key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        out.extend(diagnostics_from(exc, model, file, doc, prefix))
        return _salvaged(model, data, exc) if salvage else None


def _salvaged(model: type[BaseModel], data: Any, exc: ValidationError, rounds: int = 4) -> Any:
    import copy

    data = copy.deepcopy(data)
    for _ in range(rounds):
        cuts = []
        for error in exc.errors():
            loc = tuple(error.get("loc", ()))
            # A required part missing: leave out what holds it (an image without `file`).
            target = loc[:-1] if error.get("type") == "missing" else loc
            if not target:
                return None  # a required key of the whole file: nothing to check
            cuts.append(target)
        if not _cut(data, cuts):
            return None
        try:
            return model.model_validate(data)
        except ValidationError as again:
            exc = again
    return None


def _cut(data: Any, paths: list[tuple]) -> bool:
    """Remove each path from *data* (list items from the last, so indices stay right)."""
    for path in sorted(
        set(paths), key=lambda p: [(-x if isinstance(x, int) else 0) for x in p], reverse=False
    ):
        node = data
        for step in path[:-1]:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return False
        last = path[-1]
        try:
            if (isinstance(node, dict) and last in node) or (
                isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node)
            ):
                del node[last]
            else:
                return False
        except TypeError:
            return False
    return True


def _mapping(doc: YamlDoc, file: Path, what: str, out: list[Diagnostic]) -> bool:
    if isinstance(doc.data, dict):
        return True
    out.append(
        Diagnostic(
            file,
            1,
            1,
            f"{what} must be a mapping of keys to values, not {type(doc.data).__name__}",
            "write `key: value` lines",
        )
    )
    return False


@contextmanager
def _collector_paused():
    """Loading makes hundreds of thousands of small objects and almost no cyclic garbage, yet
    the cyclic collector would walk the growing pack over and over (a sixth of the time for
    5,000 cases). It is paused while a pack loads, as bulk loaders often do, and resumed
    after; reference counting frees everything as usual meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_pack(
    path: Path | str, *, check_images: bool = True, _chain: tuple[Path, ...] = ()
) -> LoadResult:
    """Load and check the pack in folder *path*. Never raises for a broken pack."""
    with _collector_paused():
        return _load_pack(path, check_images=check_images, _chain=_chain)


def _load_pack(path: Path | str, *, check_images: bool, _chain: tuple[Path, ...]) -> LoadResult:
    root = Path(path)
    out: list[Diagnostic] = []
    sources = Sources()
    manifest_file = root / "pack.yaml"
    sources.manifest_file = manifest_file
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        return LoadResult(
            None,
            [
                Diagnostic(
                    root,
                    None,
                    None,
                    f"the pack folder {what}",
                    "give the path of a folder that holds pack.yaml",
                )
            ],
        )
    if not manifest_file.is_file():
        return LoadResult(
            None,
            [
                Diagnostic(
                    manifest_file,
                    None,
                    None,
                    "there is no pack.yaml here",
                    "is this a pack folder? `dermquiz new DIR` makes one",
                )
            ],
        )
    manifest = None
    doc = _read(manifest_file, out, sources)
    if doc is not None and _mapping(doc, manifest_file, "pack.yaml", out):
        fmt = doc.data.get("format")
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt not in FORMAT_VERSIONS:
            out.append(
                sources.diag(
                    manifest_file,
                    ("format",),
                    f"format {fmt} is not known to this "
                    f"DermQuiz (it reads format {', '.join(map(str, FORMAT_VERSIONS))})",
                    "upgrade DermQuiz, or write the pack in format 1",
                )
            )
            return LoadResult(None, out)
        manifest = _model(Manifest, doc.data, manifest_file, doc, (), out)

    used = _load_uses(root, manifest, sources, out, _chain + (root.resolve(),), check_images)
    entities, own_ids = _load_entities(root, manifest, used, sources, out)
    cases, case_files = _load_cases(root, sources, out)

    if manifest is None:
        return LoadResult(None, _in_order(out))
    findings = {}
    for other in used:
        findings.update(other.findings)
    findings.update(manifest.findings)
    pack = Pack(
        root=root,
        manifest=manifest,
        entities=entities,
        findings=findings,
        cases=cases,
        case_files=case_files,
        own_entity_ids=own_ids,
        used=used,
    )
    from quiz.pack.checks import check_pack

    complete = not any(d.severity == "error" for d in out)
    out.extend(check_pack(pack, sources, check_images=check_images, complete=complete))
    return LoadResult(pack, _in_order(out))


def _in_order(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """By file, then line and column (a file-wide problem first); the same place keeps the
    order the checks found them in."""
    return sorted(diagnostics, key=lambda d: (str(d.file), d.line or 0, d.col or 0))


def _load_uses(
    root: Path,
    manifest: Manifest | None,
    sources: Sources,
    out: list[Diagnostic],
    chain: tuple[Path, ...],
    check_images: bool,
) -> list[Pack]:
    if manifest is None:
        return []
    from quiz.pack.registry import find_pack

    used: list[Pack] = []
    for i, ref in enumerate(manifest.uses):
        where = (sources.manifest_file, ("uses", i))
        from quiz.pack.zipped import ZipPackError

        try:
            target = find_pack(ref, base=root)
        except ZipPackError as exc:
            out.append(
                sources.diag(
                    *where,
                    f"the pack `{ref}` named in `uses` cannot be opened: {exc}",
                    "replace the zip, or point to the pack's folder",
                )
            )
            continue
        if target is None:
            out.append(
                sources.diag(
                    *where,
                    f"the pack `{ref}` named in `uses` is not found",
                    "give a relative path to its folder, or the id of a pack the "
                    "app knows (`dermquiz validate` lists them with --list)",
                )
            )
            continue
        if target.resolve() in chain:
            out.append(
                sources.diag(
                    *where,
                    f"`uses` goes round in a circle through `{ref}`",
                    "remove one of the packs that use each other",
                )
            )
            continue
        result = load_pack(target, check_images=False, _chain=chain)
        if result.pack is None or result.errors:
            out.append(
                sources.diag(
                    *where,
                    f"the pack `{ref}` used here has {len(result.errors)} error(s)",
                    f"run `dermquiz validate {ref}`",
                )
            )
        if result.pack is not None:
            used.append(result.pack)
    return used


def _load_entities(
    root: Path, manifest: Manifest | None, used: list[Pack], sources: Sources, out: list[Diagnostic]
) -> tuple[dict[str, Entity], list[str]]:
    entities: dict[str, Entity] = {}
    for other in used:
        entities.update(other.entities)
    file = root / "entities.yaml"
    if not file.is_file():
        if manifest is not None and not manifest.uses:
            out.append(
                Diagnostic(
                    file,
                    None,
                    None,
                    "there is no entities.yaml",
                    "write the pack's entities there, or re-use another pack's "
                    "with `uses:` in pack.yaml",
                )
            )
        return entities, []
    doc = _read(file, out, sources)
    if doc is None:
        return entities, []
    if not isinstance(doc.data, list):
        out.append(
            Diagnostic(
                file,
                1,
                1,
                "entities.yaml must be a list of entities",
                "start each entity with `- id: ...`",
            )
        )
        return entities, []
    own: list[str] = []
    for i, item in enumerate(doc.data):
        entity = _model(Entity, item, file, doc, (i,), out, salvage=True)
        if entity is None:
            continue
        if entity.id in sources.entity_at:
            first = sources.pos(*sources.entity_at[entity.id])[0]
            out.append(
                sources.diag(
                    file,
                    (i, "id"),
                    f"the entity id `{entity.id}` is used twice (first on line {first})",
                    "give each entity its own id",
                )
            )
            continue
        if entity.id in entities:
            out.append(
                sources.diag(
                    file,
                    (i, "id"),
                    f"the entity `{entity.id}` is already defined by a pack in `uses`",
                    "refer to it instead of redefining it, or choose another id",
                )
            )
            continue
        sources.entity_at[entity.id] = (file, (i,))
        entities[entity.id] = entity
        own.append(entity.id)
    return entities, own


def _load_cases(
    root: Path, sources: Sources, out: list[Diagnostic]
) -> tuple[list[Case], dict[str, Path]]:
    folder = root / "cases"
    files = (
        sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if folder.is_dir()
        else []
    )
    if not files:
        out.append(
            Diagnostic(
                folder,
                None,
                None,
                "the pack has no cases",
                "add a case file, e.g. cases/first-case.yaml",
            )
        )
    cases: list[Case] = []
    case_files: dict[str, Path] = {}
    field_sets: dict[frozenset, set] = {}
    for file in files:
        doc = _read(file, out, sources)
        if doc is None or not _mapping(doc, file, "a case file", out):
            continue
        case = _model(Case, doc.data, file, doc, (), out, salvage=True)
        doc.data = None  # the model holds it now; positions come from the text if needed
        if case is None:
            continue
        _share_field_sets(case, field_sets)
        if case.id in case_files:
            out.append(
                sources.diag(
                    file,
                    ("id",),
                    f"the case id `{case.id}` is also used by {case_files[case.id].name}",
                    "give each case its own id",
                )
            )
            continue
        case_files[case.id] = file
        cases.append(case)
    return cases, case_files


def _share_field_sets(case: Case, sets: dict[frozenset, set]) -> None:
    """Give the case and its stages, images and regions one shared "fields set" per distinct
    set, as unpickling a model does: each model's own set costs ~300 bytes, a fifth of a
    pack's memory (21 MB of 5,000 cases). Safe because the models are frozen: nothing adds
    to the set in place (model_copy copies it first)."""
    models: list = [case]
    for stage in case.stages:
        models.append(stage)
        for image in stage.images:
            models.append(image)
            models.extend(image.regions)
    for model in models:
        fields = model.__pydantic_fields_set__
        object.__setattr__(
            model, "__pydantic_fields_set__", sets.setdefault(frozenset(fields), fields)
        )
