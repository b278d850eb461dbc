"""A small format-1 pack written by the tests of grading, feedback and sessions: two families
(vasculitis, eczema) three levels deep, entity descriptions with every section, references
shared between a case and its answer, and cases whose difficulties and answers make the
learn order's interleaving visible."""

from __future__ import annotations

from pathlib import Path

from support import write_pack

PACK = """\
format: 1
id: teaching
title: Vasculitis and eczema
version: 1.0.0
license: CC-BY-4.0
question: What is the diagnosis?
findings:
  infiltrate:
    label: Infiltrate
    values: [around-small_vessels, lymphocytes, eosinophils]
  dust:
    label: Nuclear dust
    values: [present, absent]
  complement:
    label: Serum complement
    values: [low, normal]
"""

ENTITIES = """\
- id: vasculitis
  name: Small-vessel vasculitis
  summary: Inflammation of the walls of small vessels.
  features:
    infiltrate: [around-small_vessels]
  references: ["Vasculitis review, 2020."]
- id: lcv
  parent: vasculitis
  name: Leukocytoclastic vasculitis
  synonyms: [hypersensitivity vasculitis]
  summary: Neutrophils and their nuclear dust in the walls of venules.
  features:
    dust: [present]
  description:
    definition: LCV-DEFINITION a vasculitis of postcapillary venules.
    clinical: LCV-CLINICAL palpable purpura of the legs.
    histopathology: LCV-HISTOPATHOLOGY fibrin and nuclear dust in the vessel walls.
    laboratory: LCV-LABORATORY look for a cause in the urine and the blood.
    associations: LCV-ASSOCIATIONS drugs and infections.
  references: ["Shared atlas, chapter 4.", LCV monograph.]
- id: urticarial-vasculitis
  parent: vasculitis
  name: Urticarial vasculitis
  summary: Wheals that last longer than a day.
  features:
    dust: [absent, present]
    complement: [low]
- id: eczema
  name: Spongiotic dermatitis
  summary: Fluid between the keratinocytes.
  features:
    infiltrate: [lymphocytes, eosinophils]
    dust: [absent]
- id: allergic-contact
  parent: eczema
  name: Allergic contact dermatitis
  summary: A delayed reaction to something that touched the skin.
- id: nickel-allergy
  parent: allergic-contact
  name: Nickel allergy
  summary: Allergic contact dermatitis where a buckle or a watch touches.
"""


def _case(case_id: str, answer: str, difficulty: int, **extra: str) -> str:
    lines = [
        f"id: {case_id}",
        f"difficulty: {difficulty}",
        "stages:",
        "  - name: Presentation",
        f"    text: A patient whose diagnosis is {case_id}.",
        f"answer: {answer}",
    ]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


# Sorted by (difficulty, id): a, b, c (all lcv), e (urticarial), d (eczema).
CASES = {
    "a-purpura": _case("a-purpura", "lcv", 1, tags="[Legs]"),
    "b-purpura": _case("b-purpura", "lcv", 1),
    "c-purpura": _case("c-purpura", "lcv", 2, tags="[legs, drugs]"),
    "d-eczema": _case("d-eczema", "allergic-contact", 3, tags="[hands]"),
    "e-wheals": _case("e-wheals", "urticarial-vasculitis", 2),
    # The case the feedback tests read: findings written out of the pack's order, a title,
    # an accepted synonym-entity, words for one wrong choice, references shared with the answer.
    "purpura-legs": """\
id: purpura-legs
title: Palpable purpura after antibiotics
difficulty: 5
stages:
  - text: Palpable purpura on both shins a week after amoxicillin.
  - text: "A punch biopsy: the complement is low."
    reveals: [complement]
  - text: Fibrin in the walls of the venules, with nuclear dust.
    reveals: [dust]
findings:
  dust: present
  complement: low
  infiltrate: around-small_vessels
answer: lcv
accept: [urticarial-vasculitis]
feedback:
  urticarial-vasculitis: Accepted here, but the wheals would have lasted longer.
  eczema: Spongiosis is not what this biopsy shows.
references: [Case report of drug-induced purpura., "Shared atlas, chapter 4."]
""",
}


def write_teaching_pack(folder: Path) -> Path:
    return write_pack(folder, PACK, ENTITIES, CASES)
