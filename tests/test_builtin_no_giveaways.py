"""Rule R1, commit before reveal: nothing a learner sees before answering a built-in case
names the answer.

Before answering, the learner sees every stage's name and text, every image's caption, alt
text and region labels, and the case's tags. None of these may contain the answer entity's
name, id or one of its synonyms, nor the name, id or a synonym of an entity below it in the tree
(e.g. "calciphylaxis" in a case whose answer is metastatic calcinosis), nor those of an
entity the case also accepts. Matching ignores case, treats spaces and hyphens alike and
counts whole words only, so "tophus" is caught in "gouty-tophus" but not in "tophuses".
"""

from __future__ import annotations

import hashlib
import re

import pytest
from support import REPO

from quiz.pack.loader import load_pack

_PACK = load_pack(REPO).pack
_CASES = _PACK.cases if _PACK is not None else []


def _pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s-]+", term.strip()) if w]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def _forbidden(pack, case) -> dict[str, str]:
    """Each forbidden term, mapped to the entity it belongs to."""
    ids = [case.answer, *case.accept]
    ids += [d for i in list(ids) for d in pack.taxonomy.descendants(i)]
    terms: dict[str, str] = {}
    for entity_id in ids:
        entity = pack.entities[entity_id]
        for term in (entity.name, entity.id, *entity.synonyms):
            terms[term] = entity_id
    return terms


def _shown_before_answer(case) -> list[tuple[str, str]]:
    """(where, text) for everything the learner can read before answering."""
    shown = [("tags", tag) for tag in case.tags]
    for number, stage in enumerate(case.stages, 1):
        where = f"stage {number} ({stage.name or 'unnamed'})"
        shown += [(f"{where} name", stage.name), (f"{where} text", str(stage.text))]
        for image in stage.images:
            at = f"{where} image {image.file}"
            shown += [(f"{at} caption", image.caption), (f"{at} alt", image.alt or "")]
            shown += [(f"{at} region", region.label) for region in image.regions]
    return shown


def _giveaways(pack, case) -> list[str]:
    found = []
    for term, entity_id in _forbidden(pack, case).items():
        pattern = _pattern(term)
        for where, text in _shown_before_answer(case):
            hit = pattern.search(" ".join(text.split()))
            if hit:
                found.append(f"{where}: {hit.group(0)!r} names {entity_id}")
    return found


def test_the_pack_loads():
    assert _PACK is not None
    assert len(_CASES) >= 30


@pytest.mark.parametrize("case", _CASES, ids=[c.id for c in _CASES])
def test_nothing_shown_before_answering_names_the_answer(case):
    assert _giveaways(_PACK, case) == []


def test_the_check_catches_a_planted_name():
    """The check is not vacuous: a caption, a region label or a tag naming the answer (or a
    child of it) in any spelling is caught."""
    case = next(c for c in _CASES if c.answer == "metastatic")
    stage = case.stages[-1]
    planted = case.model_copy(
        update={
            "tags": [*case.tags, "metastatic"],
            "stages": [
                *case.stages[:-1],
                stage.model_copy(
                    update={
                        "text": str(stage.text)
                        + " Compatible with calcific\nuraemic arteriolopathy.",
                    }
                ),
            ],
        }
    )
    found = _giveaways(_PACK, planted)
    assert any(f.startswith("tags") and "metastatic" in f for f in found)
    assert any("calciphylaxis" in f for f in found)

    osteoma = next(c for c in _CASES if c.answer == "osteoma-cutis")
    image_stage = next(s for s in osteoma.stages if s.images)
    image = image_stage.images[0]
    with_bone = osteoma.model_copy(
        update={
            "stages": [
                image_stage.model_copy(
                    update={
                        "images": [
                            image.model_copy(
                                update={
                                    "caption": "Schematic drawing: plate-like OSTEOMA-CUTIS in the dermis."
                                }
                            )
                        ]
                    }
                )
            ]
        }
    )
    assert any("caption" in f for f in _giveaways(_PACK, with_bone))


def test_whole_words_only():
    assert _pattern("tophus").search("a gouty-tophus here")
    assert not _pattern("tophus").search("tophuses")
    assert _pattern("calcific uraemic arteriolopathy").search("Calcific  uraemic-arteriolopathy")


