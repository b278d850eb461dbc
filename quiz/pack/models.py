"""The case-pack format, versions 1 and 2, as typed models.

These models are the contract of PRODUCT.md: the loader validates every file against them
and `dermquiz schema` derives the JSON Schema from them, so the two never drift apart.
Keys beyond PRODUCT.md are optional and documented in docs/format.md.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

FORMAT_VERSIONS = (1, 2)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
FindingKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
ImageKind = Literal["clinical", "histology", "dermoscopy", "radiology"]


def _int_as_float(value: object) -> object:
    """YAML's 100 where a number with a fraction is meant (the models are strict)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


class _Model(BaseModel):
    # strict: YAML already gives typed values, and `difficulty: "3"` or `values: [yes, no]`
    # (booleans in YAML) are mistakes worth pointing at rather than coercing quietly.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Author(_Model):
    name: str
    email: str | None = None
    url: str | None = None


class FindingDef(_Model):
    label: str = Field(description="How the finding is named to learners.")
    values: list[str] | dict[str, str] = Field(
        min_length=1,
        description="The closed set of values it can take: a list of ids, or (format 2) "
        'a mapping {id: label} so an id like `linear-igg-c3` reads "linear IgG and C3".',
    )
    description: str | None = Field(default=None, description="Optional note for authors.")

    @field_validator("values")
    @classmethod
    def _unique(cls, values: list[str] | dict[str, str]) -> list[str] | dict[str, str]:
        if isinstance(values, dict):
            return values  # a mapping cannot hold a key twice (the reader reports that)
        seen = {v for v in values if values.count(v) > 1}
        if seen:
            raise ValueError(f"value {sorted(seen)[0]!r} is listed twice")
        return values

    def value_label(self, value: str) -> str:
        """What learners read for *value*: its label in format 2, else the id in words."""
        if isinstance(self.values, dict) and value in self.values:
            return self.values[value]
        return value.replace("-", " ").replace("_", " ")


class Manifest(_Model):
    """`pack.yaml`."""

    format: int = Field(description="Format version of the pack; 1.")
    id: Id = Field(description="Stable id; progress is stored against it.")
    title: str
    version: str = Field(default="0.0.0", description="The pack's own version, e.g. 1.0.0.")
    description: str = ""
    authors: list[Author] = Field(default_factory=list)
    license: str | None = None
    question: str = Field(
        default="What is the diagnosis?", description="The default question of every case."
    )
    uses: list[str] = Field(
        default_factory=list,
        description="Packs whose entities and findings this "
        "pack re-uses: a pack id the app knows, or a relative path.",
    )
    findings: dict[FindingKey, FindingDef] = Field(default_factory=dict)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        # `version: 1` or `version: 1.0` is plainly meant as text.
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value


class Entity(_Model):
    """One item of `entities.yaml`: a diagnosis the learner can choose."""

    id: Id
    name: str
    parent: Id | None = None
    synonyms: list[str] = Field(default_factory=list)
    codes: dict[str, str] = Field(
        default_factory=dict, description="Classification codes, e.g. ICD-10."
    )
    summary: str = ""
    features: dict[FindingKey, list[str]] = Field(
        default_factory=dict,
        description="Finding values that fit this entity; inherited by children "
        "unless they list the finding themselves.",
    )
    description: dict[str, Text] = Field(
        default_factory=dict, description="Markdown sections by name."
    )
    references: list[str] = Field(default_factory=list)


