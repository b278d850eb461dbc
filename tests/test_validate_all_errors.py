"""`validate` reports every error of every file in one run, sorted by file and line."""

from __future__ import annotations

from pathlib import Path

from blistering import write_blistering_pack
from support import run_cli

from quiz.pack.loader import load_pack


def _broken(tmp_path: Path) -> Path:
    pack = write_blistering_pack(tmp_path / "blistering")
    case = pack / "cases" / "tense-blisters.yaml"
    text = case.read_text(encoding="utf-8")
    text = text.replace(
        "difficulty: 2\n", "difficulty: 2\nhint: look at the split\n"
    )  # unknown key
    text = text.replace("answer: bullous-pemphigoid", "answer: bulous-pemphigoid")  # wrong id
    text = text.replace("eosinophils: many", "eosinophils: lots")  # not a declared value
    text = text.replace(
        "    text: A subepidermal blister with many eosinophils.\n",
        "    text: A subepidermal blister with many eosinophils.\n"
        "    images:\n      - file: nowhere.png\n        kind: histology\n",
    )
    case.write_text(text, encoding="utf-8")
    other = pack / "cases" / "elbow-vesicles.yaml"
    other.write_text(
        other.read_text(encoding="utf-8")
        .replace("difficulty: 3", "difficulty: 9")
        .replace("answer: dermatitis-herpetiformis", "answer: dh"),
        encoding="utf-8",
    )
    return pack


def test_an_unknown_key_no_longer_hides_the_other_errors_of_its_case(tmp_path):
    pack = _broken(tmp_path)
    errors = load_pack(pack).errors
    tense = [d for d in errors if d.file.name == "tense-blisters.yaml"]
    text = "\n".join(d.format(pack) for d in tense)
    assert "`hint`" in text  # the unknown key
    assert "bulous-pemphigoid" in text and "bullous-pemphigoid" in text  # with a did-you-mean
    assert "lots" in text  # the undeclared value
    assert "nowhere.png" in text  # the missing image
    elbow = "\n".join(d.format(pack) for d in errors if d.file.name == "elbow-vesicles.yaml")
    assert "difficulty" in elbow and "`dh`" in elbow


def test_validate_prints_them_sorted_by_file_and_line(tmp_path):
    pack = _broken(tmp_path)
    result = run_cli("validate", str(pack))
    assert result.returncode == 1
    located = [line for line in result.stdout.splitlines() if ".yaml:" in line]
    keys = []
    for line in located:
        path, number = line.split(":")[0], int(line.split(":")[1])
        keys.append((path, number))
    assert keys == sorted(keys) and len(keys) >= 6
    assert "FAILED" in result.stdout
