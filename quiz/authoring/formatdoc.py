"""The key-by-key reference of docs/format.md, made from the models and FIELD_DOCS.

`python -m quiz.authoring.formatdoc` rewrites the generated part of docs/format.md (between
the BEGIN/END markers); `--check` fails when it is out of date, so the reference cannot drift
from the models the loader uses.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from quiz.authoring.fielddocs import FIELD_DOCS
from quiz.authoring.schema import schemas
from quiz.pack import models

BEGIN = "<!-- BEGIN GENERATED REFERENCE: python -m quiz.authoring.formatdoc -->"
END = "<!-- END GENERATED REFERENCE -->"
# (model, the file or place it describes), in the order an author meets them
SECTIONS = [
    (models.Manifest, "`pack.yaml`"),
    (models.Author, "an item of `authors` in pack.yaml"),
    (models.FindingDef, "a finding under `findings:` in pack.yaml"),
    (models.Entity, "an item of the list in `entities.yaml`"),
    (models.Case, "a file in `cases/`"),
    (models.Stage, "an item of a case's `stages`"),
    (models.Image, "an item of a stage's `images`"),
    (models.Region, "an item of an image's `regions`"),
    (models.ImageView, "an image's `view`"),
    (
        models.ChooseQuestion,
        "a question of `kind: choose` (format 2): key features from a short menu",
    ),
    (models.PointQuestion, "a question of `kind: point` (format 2): marks on a picture"),
    (models.RankQuestion, "a question of `kind: rank` (format 2): a differential put in order"),
    (
        models.ConcordanceQuestion,
        "a question of `kind: concordance` (format 2): script concordance",
    ),
]


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "oneOf" in prop:
        return " or ".join(_type(p) for p in prop["oneOf"])
    if "anyOf" in prop:
        kinds = [_type(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(kinds) + (" (or empty)" if len(kinds) < len(prop["anyOf"]) else "")
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        size = (
            f" of {prop['minItems']}"
            if prop.get("minItems") == prop.get("maxItems") and "minItems" in prop
            else ""
        )
        return f"list{size} of {_type(prop.get('items', {}))}"
    if kind == "object":
        values = next(iter(prop.get("patternProperties", {}).values()), {})
        return f"mapping of key → {_type(values)}" if values else "mapping"
    if kind == "string":
        return "id" if prop.get("pattern") == "^[a-z0-9][a-z0-9-]*$" else "text"
    if kind == "integer":
        if "minimum" in prop and "maximum" in prop:
            return f"whole number {prop['minimum']}–{prop['maximum']}"
        return "whole number"
    if kind == "number":
        return "number"
    return kind or "any"


def _default(model: type[BaseModel], key: str) -> str:
    field = model.model_fields[key]
    if field.is_required():
        return "**required**"
    value = field.default if field.default is not PydanticUndefined else field.default_factory()
    if value is None:
        return "—"
    if value == "":
        return '`""`'
    return f"`{value!r}`".replace("'", '"') if isinstance(value, str) else f"`{value}`"


def _properties(model: type[BaseModel]) -> dict[str, Any]:
    all_schemas = schemas()
    for schema in all_schemas.values():
        if schema.get("title", "").startswith("DermQuiz pack") and model is models.Manifest:
            return schema["properties"]
        if schema.get("title", "").startswith("DermQuiz case") and model is models.Case:
            return schema["properties"]
        found = schema.get("definitions", {}).get(model.__name__)
        if found:
            return found["properties"]
    raise KeyError(model.__name__)


def render() -> str:
    out = [BEGIN, ""]
    for model, where in SECTIONS:
        props = _properties(model)
        out += [
            f"### {model.__name__}",
            "",
            f"Describes {where}.",
            "",
            "| key | type | default | meaning | example |",
            "| --- | --- | --- | --- | --- |",
        ]
        for key in model.model_fields:
            meaning, example = FIELD_DOCS[model.__name__][key]
            shown = "<br>".join(
                "&nbsp;" * (len(line) - len(line.lstrip())) + line.lstrip()
                for line in html.escape(example).split("\n")
            ).replace("|", "&#124;")
            out.append(
                f"| `{key}` | {_type(props[key])} | {_default(model, key)} | "
                f"{meaning.replace('|', chr(92) + '|')} | <code>{shown}</code> |"
            )
        out.append("")
    out.append(END)
    return "\n".join(out)


def reference_markdown() -> str:
    """The reference on its own (`dermquiz docs format`, and FORMAT.md in a new pack)."""
    body = render().replace(BEGIN, "").replace(END, "").strip()
    return (
        "# The DermQuiz pack format, key by key\n\n"
        "Made by the DermQuiz that wrote this file (`dermquiz docs format` prints it "
        "again); `dermquiz schema -o DIR` writes the JSON Schemas.\n\n" + body + "\n"
    )


def update(doc: Path) -> bool:
    """Rewrite the generated part of *doc*; True when it changed."""
    text = doc.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + render() + text[end:]
    if new != text:
        doc.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> int:
    doc = Path(__file__).resolve().parents[2] / "docs" / "format.md"
    if "--check" in argv:
        text = doc.read_text(encoding="utf-8")
        current = text[text.index(BEGIN) : text.index(END) + len(END)]
        if current != render():
            print(f"{doc} is out of date: run `python -m quiz.authoring.formatdoc`")
            return 1
        return 0
    print(f"{doc}: {'updated' if update(doc) else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
