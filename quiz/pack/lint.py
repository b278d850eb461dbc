"""Advice for authors beyond the rules of checks.py: choices a case cannot tell apart from its
answer, distractors its findings rule out many times over, images larger than any screen or
export needs, and cases that read almost alike.

Severity follows what an author must act on: "warning" for what makes a case unfair or a pack
heavy (counted by `validate --strict`), "info" for what is only worth a look.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from pathlib import Path

from quiz.pack.diagnostics import Diagnostic
from quiz.pack.loader import Sources
from quiz.pack.models import Case
from quiz.pack.pack import Pack
from quiz.pack.paths import UnsafePath, image_file
from quiz.taxonomy import Taxonomy

# A 24-megapixel camera photo is the largest the app promises to show quickly; past that, or
# past this many bytes, the pack and every export carry weight no screen can show.
MAX_IMAGE_PIXELS = 25_000_000
MAX_IMAGE_BYTES = 10 * 1024 * 1024
EASY_DISTRACTOR = 3  # an offered option that this many findings rule out is easy to discard
SIMILAR = 0.8  # share of the wording (Jaccard of word triples) that makes two cases near-twins
_WORDS = re.compile(r"\w+")
MIN_SHINGLES = 8  # cases shorter than this say too little to compare
# A case's 8 smallest shingle hashes are its anchors; a twin (80% shared) shares 4 or more of
# them with a probability of 99%, while cases that only share a stage rarely do.
ANCHORS = 8
MIN_ANCHORS = 4
MAX_COMPARED = 10  # candidates compared word for word per case, at most
WINDOW = 30  # the latest cases met under an anchor that are counted (common phrases recur)


def lint_pack(pack: Pack, sources: Sources, *, check_images: bool = True) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for case in pack.cases:
        if case.answer in pack.entities:
            out += _choices(pack, case, sources)
        if case.questions:  # format 2
            from quiz.pack.question_lint import lint_questions

            out += lint_questions(pack, case, sources)
    if check_images:
        out += _image_sizes(pack, sources)
    out += _near_duplicates(pack, sources)
    return out


# -- choices ----------------------------------------------------------------------------


def excluded_by(tax: Taxonomy, entity_id: str, findings: dict[str, str]) -> list[str]:
    """The finding keys of *findings* whose value *entity_id*'s features do not fit."""
    features = tax.features(entity_id)
    return [k for k, v in findings.items() if k in features and v not in features[k]]


def rivals(pack: Pack, case: Case) -> tuple[list[str], bool]:
    """The wrong choices a case must let the learner rule out, and whether the author listed
    them: the case's `options`, else the entities beside the answer and beside each of its
    ancestors (answer, accepted ids, ancestors and descendants are never rivals)."""
    tax = pack.taxonomy
    near = {case.answer, *case.accept, *tax.ancestors(case.answer), *tax.descendants(case.answer)}
    if case.options:
        return [e for e in case.options if e in pack.entities and e not in near], True
    found: list[str] = []
    for eid in [case.answer, *tax.ancestors(case.answer)]:
        parent = tax.parent(eid)
        for sibling in tax.children(parent) if parent else tax.roots:
            if sibling not in near and sibling not in found:
                found.append(sibling)
    return found, False


def _choices(pack: Pack, case: Case, sources: Sources) -> list[Diagnostic]:
    tax = pack.taxonomy
    file = pack.case_files[case.id]
    answer_features = tax.features(case.answer)
    out = []
    candidates, listed = rivals(pack, case)
    for rival in candidates:
        against = excluded_by(tax, rival, case.findings)
        if not against:
            rival_features = tax.features(rival)
            telling = [
                k
                for k in rival_features
                if k in answer_features
                and k in pack.findings
                and not set(rival_features[k]) & set(answer_features[k])
            ]
            if not telling:
                continue  # the features say nothing that tells them apart: nothing to suggest
            key = telling[0]
            where = ("options",) if listed else ("findings",)
            out.append(
                sources.diag(
                    file,
                    where,
                    f"nothing in this case's findings rules out `{rival}`, so a learner "
                    f"who chooses it gets no reason why it is wrong",
                    f"state `{key}` in `findings` ({tax.label(rival)} expects "
                    f"{' or '.join(rival_features[key])}; {tax.label(case.answer)}, "
                    f"{' or '.join(answer_features[key])})",
                    severity="warning",
                )
            )
        elif listed and len(against) >= EASY_DISTRACTOR:
            out.append(
                sources.diag(
                    file,
                    ("options",),
                    f"the option `{rival}` is ruled out by {len(against)} of the "
                    f"case's findings ({', '.join(against)}): an easy distractor",
                    "fine for practice; for an exam, offer a choice closer to the answer",
                    severity="info",
                )
            )
    return out


