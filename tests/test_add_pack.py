"""A learner adds a shared pack to their own packs, and plays it by its id."""

from __future__ import annotations

import os
from pathlib import Path

from support import BROKEN, run_cli


def _rename(pack: Path, new_id: str) -> None:
    manifest = pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("id: calcinosis-cutis", f"id: {new_id}", 1),
        encoding="utf-8",
    )


def test_a_pack_with_the_built_in_id_is_refused(example_pack: Path, tmp_path: Path):
    result = run_cli("add", str(example_pack), env={"DERMQUIZ_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 1 and "built-in pack's" in result.stderr


def test_added_pack_is_known_by_id_and_plays(example_pack: Path, tmp_path: Path):
    data = tmp_path / "data"
    env = {"DERMQUIZ_DATA_DIR": str(data)}
    _rename(example_pack, "my-course")
    added = run_cli("add", str(example_pack), env=env)
    assert added.returncode == 0, added.stderr
    assert (data / "packs" / "my-course" / "pack.yaml").is_file()
    listed = run_cli("validate", "--list", env=env).stdout
    assert f"my-course\t{data / 'packs' / 'my-course'}" in listed
    played = run_cli("play", "my-course", "--plain", input="idiopathic\n3\n", env=env)
    assert "Correct ✓" in played.stdout
    again = run_cli("add", str(example_pack), env=env)
    assert again.returncode == 1 and "--replace" in again.stderr
    assert run_cli("add", str(example_pack), "--replace", env=env).returncode == 0


def test_a_broken_pack_is_not_added(tmp_path: Path):
    env = {"DERMQUIZ_DATA_DIR": str(tmp_path / "data")}
    result = run_cli("add", str(BROKEN / "unknown-answer"), env=env)
    assert result.returncode == 1
    assert "cases/white-plaque-cheek.yaml:33:" in result.stderr
    assert not (tmp_path / "data" / "packs").exists() or not os.listdir(tmp_path / "data" / "packs")
