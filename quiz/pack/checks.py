"""The rules that span files: references between ids, the finding vocabulary, images, and
the warnings an author wants (missing alt text, contradictions, unused entities and images)."""

from __future__ import annotations

from pathlib import Path

from quiz.pack.diagnostics import Diagnostic, did_you_mean
from quiz.pack.lint import lint_pack
from quiz.pack.loader import Sources
from quiz.pack.pack import Pack
from quiz.pack.paths import UnsafePath, image_file, images_on_disk


def check_pack(
    pack: Pack, sources: Sources, *, check_images: bool, complete: bool
) -> list[Diagnostic]:
    """*complete* is False when some file could not be read: then nothing is called unused,
    since the unreadable file may be what uses it."""
    from quiz.pack.question_checks import check_format, check_questions

    out = check_format(pack, sources)
    out += _check_entities(pack, sources)
    for case in pack.cases:
        out += _check_case(pack, case, sources)
        if case.questions or any(stage.reveals for stage in case.stages):
            out += check_questions(pack, case, sources)
    if check_images:
        out += _check_images(pack, sources)
    if complete:
        out += _unused(pack, sources, check_images)
    out += lint_pack(pack, sources, check_images=check_images)
    return out


def _ref_hint(pack: Pack, ref: str) -> str:
    return did_you_mean(ref, pack.entities) or "use the id of an entity in entities.yaml"


def _check_entities(pack: Pack, sources: Sources) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for eid in pack.own_entity_ids:
        entity = pack.entities[eid]
        file, at = sources.entity_at[eid]
        if entity.parent is not None and entity.parent not in pack.entities:
            out.append(
                sources.diag(
                    file,
                    at + ("parent",),
                    f"the parent `{entity.parent}` of `{eid}` is not an entity",
                    _ref_hint(pack, entity.parent),
                )
            )
        # A cycle: walking up from here comes back to here.
        seen, current = [eid], entity.parent
        while current in pack.entities and current not in seen:
            seen.append(current)
            current = pack.entities[current].parent
        if current == eid and eid == min(seen):  # report each circle once
            chain = " → ".join(seen + [eid])
            out.append(
                sources.diag(
                    file,
                    at + ("parent",),
                    f"the parents go round in a circle: {chain}",
                    "one entity in the circle must have another parent or none",
                )
            )
        for key, values in entity.features.items():
            out += _finding(
                pack, sources, file, at + ("features", key), key, values, what="feature"
            )
    return out


def _finding(
    pack: Pack, sources: Sources, file: Path, at: tuple, key: str, values: list[str], *, what: str
) -> list[Diagnostic]:
    finding = pack.findings.get(key)
    if finding is None:
        hint = did_you_mean(key, pack.findings) or "declare it under `findings:` in pack.yaml"
        return [
            sources.diag(
                file, at, f"the finding `{key}` is not declared in pack.yaml", hint, key=True
            )
        ]
    out = []
    for i, value in enumerate(values):
        if value not in finding.values:
            where = at + (i,) if what == "feature" else at
            hint = did_you_mean(value, finding.values) or (
                f"use one of: {', '.join(finding.values)}; or add it to `findings.{key}.values`"
            )
            out.append(
                sources.diag(file, where, f"`{value}` is not a value of the finding `{key}`", hint)
            )
    return out


def _check_case(pack: Pack, case, sources: Sources) -> list[Diagnostic]:
    file = pack.case_files[case.id]
    out: list[Diagnostic] = []

    def ref(entity_id: str, at: tuple, role: str, key: bool = False) -> None:
        if entity_id not in pack.entities:
            out.append(
                sources.diag(
                    file,
                    at,
                    f"the {role} `{entity_id}` is not an entity of this pack",
                    _ref_hint(pack, entity_id),
                    key=key,
                )
            )

    ref(case.answer, ("answer",), "answer")
    for i, eid in enumerate(case.accept):
        ref(eid, ("accept", i), "accepted answer")
    for i, eid in enumerate(case.options):
        ref(eid, ("options", i), "option")
    for eid in case.feedback:
        ref(eid, ("feedback", eid), "feedback key", key=True)
    if case.options and case.answer not in case.options:
        out.append(
            sources.diag(
                file,
                ("options",),
                f"`options` leaves out the answer `{case.answer}`",
                "add the answer to the options",
            )
        )
    for key, value in case.findings.items():
        out += _finding(pack, sources, file, ("findings", key), key, [value], what="finding")
    if case.answer in pack.entities:
        expected = pack.taxonomy.features(case.answer)
        for key, value in case.findings.items():
            fits = expected.get(key)
            # a value outside the vocabulary is already an error: no second message for it
            if (
                fits is not None
                and value not in fits
                and key in pack.findings
                and value in pack.findings[key].values
            ):
                out.append(
                    sources.diag(
                        file,
                        ("findings", key),
                        f"the case says {key} is `{value}`, but its answer "
                        f"`{case.answer}` expects {' or '.join(fits)}",
                        "check the finding, the answer, or the entity's features",
                        severity="warning",
                    )
                )
    for s, stage in enumerate(case.stages):
        if not stage.text.strip():
            out.append(
                sources.diag(
                    file,
                    ("stages", s, "text"),
                    f"stage {s + 1} has no text",
                    "write what the learner sees at this stage",
                )
            )
        for i, image in enumerate(stage.images):
            if not (image.alt or "").strip():
                out.append(
                    sources.diag(
                        file,
                        ("stages", s, "images", i),
                        f"the image `{image.file}` has no alt text",
                        "add `alt:` describing it for screen "
                        "readers and terminals without graphics",
                        severity="warning",
                    )
                )
    return out


