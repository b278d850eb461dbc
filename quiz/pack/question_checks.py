"""The rules of format 2 that a model alone cannot check: questions against their case (stages,
images, regions, entities) and format-2 keys used in a format-1 pack."""

from __future__ import annotations

from quiz.pack.diagnostics import Diagnostic, did_you_mean
from quiz.pack.loader import Sources
from quiz.pack.models import (
    Case,
    ChooseQuestion,
    ConcordanceQuestion,
    Id,
    PointQuestion,
    RankQuestion,
)
from quiz.pack.pack import Pack
from quiz.pack.stages import stage_index

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


def check_format(pack: Pack, sources: Sources) -> list[Diagnostic]:
    """Format-2 keys in a pack that says `format: 1`."""
    if pack.manifest.format >= 2:
        return []
    out = []
    for key, finding in pack.manifest.findings.items():
        if isinstance(finding.values, dict):
            out.append(
                sources.diag(
                    sources.manifest_file,
                    ("findings", key, "values"),
                    f"the values of `{key}` are a mapping {{id: label}}, which needs format 2",
                    "write `format: 2` at the top of pack.yaml, or list the values as `[a, b]`",
                )
            )
    for case in pack.cases:
        if case.questions:
            out.append(
                sources.diag(
                    pack.case_files[case.id],
                    ("questions",),
                    "`questions` needs format 2 of the pack",
                    "write `format: 2` at the top of pack.yaml",
                    key=True,
                )
            )
    return out


def check_questions(pack: Pack, case: Case, sources: Sources) -> list[Diagnostic]:
    file = pack.case_files[case.id]
    out: list[Diagnostic] = []

    def diag(at: tuple, message: str, hint: str, **kw) -> None:
        out.append(sources.diag(file, at, message, hint, **kw))

    for s, stage in enumerate(case.stages):
        for i, key in enumerate(stage.reveals or ()):
            if key not in case.findings:
                diag(
                    ("stages", s, "reveals", i),
                    f"`reveals` names `{key}`, which is not among this case's findings",
                    did_you_mean(key, case.findings) or "name a key of the case's `findings`",
                )
    seen: dict[str, int] = {}
    names = [stage.name for stage in case.stages if stage.name]
    for q, question in enumerate(case.questions):
        at = ("questions", q)
        if question.id in seen:
            diag(
                at + ("id",),
                f"the question id `{question.id}` is used twice in this case "
                f"(first as question {seen[question.id] + 1})",
                "give each question its own id",
            )
        seen.setdefault(question.id, q)
        if question.after is not None and stage_index(case, question.after) is None:
            diag(
                at + ("after",),
                f"`after` names the stage `{question.after}`, which this case does not have",
                did_you_mean(question.after, names)
                or f"use a stage name: {', '.join(names) or '(give the stages names first)'}",
            )
        if isinstance(question, ChooseQuestion):
            _choose(question, at, diag)
        elif isinstance(question, PointQuestion):
            _point(case, question, at, diag)
        elif isinstance(question, RankQuestion):
            _rank(pack, question, at, diag)
        elif isinstance(question, ConcordanceQuestion):
            _maybe_entity(pack, question.hypothesis, at + ("hypothesis",), "hypothesis", diag)
    return out


def _choose(question: ChooseQuestion, at: tuple, diag) -> None:
    for field in ("keys", "harmful"):
        for i, cid in enumerate(getattr(question, field)):
            if cid not in question.choices:
                diag(
                    at + (field, i),
                    f"`{cid}` in `{field}` is not one of the choices",
                    did_you_mean(cid, question.choices)
                    or f"use an id of `choices`: {', '.join(question.choices)}",
                )
    both = [cid for cid in question.keys if cid in question.harmful]
    if both:
        diag(
            at + ("harmful",), f"`{both[0]}` is both a key and harmful", "keep it in one list only"
        )
    if len(set(question.keys)) < len(question.keys):
        diag(at + ("keys",), "a key is listed twice", "list each key once")
    if len(question.keys) > question.allowed:
        diag(
            at + ("pick",),
            f"there are {len(question.keys)} keys but the learner may pick only "
            f"{question.allowed}, so full credit is out of reach",
            "raise `pick`, or drop a key",
        )
    if question.pick is not None and question.pick > len(question.choices):
        diag(
            at + ("pick",),
            f"`pick` is {question.pick}, more than the {len(question.choices)} choices",
            "lower `pick`",
        )


def _point(case: Case, question: PointQuestion, at: tuple, diag) -> None:
    last = stage_index(case, question.after)  # no `after`: the last stage
    if last is None:
        return  # the unknown stage is reported already
    shown = [image for stage in case.stages[: last + 1] for image in stage.images]
    image = next((img for img in shown if img.file == question.image), None)
    if image is None:
        later = any(
            img.file == question.image for stage in case.stages[last + 1 :] for img in stage.images
        )
        files = [img.file for img in shown]
        diag(
            at + ("image",),
            f"the image `{question.image}` is "
            + ("shown only after the question is asked" if later else "not an image of this case"),
            "ask the question after the stage that shows it (`after:`)"
            if later
            else did_you_mean(question.image, files)
            or (
                f"use the `file` of an image shown by then: {', '.join(files)}"
                if files
                else "no image is shown by then: add one to a stage, or ask later"
            ),
        )
        return
    labels = [region.label for region in image.regions]
    for i, key in enumerate(question.keys):
        if key not in labels:
            diag(
                at + ("keys", i),
                f"`{key}` is not a region of the image `{image.file}`",
                did_you_mean(key, labels)
                or (
                    f"use a region label: {', '.join(dict.fromkeys(labels))}"
                    if labels
                    else "add `regions:` to the image first"
                ),
            )
    if len(set(question.keys)) < len(question.keys):
        diag(at + ("keys",), "a key is listed twice", "list each key once")


def _rank(pack: Pack, question: RankQuestion, at: tuple, diag) -> None:
    for i, item in enumerate(question.items):
        if question.items.index(item) < i:
            diag(at + ("items", i), f"`{item}` is listed twice", "list each item once")
        _maybe_entity(pack, item, at + ("items", i), "item", diag)


def _maybe_entity(pack: Pack, text: str, at: tuple, role: str, diag) -> None:
    """An id-like text that names no entity is most likely a typo of one: said as a warning,
    since short texts are allowed too."""
    if text in pack.entities or not set(text) <= _ID_CHARS or "-" not in text:
        return
    hint = did_you_mean(text, pack.entities)
    if hint:
        diag(
            at,
            f"the {role} `{text}` looks like an entity id but no entity has it; it will be "
            "shown as written",
            hint,
            severity="warning",
        )


__all__ = ["Id", "check_format", "check_questions"]
