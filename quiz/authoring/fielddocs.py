"""What every key of the pack format means, with an example: one table per model.

The JSON Schema (editor hover text) and docs/format.md are both made from these entries and
from the models themselves; a test checks that every model field has exactly one entry here.
"""

from __future__ import annotations

# model name -> key -> (meaning, example as YAML)
FIELD_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "Manifest": {
        "format": ("Version of the pack format the files are written in. This DermQuiz reads 1.",
                   "format: 1"),
        "id": ("The pack's stable id: lowercase letters, digits and dashes. Learners' progress "
               "is stored against it, so never change it once the pack is shared.",
               "id: calcinosis-cutis"),
        "title": ("The pack's name as learners see it.", "title: Calcinosis cutis"),
        "version": ("The pack's own version; raise it when you share a new edition. "
                    "Exports use it so that a new version updates the old one.", "version: 1.2.0"),
        "description": ("A sentence or two on what the pack covers.",
                        "description: Cases of calcium deposition in the skin."),
        "authors": ("Who wrote the pack: a list of `name` (and optional `email`, `url`).",
                    "authors: [{name: A. Author, email: a@example.org}]"),
        "license": ("The licence the pack is shared under (an SPDX id is clearest).",
                    "license: CC-BY-4.0"),
        "question": ("The question asked in every case that does not ask its own.",
                     "question: What type of calcinosis cutis is this?"),
        "uses": ("Packs whose entities and findings this pack re-uses: the id of a pack the app "
                 "knows, or a path relative to this pack's folder (a folder or a zip).",
                 "uses: [calcinosis-cutis]"),
        "findings": ("The vocabulary of findings shared by entities and cases: a mapping from a "
                     "finding key (lowercase, digits, `_` or `-`) to its label and values.",
                     "findings:\n  site: {label: Site, values: [face, ear, trunk]}"),
    },
    "Author": {
        "name": ("The author's name.", "name: A. Author"),
        "email": ("An e-mail address (optional).", "email: a@example.org"),
        "url": ("A web page (optional).", "url: https://example.org/a-author"),
    },
    "FindingDef": {
        "label": ("How the finding is named to learners, in feedback and the atlas.",
                  "label: Serum calcium and phosphate"),
        "values": ("The closed set of values it can take. Quote values YAML would read as "
                   "something else (`'yes'`, `'no'`, `'1'`).", "values: [normal, elevated]"),
        "description": ("A note for authors on how to judge the finding (optional).",
                        "description: Raised means above the laboratory's reference range."),
    },
    "Entity": {
        "id": ("The entity's id: lowercase letters, digits and dashes; cases refer to it.",
               "id: metastatic"),
        "name": ("The entity's name as learners see and type it.",
                 "name: Metastatic calcinosis cutis"),
        "parent": ("The id of the broader entity it belongs to; the tree of parents is the "
                   "taxonomy that gives partial credit. Leave out for a root.",
                   "parent: calcinosis-cutis"),
        "synonyms": ("Other names a learner may type for it.",
                     "synonyms: [metastatic calcification]"),
        "codes": ("Classification codes by system.", "codes: {ICD-10: L94.2}"),
        "summary": ("One sentence that defines it; shown with every answer.",
                    "summary: Calcium deposits in normal tissue because serum calcium or "
                    "phosphate is raised."),
        "features": ("The finding values that fit this entity, as lists. Children inherit "
                     "their parent's features unless they list the finding themselves. "
                     "Feedback contrasts a wrong choice with the case on these.",
                     "features:\n  calcium_phosphate: [elevated]\n  tissue_damage: [absent]"),
        "description": ("Markdown sections by name; `definition`, `clinical`, `histopathology` "
                        "and `laboratory` are shown in feedback, all of them in the atlas.",
                        "description:\n  histopathology: |\n    Basophilic deposits in the "
                        "dermis."),
        "references": ("Sources for what the entity says.",
                       "references:\n  - Textbook, edition, chapter."),
    },
    "Case": {
        "id": ("The case's id: lowercase letters, digits and dashes; unique in the pack. "
               "Progress is stored against it.", "id: white-plaque-cheek"),
        "title": ("A title shown only after the learner has answered (it may give the answer "
                  "away).", "title: Calcinosis cutis on the face"),
        "difficulty": ("How hard the case is, from 1 (easy) to 5.", "difficulty: 3"),
        "tags": ("Free words to select cases by.", "tags: [face, adult]"),
        "question": ("This case's own question, instead of the pack's.",
                     "question: Which entity explains the lesion?"),
        "stages": ("The case as it unfolds, revealed one stage after another: each with a "
                   "`name`, `text` and optional `images`.",
                   "stages:\n  - name: Presentation\n    text: A 46-year-old man ..."),
        "findings": ("The case's findings: finding key to one declared value. Feedback compares "
                     "them with the features of the learner's choice.",
                     "findings:\n  calcium_phosphate: normal\n  site: face"),
        "answer": ("The id of the entity that is the right answer.", "answer: idiopathic"),
        "accept": ("Further entity ids counted as fully right.",
                   "accept: [subepidermal-calcified-nodule]"),
        "options": ("Restricts the choices offered to these entity ids (must include the "
                    "answer); empty offers the whole taxonomy.",
                    "options: [idiopathic, dystrophic, metastatic]"),
        "feedback": ("Words for one particular wrong choice, by entity id; added to the "
                     "feedback built from the entities.",
                     "feedback:\n  metastatic: The laboratory values are normal."),
        "discussion": ("Teaching points in Markdown, shown after the answer.",
                       "discussion: |\n  Look for the preceding damage to the tissue."),
        "references": ("Sources of the case.", "references:\n  - Case report, journal, year."),
    },
    "Stage": {
        "name": ("The stage's heading.", "name: Biopsy"),
        "text": ("What the learner is told at this stage (required).",
                 "text: A skin biopsy is taken."),
        "images": ("The images shown at this stage.",
                   "images:\n  - {file: case-1/he.png, kind: histology, alt: ...}"),
    },
    "Image": {
        "file": ("The image file, relative to the pack's `images/` folder (forward slashes, "
                 "no `..`). PNG or JPEG, or a whole-slide file (SVS, NDPI, MRXS, pyramidal tiled "
                 "TIFF, ...).",
                 "file: white-plaque-cheek/he-100.png"),
        "kind": ("What the image is: clinical, histology, dermoscopy or radiology.",
                 "kind: histology"),
        "caption": ("A caption shown under the image.",
                    "caption: Basophilic calcium deposits in the dermis."),
        "alt": ("A description for screen readers and for terminals that cannot show images; "
                "validate warns when it is missing.",
                "alt: Dark purple amorphous masses among pink collagen."),
        "stain": ("The stain of a histology image.", "stain: H&E"),
        "magnification": ("The objective's magnification, a number above 0.",
                          "magnification: 100"),
        "regions": ("Places to zoom to: `label` and `box`.",
                    "regions:\n  - {label: calcium deposit, box: [0.35, 0.40, 0.25, 0.20]}"),
        "view": ("Where the image opens instead of whole: `center` and `field` (the width "
                 "shown), fractions of the image. Meant for whole-slide files.",
                 "view: {center: [0.42, 0.30], field: 0.05}"),
        "credit": ("Who made the image, and its licence.",
                   "credit: Schematic drawing, CC-BY-4.0"),
    },
    "ImageView": {
        "center": ("x and y of the point in the middle of the view, fractions of the image "
                   "(0 to 1) from the top left.", "center: [0.42, 0.30]"),
        "field": ("The width shown, a fraction of the image's width above 0, at most 1.",
                  "field: 0.05"),
    },
    "Region": {
        "label": ("What is in the box.", "label: calcium deposit"),
        "box": ("x, y, width and height as fractions of the image (0 to 1), from the top left.",
                "box: [0.35, 0.40, 0.25, 0.20]"),
    },
}
