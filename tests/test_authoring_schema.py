"""The JSON Schema: made from the loader's models, it accepts every valid pack and rejects the
broken ones whose mistake a schema can see (checked with the jsonschema package, draft 7)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from support import BROKEN, EXAMPLE, REPO, run_cli

from quiz.authoring.schema import schemas
from quiz.authoring.skeleton import new_pack
from quiz.pack.loader import load_pack

SCHEMAS = schemas()
# Broken packs in the corpus whose one mistake is visible in a single file's structure.
SCHEMA_ERRORS = [
    "bad-case-id",
    "case-not-mapping",
    "difficulty-not-number",
    "difficulty-out-of-range",
    "entities-not-list",
    "missing-answer",
    "missing-case-id",
    "missing-stages",
    "negative-magnification",
    "stage-without-text",
    "unknown-case-key",
    "unknown-entity-key",
    "unknown-format",
    "unknown-image-key",
    "unknown-image-kind",
    "unknown-pack-key",
    "yes-no-values",
]


def _validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(SCHEMAS[name])


def schema_errors(pack: Path) -> list[str]:
    """Every schema error of every file of *pack*, as `file: message`."""
    targets = [
        (pack / "pack.yaml", "pack.schema.json"),
        (pack / "entities.yaml", "entities.schema.json"),
    ]
    targets += [(f, "case.schema.json") for f in sorted((pack / "cases").rglob("*.yaml"))]
    out = []
    for file, name in targets:
        if not file.is_file():
            continue
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        out += [f"{file.name}: {e.message}" for e in _validator(name).iter_errors(data)]
    return out


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft_7_schema(name: str):
    jsonschema.Draft7Validator.check_schema(SCHEMAS[name])


def test_schema_accepts_the_example_pack_the_built_in_pack_and_a_new_skeleton(tmp_path: Path):
    new_pack(tmp_path / "skeleton")
    new_pack(tmp_path / "reusing", uses_ref=str(EXAMPLE), used=load_pack(EXAMPLE).pack)
    for pack in (EXAMPLE, REPO, tmp_path / "skeleton", tmp_path / "reusing"):
        assert load_pack(pack).ok
        assert schema_errors(pack) == [], pack


@pytest.mark.parametrize("name", SCHEMA_ERRORS)
def test_schema_rejects_a_broken_pack_whose_mistake_is_structural(name: str):
    assert load_pack(BROKEN / name).errors  # the loader refuses it ...
    assert schema_errors(BROKEN / name), (
        f"{name}: the schema let it through"
    )  # ... and so does the editor


def test_a_finding_key_that_breaks_the_pattern_is_refused_by_both():
    data = yaml.safe_load((EXAMPLE / "pack.yaml").read_text())
    data["findings"]["Bad Key"] = {"label": "x", "values": ["a"]}
    assert list(_validator("pack.schema.json").iter_errors(data))
    data["findings"].pop("Bad Key")
    data["version"] = 1.0  # the loader reads a number as the version text
    assert not list(_validator("pack.schema.json").iter_errors(data))


def test_schema_command_writes_the_three_files(tmp_path: Path):
    result = run_cli("schema", "-o", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    for name, schema in SCHEMAS.items():
        assert json.loads((tmp_path / "s" / name).read_text(encoding="utf-8")) == schema
    printed = run_cli("schema")
    assert json.loads(printed.stdout) == SCHEMAS
