"""The PRODUCT.md example loads exactly as written; unusual but valid packs load too."""

from __future__ import annotations

from pathlib import Path

from support import EXAMPLE, run_cli

from quiz.pack.loader import load_pack


def test_the_product_example_validates_with_only_unused_entity_warnings():
    result = load_pack(EXAMPLE)
    assert result.ok
    pack = result.pack
    assert pack.id == "calcinosis-cutis" and pack.version == "1.0.0"
    case = pack.case("white-plaque-cheek")
    assert [s.name for s in case.stages] == ["Presentation", "Examination", "Biopsy", "Laboratory"]
    image = case.stages[2].images[0]
    assert (image.stain, image.magnification, image.regions[0].label) == (
        "H&E",
        100,
        "calcium deposit",
    )
    assert pack.taxonomy.features("subepidermal-calcified-nodule") == {
        "site": ["face", "ear"],
        "calcium_phosphate": ["normal"],
        "tissue_damage": ["absent"],
    }
    assert {d.message.split("`")[1] for d in result.warnings} == {
        "metastatic",
        "subepidermal-calcified-nodule",
    }


def test_validate_exit_codes_and_json(example_pack: Path):
    assert run_cli("validate", str(example_pack)).returncode == 0
    strict = run_cli("validate", "--strict", str(example_pack))
    assert strict.returncode == 1 and "no case has the entity `metastatic`" in strict.stdout
    import json

    report = json.loads(run_cli("validate", "--json", str(example_pack)).stdout)
    assert report["packs"][0]["warnings"] == 2 and report["packs"][0]["errors"] == 0


def _rewrite(pack: Path, transform) -> None:
    for file in [
        pack / "pack.yaml",
        pack / "entities.yaml",
        *sorted((pack / "cases").glob("*.yaml")),
    ]:
        file.write_bytes(transform(file.read_bytes()))


def test_byte_order_marks_and_crlf_line_endings_load(example_pack: Path):
    _rewrite(example_pack, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"))
    result = load_pack(example_pack)
    assert result.ok, [d.format() for d in result.errors]
    assert result.pack.case("white-plaque-cheek").stages[0].text.endswith("25 years.")


def test_non_ascii_text_loads_and_plays(example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    text = case.read_text(encoding="utf-8").replace(
        "A skin biopsy is taken.", "Biopsie cutanée — 活检 — βιοψία, 3 × 4 mm."
    )
    case.write_text(text, encoding="utf-8")
    result = load_pack(example_pack)
    assert result.ok
    assert "活检" in result.pack.case("white-plaque-cheek").stages[2].text
    played = run_cli("play", str(example_pack), "--plain", input="\n\nidiopathic\n3\n")
    assert "Biopsie cutanée — 活检 — βιοψία" in played.stdout


def test_escape_sequences_in_pack_text_never_reach_the_terminal(example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    text = case.read_text(encoding="utf-8").replace(
        "text: A skin biopsy is taken.",
        'text: "A skin \\e[2J\\e]0;pwned\\a biopsy\\x9b31m is taken."',
    )
    case.write_text(text, encoding="utf-8")
    validated = run_cli("validate", str(example_pack))
    assert "control characters" in validated.stdout and "\x1b" not in validated.stdout
    played = run_cli("play", str(example_pack), "--plain", input="\n\nidiopathic\n3\n")
    assert (
        "\x1b" not in played.stdout and "\x9b" not in played.stdout and "\x07" not in played.stdout
    )
    assert "A skin  biopsy31m is taken." in played.stdout


def test_a_pack_can_use_another_packs_entities_by_relative_path(example_pack: Path, tmp_path: Path):
    course = tmp_path / "course"
    (course / "cases").mkdir(parents=True)
    (course / "pack.yaml").write_text(
        "format: 1\nid: my-course\ntitle: My course\nquestion: Which one?\nuses: [../example]\n",
        encoding="utf-8",
    )
    (course / "cases" / "one.yaml").write_text(
        "id: one\nstages:\n  - text: Normal calcium, old plaque on the ear of a child.\n"
        "findings: {site: ear, calcium_phosphate: normal}\nanswer: subepidermal-calcified-nodule\n",
        encoding="utf-8",
    )
    result = load_pack(course)
    assert result.ok, [d.format() for d in result.errors]
    assert "idiopathic" in result.pack.entities and result.pack.findings["site"].label == "Site"


def test_a_damaged_zip_named_in_uses_is_reported_at_its_line(example_pack: Path):
    (example_pack / "other.zip").write_bytes(b"PK\x03\x04 not really a zip")
    manifest = example_pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("uses: []", "uses: [other.zip]"),
        encoding="utf-8",
    )
    result = run_cli("validate", str(example_pack))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pack.yaml:9:" in result.stdout and "other.zip" in result.stdout


def test_an_unclosed_bracket_at_the_end_of_a_file_is_located_where_it_opens(example_pack: Path):
    case = next((example_pack / "cases").glob("*.yaml"))
    text = case.read_text(encoding="utf-8").rstrip("\n")
    lines = text.splitlines()
    case.write_text(text + "\ntags: [unclosed\n", encoding="utf-8")
    result = load_pack(example_pack)
    (error,) = [d for d in result.errors if d.file.name == case.name]
    assert (error.line, error.col) == (len(lines) + 1, 7)
    assert "never closed" in error.message
