"""A small pack on another topic than calcinosis, written by the tests: blistering diseases
with a parent whose synonym ("pemphigus group") begins like its children's names."""

from __future__ import annotations

from pathlib import Path

from support import write_pack

PACK = """\
format: 1
id: blistering
title: Blistering diseases
version: 1.0.0
license: CC-BY-4.0
question: Which blistering disease is this?
findings:
  split:
    label: Level of the split
    values: [intraepidermal, subepidermal]
  immunofluorescence:
    label: Direct immunofluorescence
    values: [intercellular, linear-bmz, granular-papillary]
  eosinophils:
    label: Eosinophils
    values: [many, few]
"""

ENTITIES = """\
- id: intraepidermal
  name: Intraepidermal autoimmune blistering
  synonyms: [pemphigus group]
  summary: Autoantibodies against desmosomes; the split is inside the epidermis.
  features:
    split: [intraepidermal]
    immunofluorescence: [intercellular]
- id: pemphigus-vulgaris
  parent: intraepidermal
  name: Pemphigus vulgaris
  synonyms: [PV]
  summary: A suprabasal split with a row of tombstones.
- id: pemphigus-foliaceus
  parent: intraepidermal
  name: Pemphigus foliaceus
  summary: A subcorneal split.
- id: subepidermal
  name: Subepidermal autoimmune blistering
  summary: Autoantibodies against the basement membrane zone.
  features:
    split: [subepidermal]
- id: bullous-pemphigoid
  parent: subepidermal
  name: Bullous pemphigoid
  synonyms: [BP, pemphigoid]
  summary: Tense blisters in the elderly, eosinophils, linear IgG and C3.
  features:
    immunofluorescence: [linear-bmz]
    eosinophils: [many]
- id: dermatitis-herpetiformis
  parent: subepidermal
  name: Dermatitis herpetiformis
  synonyms: [Duhring disease]
  summary: Itchy grouped vesicles; neutrophils in the papillae; granular IgA.
  features:
    immunofluorescence: [granular-papillary]
    eosinophils: [few]
"""

CASES = {
    "tense-blisters": """\
id: tense-blisters
title: Bullous pemphigoid in an old man
difficulty: 2
tags: [elderly]
stages:
  - name: Presentation
    text: An 82-year-old man has itchy tense blisters on his thighs and flexures.
  - name: Biopsy
    text: A subepidermal blister with many eosinophils.
  - name: Immunofluorescence
    text: Linear IgG and C3 along the basement membrane zone.
findings:
  split: subepidermal
  immunofluorescence: linear-bmz
  eosinophils: many
answer: bullous-pemphigoid
discussion: The commonest autoimmune blistering disease of old age.
""",
    "elbow-vesicles": """\
id: elbow-vesicles
title: Dermatitis herpetiformis on the elbows
difficulty: 3
tags: [gluten]
stages:
  - name: Presentation
    text: A 30-year-old woman has intensely itchy grouped vesicles on her elbows and buttocks.
  - name: Immunofluorescence
    text: Granular IgA in the dermal papillae.
findings:
  split: subepidermal
  immunofluorescence: granular-papillary
  eosinophils: few
answer: dermatitis-herpetiformis
discussion: Look for coeliac disease.
""",
    "flaccid-erosions": """\
id: flaccid-erosions
title: Pemphigus vulgaris with mouth erosions
difficulty: 1
stages:
  - name: Presentation
    text: A 50-year-old woman has painful mouth erosions and flaccid blisters on her trunk.
  - name: Biopsy
    text: A suprabasal split; basal cells stay on the floor like a row of tombstones.
findings:
  split: intraepidermal
  immunofluorescence: intercellular
answer: pemphigus-vulgaris
discussion: Desmoglein 3 antibodies.
""",
}


def write_blistering_pack(folder: Path) -> Path:
    return write_pack(folder, PACK, ENTITIES, CASES)