# -- images -----------------------------------------------------------------------------


def _image_sizes(pack: Pack, sources: Sources) -> list[Diagnostic]:
    from PIL import Image

    from quiz.imaging.slide import is_slide

    out: list[Diagnostic] = []
    # Thousands of references name a few dozen files: each name is resolved once (image_file
    # resolves four paths), and each file is opened once even if named two ways.
    names: set[str] = set()
    seen: set[Path] = set()
    for case in pack.cases:
        file = pack.case_files[case.id]
        for s, stage in enumerate(case.stages):
            for i, image in enumerate(stage.images):
                if image.file in names:
                    continue
                names.add(image.file)
                try:
                    target = image_file(pack.root, image.file)
                except UnsafePath:
                    continue  # checks.py reports it
                if target in seen:
                    continue
                seen.add(target)
                if is_slide(target):
                    continue  # a whole slide is meant to be huge: the viewer reads its tiles
                try:
                    size = target.stat().st_size
                    with Image.open(target) as im:  # the header only: no pixels are decoded
                        w, h = im.size
                except Exception:  # unreadable images are reported by checks.py
                    continue
                at = ("stages", s, "images", i, "file")
                if w * h > MAX_IMAGE_PIXELS or size > MAX_IMAGE_BYTES:
                    out.append(
                        sources.diag(
                            file,
                            at,
                            f"the image `{image.file}` is {w}×{h} pixels, "
                            f"{size / 2**20:.1f} MiB: more than a screen or an export can use",
                            "downsize it to about 3,000 pixels on the long side (JPEG for photos); "
                            "the pack, its zip and every export get lighter",
                            severity="warning",
                        )
                    )
    return out


# -- near-duplicate cases ---------------------------------------------------------------


def _shingles(case: Case) -> set[int]:
    words = _WORDS.findall(" ".join(stage.text for stage in case.stages).casefold())
    return set(map(hash, zip(words, words[1:], words[2:])))


def _near_duplicates(pack: Pack, sources: Sources) -> list[Diagnostic]:
    """Each case that reads almost like an earlier one, reported once (with its first twin).

    Linear, not pairwise: a case's smallest shingle hashes (a bottom-k sketch) are its
    anchors, and only the earlier cases that share most of its anchors are compared word
    for word. Earlier cases are kept as sorted arrays of 8-byte hashes rather than sets of
    int objects: about 8 bytes a shingle instead of 70 (a set per case was +67 MB at its
    peak for 5,000 cases), and `set.intersection` takes an array as it is.
    """
    out = []
    kept: list[array | None] = []
    seen_under: dict[int, list[int]] = defaultdict(list)
    for n, case in enumerate(pack.cases):
        shingles = _shingles(case)
        if len(shingles) < MIN_SHINGLES:
            kept.append(None)
            continue
        ordered = sorted(shingles)
        kept.append(array("q", ordered))
        met: list[int] = []
        for anchor in ordered[:ANCHORS]:
            under = seen_under[anchor]
            met += under[-WINDOW:]
            under.append(n)
        if len(met) < MIN_ANCHORS:
            continue
        # Twins share most anchors; cases sharing a phrase or two do not. The most shared
        # first, ties in the order met (as Counter.most_common, without ranking them all).
        likely = sorted(
            (mc for mc in Counter(met).items() if mc[1] >= MIN_ANCHORS), key=lambda mc: -mc[1]
        )
        for m, _count in likely[:MAX_COMPARED]:
            other = kept[m]
            assert other is not None  # only cases with anchors are met under one
            if not SIMILAR * len(other) <= len(shingles) <= len(other) / SIMILAR:
                continue  # the Jaccard index is at most the ratio of the two sizes
            inter = len(shingles.intersection(other))
            score = inter / (len(other) + len(shingles) - inter)
            if score >= SIMILAR:
                out.append(_twin(pack, sources, pack.cases[m], case, score))
                break
    return out


def _twin(pack: Pack, sources: Sources, first: Case, second: Case, score: float) -> Diagnostic:
    same = first.answer == second.answer
    return sources.diag(
        pack.case_files[second.id],
        ("id",),
        f"the case `{second.id}` reads almost like `{first.id}` "
        f"({score:.0%} of the wording shared)" + ("" if same else ", with another answer"),
        "rewrite one of them, or remove the copy"
        if same
        else "fine for a deliberate contrast pair; otherwise check which answer is meant",
        severity="warning" if same else "info",
    )
