"""`dermquiz new`: a skeleton that validates clean, plays at once, and points editors at its schemas."""

from __future__ import annotations

import re
from pathlib import Path

from support import EXAMPLE, run_cli

from quiz.authoring.skeleton import new_pack
from quiz.pack.loader import load_pack

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_new_pack_validates_without_errors_warnings_or_notes(tmp_path: Path):
    result = run_cli("new", str(tmp_path / "course"))
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout
    loaded = load_pack(tmp_path / "course")
    assert loaded.ok and loaded.diagnostics == []
    assert run_cli("validate", "--strict", str(tmp_path / "course")).returncode == 0


def test_new_pack_plays_in_plain_mode_at_once(tmp_path: Path):
    new_pack(tmp_path / "course")
    result = run_cli(
        "play",
        str(tmp_path / "course"),
        "--plain",
        "--data-dir",
        str(tmp_path / "x"),
        input="x\n3\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Partly right" in result.stdout  # `x` is Xanthoma, the parent of the answer
    assert "Cases answered: 1 of 1" in result.stdout


def test_every_file_names_a_schema_that_exists_in_the_pack(tmp_path: Path):
    root = tmp_path / "course"
    new_pack(root)
    yaml_files = [
        root / "pack.yaml",
        root / "entities.yaml",
        *sorted((root / "cases").glob("*.yaml")),
    ]
    for file in yaml_files:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{file.name} does not start with the modeline"
        assert (file.parent / match.group(1)).resolve().is_file(), first
    assert (root / "AUTHORING.md").is_file()


def test_every_key_of_the_example_case_is_explained_by_a_comment(tmp_path: Path):
    root = tmp_path / "course"
    new_pack(root)
    text = (root / "cases" / "crops-of-yellow-papules.yaml").read_text(encoding="utf-8")
    from quiz.pack.models import Case

    for key in Case.model_fields:
        lines = [ln for ln in text.splitlines() if re.match(rf"^#? ?{key}:", ln)]
        assert lines and all("#" in ln.split(":", 1)[1] or ln.startswith("#") for ln in lines), key


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = run_cli("new", str(tmp_path / "taken"))
    assert result.returncode == 2
    assert "not an empty folder" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine"


def test_new_with_uses_re_uses_another_pack_and_validates_clean(tmp_path: Path):
    result = run_cli("new", str(tmp_path / "mine"), "--uses", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    root = tmp_path / "mine"
    assert not (root / "entities.yaml").exists()
    loaded = load_pack(root)
    assert loaded.ok and loaded.diagnostics == [], [d.format() for d in loaded.diagnostics]
    ref = loaded.pack.manifest.uses[0]
    assert not Path(ref).is_absolute() and (root / ref).resolve() == EXAMPLE.resolve()
    assert loaded.pack.cases[0].answer in loaded.pack.entities


def test_new_with_uses_takes_a_zip(tmp_path: Path):
    assert run_cli("pack", str(EXAMPLE), "-o", str(tmp_path / "base.zip")).returncode == 0
    result = run_cli("new", str(tmp_path / "mine"), "--uses", str(tmp_path / "base.zip"))
    assert result.returncode == 0, result.stderr
    assert load_pack(tmp_path / "mine").ok


def test_the_format_reference_ships_with_the_pack_and_the_command(tmp_path: Path):
    root = tmp_path / "course"
    new_pack(root)
    authoring = (root / "AUTHORING.md").read_text(encoding="utf-8")
    assert "docs/format.md" not in authoring and "FORMAT.md" in authoring
    for template in ("pack.yaml",):
        assert "docs/format.md" not in (root / template).read_text(encoding="utf-8")
    reference = (root / "FORMAT.md").read_text(encoding="utf-8")
    assert "`answer`" in reference and "`stages`" in reference and "`synonyms`" in reference
    printed = run_cli("docs", "format")
    assert printed.returncode == 0 and printed.stdout == reference
    assert run_cli("validate", "--strict", str(root)).returncode == 0