def _check_images(pack: Pack, sources: Sources) -> list[Diagnostic]:
    from quiz.imaging import ImageError, check_image

    out: list[Diagnostic] = []
    verdicts: dict[Path, str | None] = {}  # many cases may show one file: open it once
    targets: dict[str, Path | UnsafePath] = {}
    for case in pack.cases:
        file = pack.case_files[case.id]
        for s, stage in enumerate(case.stages):
            for i, image in enumerate(stage.images):
                at = ("stages", s, "images", i, "file")
                if image.file not in targets:
                    try:
                        targets[image.file] = image_file(pack.root, image.file)
                    except UnsafePath as exc:
                        targets[image.file] = exc
                target = targets[image.file]
                if isinstance(target, UnsafePath):
                    out.append(sources.diag(file, at, target.message, target.hint))
                    continue
                if target not in verdicts:
                    try:
                        check_image(target)
                        verdicts[target] = _named_as_it_is(target)
                    except ImageError as exc:
                        verdicts[target] = str(exc)
                if verdicts[target]:
                    # ImageError reads "PATH: what — what to do"; the diagnostic names the file.
                    text = verdicts[target].removeprefix(f"{target}: ")
                    what, _, todo = text.partition(" — ")
                    out.append(
                        sources.diag(
                            file,
                            at,
                            f"the image `{image.file}` cannot be used: {what}",
                            todo.rstrip(".") or "replace the file",
                        )
                    )
    return out


_SUFFIX_FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".bmp": "BMP",
}
_FORMAT_SUFFIX = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "GIF": ".gif",
    "WEBP": ".webp",
    "TIFF": ".tif",
    "BMP": ".bmp",
}


def _sniff(head: bytes) -> str | None:
    """The picture format its first bytes say (Pillow's names), without decoding anything."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # TIFF, BigTIFF
        return "TIFF"
    if head.startswith(b"BM"):
        return "BMP"
    return None


def _named_as_it_is(path: Path) -> str | None:
    """A GIF named `.jpg` shows here (Pillow looks inside) but not in every tool an export
    goes to, which trusts the name: the name must say what the file is. Read from the file's
    first bytes, so a huge picture or a whole slide is never opened for it."""
    expected = _SUFFIX_FORMATS.get(path.suffix.lower())
    if expected is None:
        return None
    try:
        with open(path, "rb") as handle:
            actual = _sniff(handle.read(16))
    except OSError:
        return None  # check_image has judged the file already
    if actual is None or actual == expected:
        return None
    better = _FORMAT_SUFFIX[actual]  # _sniff names only formats listed there
    return (
        f"it is a {actual} file named {path.suffix} — rename it to "
        f"{path.stem}{better} (and the `file:` that names it), or convert it to {expected}"
    )


def _unused(pack: Pack, sources: Sources, check_images: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    used: set[str] = set()
    for case in pack.cases:
        for eid in (case.answer, *case.accept):
            if eid in pack.entities:
                used.add(eid)
                used.update(
                    pack.taxonomy.ancestors(eid)
                )  # a group is met as the family of its cases
    for eid in pack.own_entity_ids:
        if eid not in used:
            file, at = sources.entity_at[eid]
            out.append(
                sources.diag(
                    file,
                    at + ("id",),
                    f"no case has the entity `{eid}` as its answer",
                    "write a case for it, or remove it",
                    severity="warning",
                )
            )
    if check_images:
        shown = {img.file for case in pack.cases for stage in case.stages for img in stage.images}
        for name in images_on_disk(pack.root):
            if name not in shown:
                out.append(
                    Diagnostic(
                        pack.images_dir / name,
                        None,
                        None,
                        "no case shows this image",
                        "use it in a case, or delete it",
                        "warning",
                    )
                )
    return out