class Region(_Model):
    label: str
    box: tuple[float, float, float, float] = Field(
        description="x, y, width, height as fractions of the image (0 to 1)."
    )

    @field_validator("box", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        if isinstance(value, list):
            return tuple(
                float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value
            )
        return value

    @model_validator(mode="after")
    def _inside(self) -> Region:
        x, y, w, h = self.box
        if w <= 0 or h <= 0:
            raise ValueError("the box needs a width and a height above 0")
        if x < 0 or y < 0 or x + w > 1.0001 or y + h > 1.0001:
            raise ValueError(
                "the box must lie inside the image: x + width and y + height "
                "at most 1, none below 0"
            )
        return self


class ImageView(_Model):
    """Where a picture opens: a point and the width shown, both as fractions of the picture."""

    center: tuple[float, float] = Field(
        description="x, y of the point shown in the middle, as fractions of the image (0 to 1)."
    )
    field: float = Field(
        gt=0,
        le=1,
        description="The width shown, as a fraction of the image's width (1: all of it).",
    )

    @field_validator("center", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        if isinstance(value, list):
            return tuple(
                float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value
            )
        return value

    _float = field_validator("field", mode="before")(_int_as_float)

    @model_validator(mode="after")
    def _inside(self) -> ImageView:
        if not all(0 <= v <= 1 for v in self.center):
            raise ValueError("the center must lie inside the image: x and y from 0 to 1")
        return self


class Image(_Model):
    file: str = Field(description="Path relative to the pack's images/ folder.")
    kind: ImageKind
    caption: str = ""
    alt: str | None = Field(
        default=None, description="Text for screen readers and when images cannot be shown."
    )
    stain: str | None = None
    magnification: float | None = Field(default=None, gt=0, le=10_000)
    regions: list[Region] = Field(default_factory=list)
    view: ImageView | None = Field(
        default=None,
        description="Where the picture opens (a whole "
        "slide is large): its centre and the width shown.",
    )
    credit: str | None = None

    _float = field_validator("magnification", mode="before")(_int_as_float)


class Stage(_Model):
    name: str = ""
    text: Text
    images: list[Image] = Field(default_factory=list)
    reveals: list[FindingKey] | None = Field(
        default=None,
        description="The case's findings this stage makes known, so feedback can tell "
        "what the learner had seen when answering from what later stages showed. Default: found "
        "from the stage's text (a finding whose label or value it names).",
    )


QUESTION_KINDS = ("choose", "point", "rank", "concordance")
SCALE = (-2, -1, 0, 1, 2)
SCALE_WORDS = {
    -2: "much less likely",
    -1: "less likely",
    0: "neither more nor less likely",
    1: "more likely",
    2: "much more likely",
}
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class _Question(_Model):
    id: Id = Field(description="Unique in the case; progress is kept per (case, question).")
    after: str | None = Field(
        default=None,
        description="The name of the stage after which the "
        "question is asked (default: the last stage).",
    )
    prompt: Text = Field(default="", description="The question as the learner reads it.")
    weight: float = Field(
        default=1.0,
        gt=0,
        le=100,
        description="Weight in the case's credit "
        "(the weighted mean of its questions, the diagnosis weighing 1).",
    )
    explain: Text = Field(default="", description="Shown in the feedback, after the answer.")

    _float = field_validator("weight", mode="before")(_int_as_float)


class ChooseQuestion(_Question):
    """Key feature: pick up to `pick` of `choices`."""

    kind: Literal["choose"]
    prompt: Text = Field(min_length=1, description="The question as the learner reads it.")
    pick: int | None = Field(
        default=None,
        ge=1,
        le=50,
        description="How many the learner may choose (default: the number of keys).",
    )
    choices: dict[Id, ShortText] = Field(min_length=2, description="{id: label} of the short menu.")
    keys: list[Id] = Field(
        min_length=1, description="The right choices: the credit is the share of them chosen."
    )
    harmful: list[Id] = Field(
        default_factory=list, description="Choices that score 0 for the question when chosen."
    )

    @property
    def allowed(self) -> int:
        return self.pick if self.pick is not None else len(self.keys)


class PointQuestion(_Question):
    """Point at the picture: marks inside the key regions of an image."""

    kind: Literal["point"]
    prompt: Text = Field(min_length=1, description="The question as the learner reads it.")
    image: str = Field(description="The `file` of an image of a stage shown by then.")
    keys: list[str] = Field(min_length=1, description="Labels of that image's regions.")
    marks: int | None = Field(
        default=None,
        ge=1,
        le=20,
        description="How many marks the learner may place (default: the number of keys).",
    )

    @property
    def allowed(self) -> int:
        return self.marks if self.marks is not None else len(self.keys)


class RankQuestion(_Question):
    """Put in order, most likely first; the order written is the right one."""

    kind: Literal["rank"]
    prompt: Text = Field(
        default="Rank these, most likely first.",
        description="The question as the learner reads it.",
    )
    items: list[ShortText] = Field(
        min_length=2, max_length=20, description="Entity ids or short texts, in the right order."
    )


class ConcordanceQuestion(_Question):
    """Script concordance: how does a new fact change a hypothesis?"""

    kind: Literal["concordance"]
    hypothesis: ShortText = Field(description="An entity id or a short text.")
    new_information: Text = Field(min_length=1, description="The new fact.")
    panel: dict[int, int] = Field(
        description="How many experts chose each step of the scale "
        "-2 … +2 (a step left out counts 0)."
    )

    @field_validator("panel", mode="before")
    @classmethod
    def _steps(cls, value: object) -> object:
        # `+2:` reads as the number 2 already; a quoted "-2" is plainly meant as the step too.
        if isinstance(value, dict):
            out = {}
            for key, count in value.items():
                if isinstance(key, str) and key.strip().lstrip("+-").isdigit():
                    key = int(key.strip())
                out[key] = count
            return out
        return value

    @field_validator("panel", mode="after")
    @classmethod
    def _panel(cls, panel: dict[int, int]) -> dict[int, int]:
        wrong = [k for k in panel if k not in SCALE]
        if wrong:
            raise ValueError(f"the panel's steps are -2, -1, 0, 1 and 2, not {wrong[0]}")
        if any(v < 0 for v in panel.values()):
            raise ValueError("a panel count cannot be below 0")
        if sum(panel.values()) < 1:
            raise ValueError(
                "the panel needs at least one expert: give the number who chose each step"
            )
        return panel

    def votes(self, step: int) -> int:
        return self.panel.get(step, 0)


Question = Annotated[
    ChooseQuestion | PointQuestion | RankQuestion | ConcordanceQuestion, Field(discriminator="kind")
]


class Case(_Model):
    """One file in `cases/`."""

    id: Id
    title: str = ""
    difficulty: int = Field(default=3, ge=1, le=5)
    tags: list[str] = Field(default_factory=list)
    question: str | None = Field(default=None, description="Overrides the pack's question.")
    stages: list[Stage] = Field(min_length=1)
    findings: dict[FindingKey, str] = Field(default_factory=dict)
    answer: Id
    accept: list[Id] = Field(default_factory=list)
    options: list[Id] = Field(default_factory=list)
    feedback: dict[Id, Text] = Field(default_factory=dict)
    discussion: Text = ""
    references: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(
        default_factory=list,
        description="Format 2: more questions besides the diagnosis, each "
        "asked once the stage named in its `after` has been shown, in the order written.",
    )