# Captions, alt texts, region labels and tags describe what is drawn in an observer's words
# (colour, shape, place, magnification); the stage texts carry the pathologist's reading.
# So these short texts name no entity at all, and none of the words that already decide
# what the deposit is.
INTERPRETING_WORDS = [
    "calcium",
    "calcified",
    "calcification",
    "calcific",
    "bone",
    "bony",
    "osteocyte",
    "osteocytes",
    "osteoblast",
    "osteoblasts",
    "ossified",
    "tophus",
    "tophi",
    "urate",
    "oxalate",
    "milium-like",
    "milia",
]


@pytest.mark.parametrize("case", _CASES, ids=[c.id for c in _CASES])
def test_captions_alt_labels_and_tags_describe_without_interpreting(case):
    terms = dict.fromkeys(INTERPRETING_WORDS, "an interpretation")
    for entity in _PACK.entities.values():
        for term in (entity.name, entity.id, *entity.synonyms):
            terms[term] = entity.id
    short = [
        (where, text)
        for where, text in _shown_before_answer(case)
        if where == "tags" or where.endswith(("caption", "alt", "region"))
    ]
    found = [
        f"{where}: {hit.group(0)!r} names {what}"
        for term, what in terms.items()
        for where, text in short
        if (hit := _pattern(term).search(" ".join(text.split())))
    ]
    assert found == []


# An image's path shows wherever its picture cannot (no alt text, a file that fails to load,
# a screen reader, Anki's media names): so no folder or file name may name an entity or
# interpret the deposit either. The built-in images are filed by case, in a folder named by a
# hash of the case id (tools/drawing/case_images.py), since some case ids tell the story.
def _image_paths(case) -> list[tuple[str, str]]:
    return [
        (f"stage {n} image path", image.file.replace("/", " "))
        for n, stage in enumerate(case.stages, 1)
        for image in stage.images
    ]


def _path_giveaways(pack, case) -> list[str]:
    terms = dict.fromkeys(INTERPRETING_WORDS, "an interpretation")
    for entity in pack.entities.values():
        for term in (entity.name, entity.id, *entity.synonyms):
            terms[term] = entity.id
    return [
        f"{where}: {hit.group(0)!r} names {what}"
        for term, what in terms.items()
        for where, text in _image_paths(case)
        if (hit := _pattern(term).search(text))
    ]


@pytest.mark.parametrize("case", _CASES, ids=[c.id for c in _CASES])
def test_image_paths_name_no_entity(case):
    assert _path_giveaways(_PACK, case) == []
    folder = "case-" + hashlib.sha1(case.id.encode()).hexdigest()[:6]
    for _, text in _image_paths(case):
        assert text.split()[0] == folder, f"{text}: this case's images live in images/{folder}/"


def test_the_path_check_catches_an_entity_folder():
    case = next(
        c for c in _CASES if c.answer == "calciphylaxis" and any(s.images for s in c.stages)
    )
    stage = next(s for s in case.stages if s.images)
    image = stage.images[0]
    renamed = case.model_copy(
        update={
            "stages": [
                stage.model_copy(
                    update={
                        "images": [image.model_copy(update={"file": "calciphylaxis/he-40.jpg"})]
                    }
                )
            ]
        }
    )
    assert any("calciphylaxis" in f for f in _path_giveaways(_PACK, renamed))
    bone = renamed.model_copy(
        update={
            "stages": [
                stage.model_copy(
                    update={"images": [image.model_copy(update={"file": "case-1/bone-100.jpg"})]}
                )
            ]
        }
    )
    assert any("bone" in f for f in _path_giveaways(_PACK, bone))


# The shape of a case is seen before answering too: the header counts the stages from the
# first one, and the stage names show as they open. Neither may single out one diagnosis.
def test_every_stage_name_is_used_by_cases_of_several_answers():
    answers: dict[str, set[str]] = {}
    for case in _CASES:
        for stage in case.stages:
            answers.setdefault(stage.name.lower(), set()).add(case.answer)
    lonely = {name: sorted(a) for name, a in answers.items() if len(a) < 2}
    assert lonely == {}


def test_every_stage_count_is_used_by_cases_of_several_answers():
    answers: dict[int, set[str]] = {}
    for case in _CASES:
        answers.setdefault(len(case.stages), set()).add(case.answer)
    assert {n: sorted(a) for n, a in answers.items() if len(a) < 2} == {}


def test_stage_structures_vary():
    """At least ten cases do not run Presentation → Examination → Biopsy → Laboratory."""
    classic = ["presentation", "examination", "biopsy", "laboratory"]
    other = [c.id for c in _CASES if [s.name.lower() for s in c.stages] != classic]
    assert len(other) >= 10, other
