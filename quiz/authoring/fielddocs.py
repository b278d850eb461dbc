"""What every key of the pack format means, with an example: one table per model.

The JSON Schema (editor hover text) and docs/format.md are both made from these entries and
from the models themselves; a test checks that every model field has exactly one entry here.
"""

from __future__ import annotations


# model name -> key -> (meaning, example as YAML)
def _question_keys(prompt: tuple[str, str]) -> dict[str, tuple[str, str]]:
    """The keys every kind of question has (format 2), in the order the reference lists them."""
    return {
        "id": (
            "The question's id, unique in the case; progress is kept per (case, question).",
            "id: next-step",
        ),
        "after": (
            "The name of the stage after which the question is asked; default: the last stage.",
            "after: Biopsy",
        ),
        "prompt": prompt,
        "weight": ("Its weight in the case's credit (the diagnosis weighs 1).", "weight: 2"),
        "explain": (
            "Why the answer is what it is; shown in the feedback.",
            "explain: Calcium oxalate is birefringent.",
        ),
    }


FIELD_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "Manifest": {
        "format": (
            "Version of the pack format the files are written in. This DermQuiz reads 1 "
            "and 2; format 2 adds `questions` to cases and `{id: label}` finding values.",
            "format: 2",
        ),
        "id": (
            "The pack's stable id: lowercase letters, digits and dashes. Learners' progress "
            "is stored against it, so never change it once the pack is shared.",
            "id: calcinosis-cutis",
        ),
        "title": ("The pack's name as learners see it.", "title: Calcinosis cutis"),
        "version": (
            "The pack's own version; raise it when you share a new edition. "
            "Exports use it so that a new version updates the old one.",
            "version: 1.2.0",
        ),
        "description": (
            "A sentence or two on what the pack covers.",
            "description: Cases of calcium deposition in the skin.",
        ),
        "authors": (
            "Who wrote the pack: a list of `name` (and optional `email`, `url`).",
            "authors: [{name: A. Author, email: a@example.org}]",
        ),
        "license": (
            "The licence the pack is shared under (an SPDX id is clearest).",
            "license: CC-BY-4.0",
        ),
        "question": (
            "The question asked in every case that does not ask its own.",
            "question: What type of calcinosis cutis is this?",
        ),
        "uses": (
            "Packs whose entities and findings this pack re-uses: the id of a pack the app "
            "knows, or a path relative to this pack's folder (a folder or a zip).",
            "uses: [calcinosis-cutis]",
        ),
        "findings": (
            "The vocabulary of findings shared by entities and cases: a mapping from a "
            "finding key (lowercase, digits, `_` or `-`) to its label and values.",
            "findings:\n  site: {label: Site, values: [face, ear, trunk]}",
        ),
    },
    "Author": {
        "name": ("The author's name.", "name: A. Author"),
        "email": ("An e-mail address (optional).", "email: a@example.org"),
        "url": ("A web page (optional).", "url: https://example.org/a-author"),
    },
    "FindingDef": {
        "label": (
            "How the finding is named to learners, in feedback and the atlas.",
            "label: Serum calcium and phosphate",
        ),
        "values": (
            "The closed set of values it can take: a list of ids, or in format 2 a mapping "
            "{id: label} so that learners read the label. Quote values YAML would read as "
            "something else (`'yes'`, `'no'`, `'1'`).",
            "values: {linear-igg-c3: linear IgG and C3, granular-iga: granular IgA}",
        ),
        "description": (
            "A note for authors on how to judge the finding (optional).",
            "description: Raised means above the laboratory's reference range.",
        ),
    },
    "Entity": {
        "id": (
            "The entity's id: lowercase letters, digits and dashes; cases refer to it.",
            "id: metastatic",
        ),
        "name": (
            "The entity's name as learners see and type it.",
            "name: Metastatic calcinosis cutis",
        ),
        "parent": (
            "The id of the broader entity it belongs to; the tree of parents is the "
            "taxonomy that gives partial credit. Leave out for a root.",
            "parent: calcinosis-cutis",
        ),
        "synonyms": (
            "Other names a learner may type for it.",
            "synonyms: [metastatic calcification]",
        ),
        "codes": ("Classification codes by system.", "codes: {ICD-10: L94.2}"),
        "summary": (
            "One sentence that defines it; shown with every answer.",
            "summary: Calcium deposits in normal tissue because serum calcium or "
            "phosphate is raised.",
        ),
        "features": (
            "The finding values that fit this entity, as lists. Children inherit "
            "their parent's features unless they list the finding themselves. "
            "Feedback contrasts a wrong choice with the case on these.",
            "features:\n  calcium_phosphate: [elevated]\n  tissue_damage: [absent]",
        ),
        "description": (
            "Markdown sections by name; `definition`, `clinical`, `histopathology` "
            "and `laboratory` are shown in feedback, all of them in the atlas.",
            "description:\n  histopathology: |\n    Basophilic deposits in the dermis.",
        ),
        "references": (
            "Sources for what the entity says.",
            "references:\n  - Textbook, edition, chapter.",
        ),
    },
    "Case": {
        "id": (
            "The case's id: lowercase letters, digits and dashes; unique in the pack. "
            "Progress is stored against it.",
            "id: white-plaque-cheek",
        ),
        "title": (
            "A title shown only after the learner has answered (it may give the answer away).",
            "title: Calcinosis cutis on the face",
        ),
        "difficulty": ("How hard the case is, from 1 (easy) to 5.", "difficulty: 3"),
        "tags": ("Free words to select cases by.", "tags: [face, adult]"),
        "question": (
            "This case's own question, instead of the pack's.",
            "question: Which entity explains the lesion?",
        ),
        "stages": (
            "The case as it unfolds, revealed one stage after another: each with a "
            "`name`, `text` and optional `images`.",
            "stages:\n  - name: Presentation\n    text: A 46-year-old man ...",
        ),
        "findings": (
            "The case's findings: finding key to one declared value. Feedback compares "
            "them with the features of the learner's choice.",
            "findings:\n  calcium_phosphate: normal\n  site: face",
        ),
        "answer": ("The id of the entity that is the right answer.", "answer: idiopathic"),
        "accept": (
            "Further entity ids counted as fully right.",
            "accept: [subepidermal-calcified-nodule]",
        ),
        "options": (
            "Restricts the choices offered to these entity ids (must include the "
            "answer); empty offers the whole taxonomy.",
            "options: [idiopathic, dystrophic, metastatic]",
        ),
        "feedback": (
            "Words for one particular wrong choice, by entity id; added to the "
            "feedback built from the entities.",
            "feedback:\n  metastatic: The laboratory values are normal.",
        ),
        "discussion": (
            "Teaching points in Markdown, shown after the answer.",
            "discussion: |\n  Look for the preceding damage to the tissue.",
        ),
        "references": ("Sources of the case.", "references:\n  - Case report, journal, year."),
        "questions": (
            "Format 2: questions besides the diagnosis (which stays the main one), each "
            "asked once the stage in its `after` has been shown: `kind` choose, point, "
            "rank or concordance (see their tables below). The case's credit is the "
            "weighted mean of the diagnosis (weight 1) and these.",
            "questions:\n  - id: where\n    after: Biopsy\n    kind: point\n"
            "    prompt: Point to the deposit.\n    image: case-1/he.png\n"
            "    keys: [calcium deposit]",
        ),
    },
    "Stage": {
        "name": ("The stage's heading.", "name: Biopsy"),
        "text": (
            "What the learner is told at this stage (required).",
            "text: A skin biopsy is taken.",
        ),
        "images": (
            "The images shown at this stage.",
            "images:\n  - {file: case-1/he.png, kind: histology, alt: ...}",
        ),
        "reveals": (
            "Finding keys of the case this stage makes known, so feedback can separate "
            "what the learner had seen when answering from what later stages showed. "
            "Without it, a finding counts as shown by the first stage whose text names "
            "its label or value.",
            "reveals: [calcium_phosphate]",
        ),
    },
    "Image": {
        "file": (
            "The image file, relative to the pack's `images/` folder (forward slashes, "
            "no `..`). PNG or JPEG, or a whole-slide file (SVS, NDPI, MRXS, pyramidal tiled "
            "TIFF, ...).",
            "file: white-plaque-cheek/he-100.png",
        ),
        "kind": (
            "What the image is: clinical, histology, dermoscopy or radiology.",
            "kind: histology",
        ),
        "caption": (
            "A caption shown under the image.",
            "caption: Basophilic calcium deposits in the dermis.",
        ),
        "alt": (
            "A description for screen readers and for terminals that cannot show images; "
            "validate warns when it is missing.",
            "alt: Dark purple amorphous masses among pink collagen.",
        ),
        "stain": ("The stain of a histology image.", "stain: H&E"),
        "magnification": ("The objective's magnification, a number above 0.", "magnification: 100"),
        "regions": (
            "Places to zoom to: `label` and `box`.",
            "regions:\n  - {label: calcium deposit, box: [0.35, 0.40, 0.25, 0.20]}",
        ),
        "view": (
            "Where the image opens instead of whole: `center` and `field` (the width "
            "shown), fractions of the image. Meant for whole-slide files.",
            "view: {center: [0.42, 0.30], field: 0.05}",
        ),
        "credit": ("Who made the image, and its licence.", "credit: Schematic drawing, CC-BY-4.0"),
    },
    "ImageView": {
        "center": (
            "x and y of the point in the middle of the view, fractions of the image "
            "(0 to 1) from the top left.",
            "center: [0.42, 0.30]",
        ),
        "field": (
            "The width shown, a fraction of the image's width above 0, at most 1.",
            "field: 0.05",
        ),
    },
    "Region": {
        "label": ("What is in the box.", "label: calcium deposit"),
        "box": (
            "x, y, width and height as fractions of the image (0 to 1), from the top left.",
            "box: [0.35, 0.40, 0.25, 0.20]",
        ),
    },
    "ChooseQuestion": {
        **_question_keys(
            prompt=(
                "The question as the learner reads it (required).",
                "prompt: Which examination next?",
            )
        ),
        "kind": ("`choose`.", "kind: choose"),
        "pick": (
            'How many choices the learner may mark ("up to N"); default: the number of keys. Choosing more scores 0.',
            "pick: 1",
        ),
        "choices": (
            "The short menu: {id: label}, at least two.",
            "choices: {polarised: Polarised light, von-kossa: Von Kossa stain}",
        ),
        "keys": ("The right choices; the credit is the share of them chosen.", "keys: [polarised]"),
        "harmful": ("Choices that score 0 for the question when chosen.", "harmful: [excision]"),
    },
    "PointQuestion": {
        **_question_keys(
            prompt=(
                "The question as the learner reads it (required).",
                "prompt: Point to the crystals.",
            )
        ),
        "kind": ("`point`.", "kind: point"),
        "image": (
            "The `file` of an image of a stage shown by the time the question is asked.",
            "image: oxalosis/he-100.jpg",
        ),
        "keys": (
            "Labels of that image's `regions`; a mark inside a region of a key hits it.",
            "keys: [crystals]",
        ),
        "marks": (
            "How many marks the learner may place; default: the number of keys. Credit: keys hit ÷ max(keys, marks placed).",
            "marks: 1",
        ),
    },
    "RankQuestion": {
        **_question_keys(
            prompt=(
                "The question as the learner reads it; default: Rank these, most likely first.",
                "prompt: Rank the differential.",
            )
        ),
        "kind": ("`rank`.", "kind: rank"),
        "items": (
            "Entity ids (shown by name) or short texts, written in the right order. Credit: the longest run of the learner's order that keeps this relative order ÷ the number of items.",
            "items: [cutaneous-oxalosis, calciphylaxis, gouty-tophus]",
        ),
    },
    "ConcordanceQuestion": {
        **_question_keys(
            prompt=(
                "The question as the learner reads it; default: If you were thinking of the hypothesis, and then learn this, it becomes…",
                "prompt: How does this change the hypothesis?",
            )
        ),
        "kind": ("`concordance`.", "kind: concordance"),
        "hypothesis": (
            "An entity id (shown by name) or a short text.",
            "hypothesis: calciphylaxis",
        ),
        "new_information": (
            "The new fact the learner weighs.",
            "new_information: Polarised light shows birefringent crystals.",
        ),
        "panel": (
            "How many experts chose each step of the scale -2 (much less likely) … +2 (much more likely); a step left out counts 0; at least one expert. Credit: the votes for the learner's step ÷ the votes for the most chosen step.",
            "panel: {-2: 9, -1: 3, 0: 1, 1: 0, 2: 0}",
        ),
    },
}
