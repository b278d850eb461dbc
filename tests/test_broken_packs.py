"""Every broken pack in the corpus gets a message at the right file and line, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import BROKEN, run_cli

from quiz.pack.loader import load_pack

CORPUS = sorted(p for p in BROKEN.iterdir() if (p / "EXPECT").is_file())


def _expectations(pack: Path) -> list[tuple[str, int | None, str]]:
    out = []
    for line in (pack / "EXPECT").read_text(encoding="utf-8").splitlines():
        where, _, gist = line.partition(": ")
        file, _, number = where.partition(":")
        out.append((file, int(number) if number else None, gist.strip()))
    return out


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("pack", CORPUS, ids=[p.name for p in CORPUS])
def test_broken_pack_is_reported_where_the_mistake_is(pack: Path):
    result = load_pack(pack)
    assert result.errors, "a broken pack must have at least one error"
    shown = [
        (
            d.file.relative_to(pack).as_posix() if d.file.is_relative_to(pack) else str(d.file),
            d.line,
            f"{d.message} — {d.hint}",
        )
        for d in result.errors
    ]
    for file, line, gist in _expectations(pack):
        hits = [
            s for s in shown if s[0] == file and (line is None or s[1] == line) and gist in s[2]
        ]
        assert hits, f"expected {file}:{line} '{gist}', got {shown}"


@pytest.mark.parametrize(
    "name",
    [
        "yaml-syntax",
        "billion-laughs",
        "python-tag",
        "image-decompression-bomb",
        "not-utf8",
        "no-pack-yaml",
        "unknown-format",
    ],
)
def test_validate_command_exits_1_with_located_message_and_no_traceback(name):
    result = run_cli("validate", str(BROKEN / name))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    file, line, _ = _expectations(BROKEN / name)[0]
    assert f"{file}:{line}:" in result.stdout if line else file in result.stdout


def test_playing_a_broken_pack_lists_its_errors_instead_of_crashing():
    result = run_cli("play", str(BROKEN / "unknown-answer"), "--plain", input="x\n")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cases/white-plaque-cheek.yaml:33:" in result.stderr


def test_an_image_link_leading_out_of_the_pack_is_refused(example_pack: Path, tmp_path: Path):
    outside = tmp_path / "secret.png"
    outside.write_bytes((example_pack / "images/white-plaque-cheek/he-100.png").read_bytes())
    link = example_pack / "images/white-plaque-cheek/he-100.png"
    link.unlink()
    os.symlink(outside, link)
    result = load_pack(example_pack)
    messages = [(d.line, d.message) for d in result.errors]
    assert any(line == 18 and "link leading out" in message for line, message in messages), messages


def test_an_images_folder_that_is_a_link_out_of_the_pack_is_refused(
    example_pack: Path, tmp_path: Path
):
    import shutil

    shutil.move(example_pack / "images", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", example_pack / "images")
    result = load_pack(example_pack)
    assert any("link leading out" in d.message for d in result.errors)
