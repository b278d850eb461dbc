"""JSON Schema of the pack files, made from the same models the loader validates with.

Pydantic writes draft 2020-12; editors (the YAML language server among them) read draft 7
best, so the output is rewritten to the subset both drafts read alike: `definitions`, plain
`items` for the region box, and closed mappings. The loader stays the judge: it also checks
what a schema cannot (references between files, images), but what the schema rejects, the
loader rejects too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from quiz.authoring.fielddocs import FIELD_DOCS
from quiz.pack.models import FORMAT_VERSIONS, Case, Entity, Manifest

DRAFT = "http://json-schema.org/draft-07/schema#"
# file written -> (what it checks, the pack files it is for)
FILES = {
    "pack.schema.json": "pack.yaml",
    "entities.schema.json": "entities.yaml",
    "case.schema.json": "cases/*.yaml",
}


def schemas() -> dict[str, dict[str, Any]]:
    """The three schemas by file name."""
    pack = _tidy(Manifest.model_json_schema())
    props = pack["properties"]
    # The loader reads `version: 1` or `version: 1.0` as text; the schema must not be stricter.
    props["version"] = {
        "anyOf": [{"type": "string"}, {"type": "number"}],
        "default": "0.0.0",
        "description": props["version"].get("description", ""),
    }
    props["format"]["enum"] = list(FORMAT_VERSIONS)
    entities = _tidy(TypeAdapter(list[Entity]).json_schema())
    case = _tidy(Case.model_json_schema())
    # Each number of a region box is a fraction of the image (the sum rule stays the loader's).
    case["definitions"]["Region"]["properties"]["box"]["items"] = {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
    }
    case["definitions"]["ImageView"]["properties"]["center"]["items"] = {
        "type": "number",
        "minimum": 0,
        "maximum": 1,
    }
    # The panel's keys are the steps of the scale (YAML reads `-2:` as a number, JSON as text).
    panel = case["definitions"]["ConcordanceQuestion"]["properties"]["panel"]
    panel["propertyNames"] = {"enum": ["-2", "-1", "0", "1", "2", "+1", "+2"]}
    panel["additionalProperties"] = {"type": "integer", "minimum": 0}
    out = {"pack.schema.json": pack, "entities.schema.json": entities, "case.schema.json": case}
    titles = {
        "pack.schema.json": "DermQuiz pack manifest (pack.yaml)",
        "entities.schema.json": "DermQuiz entities (entities.yaml)",
        "case.schema.json": "DermQuiz case (a file in cases/)",
    }
    for name, schema in out.items():
        schema.pop("title", None)
        out[name] = {
            "$schema": DRAFT,
            "title": f"{titles[name]}, format {max(FORMAT_VERSIONS)}",
            **schema,
        }
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into *folder* (made if missing); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def modeline(schema_file: str) -> str:
    """The comment that makes the YAML language server check a file against *schema_file*."""
    return f"# yaml-language-server: $schema={schema_file}"


def _tidy(schema: dict[str, Any]) -> dict[str, Any]:
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    _walk(schema)
    return schema


def _walk(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        node["$ref"] = "#/definitions/" + ref[len("#/$defs/") :]
    prefix = node.pop("prefixItems", None)
    if prefix is not None:
        # A tuple of one type (the region box) is the same as a list of fixed length.
        types = {json.dumps(p, sort_keys=True) for p in prefix}
        node["items"] = prefix[0] if len(types) == 1 else {}
    if "patternProperties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = (
            False  # keys that fail the pattern are errors, as in the loader
        )
    title = node.get("title")
    docs = FIELD_DOCS.get(title, {}) if isinstance(title, str) and "properties" in node else {}
    for key, prop in node.get("properties", {}).items() if docs else ():
        if key in docs and isinstance(prop, dict):
            prop["description"] = docs[key][0]
            prop.pop("title", None)
    for value in node.values():
        _walk(value)
