"""The case-pack format, version 1, as typed models.

These models are the contract of PRODUCT.md: the loader validates every file against them
and `dermquiz schema` derives the JSON Schema from them, so the two never drift apart.
Keys beyond PRODUCT.md are optional and documented in docs/format.md.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

FORMAT_VERSIONS = (1,)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
FindingKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
ImageKind = Literal["clinical", "histology", "dermoscopy", "radiology"]


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
    values: list[str] = Field(min_length=1, description="The closed set of values it can take.")
    description: str | None = Field(default=None, description="Optional note for authors.")

    @field_validator("values")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        seen = {v for v in values if values.count(v) > 1}
        if seen:
            raise ValueError(f"value {sorted(seen)[0]!r} is listed twice")
        return values


class Manifest(_Model):
    """`pack.yaml`."""

    format: int = Field(description="Format version of the pack; 1.")
    id: Id = Field(description="Stable id; progress is stored against it.")
    title: str
    version: str = Field(default="0.0.0", description="The pack's own version, e.g. 1.0.0.")
    description: str = ""
    authors: list[Author] = Field(default_factory=list)
    license: str | None = None
    question: str = Field(default="What is the diagnosis?",
                          description="The default question of every case.")
    uses: list[str] = Field(default_factory=list, description="Packs whose entities and findings this "
                            "pack re-uses: a pack id the app knows, or a relative path.")
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
    codes: dict[str, str] = Field(default_factory=dict, description="Classification codes, e.g. ICD-10.")
    summary: str = ""
    features: dict[FindingKey, list[str]] = Field(
        default_factory=dict, description="Finding values that fit this entity; inherited by children "
        "unless they list the finding themselves.")
    description: dict[str, Text] = Field(default_factory=dict, description="Markdown sections by name.")
    references: list[str] = Field(default_factory=list)


class Region(_Model):
    label: str
    box: tuple[float, float, float, float] = Field(
        description="x, y, width, height as fractions of the image (0 to 1).")

    @field_validator("box", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        if isinstance(value, list):
            return tuple(float(v) if isinstance(v, int) and not isinstance(v, bool) else v
                         for v in value)
        return value

    @model_validator(mode="after")
    def _inside(self) -> Region:
        x, y, w, h = self.box
        if w <= 0 or h <= 0:
            raise ValueError("the box needs a width and a height above 0")
        if x < 0 or y < 0 or x + w > 1.0001 or y + h > 1.0001:
            raise ValueError("the box must lie inside the image: x + width and y + height "
                             "at most 1, none below 0")
        return self


class ImageView(_Model):
    """Where a picture opens: a point and the width shown, both as fractions of the picture."""

    center: tuple[float, float] = Field(
        description="x, y of the point shown in the middle, as fractions of the image (0 to 1).")
    field: float = Field(gt=0, le=1, description="The width shown, as a fraction of the "
                         "image's width (1: all of it).")

    @field_validator("center", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        if isinstance(value, list):
            return tuple(float(v) if isinstance(v, int) and not isinstance(v, bool) else v
                         for v in value)
        return value

    @field_validator("field", mode="before")
    @classmethod
    def _float(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value

    @model_validator(mode="after")
    def _inside(self) -> ImageView:
        if not all(0 <= v <= 1 for v in self.center):
            raise ValueError("the center must lie inside the image: x and y from 0 to 1")
        return self


class Image(_Model):
    file: str = Field(description="Path relative to the pack's images/ folder.")
    kind: ImageKind
    caption: str = ""
    alt: str | None = Field(default=None, description="Text for screen readers and when "
                            "images cannot be shown.")
    stain: str | None = None
    magnification: float | None = Field(default=None, gt=0, le=10_000)
    regions: list[Region] = Field(default_factory=list)
    view: ImageView | None = Field(default=None, description="Where the picture opens (a whole "
                                   "slide is large): its centre and the width shown.")
    credit: str | None = None

    @field_validator("magnification", mode="before")
    @classmethod
    def _float(cls, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value


class Stage(_Model):
    name: str = ""
    text: Text
    images: list[Image] = Field(default_factory=list)


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
