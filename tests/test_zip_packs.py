"""Zipped packs: `dermquiz pack` makes them, every command opens them, and a hostile zip is
refused whole, with a message naming the file, before anything is written."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from support import EXAMPLE, run_cli

from quiz.pack import zipped
from quiz.pack.loader import load_pack
from quiz.pack.zipped import ZipPackError, open_zip


def _cache() -> Path:
    return Path(os.environ["DERMQUIZ_CACHE_DIR"]) / "packs"


def _zip_of_example(path: Path, prefix: str = "", extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(EXAMPLE.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(EXAMPLE).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _files_in_cache() -> list[Path]:
    return [p for p in _cache().rglob("*") if p.is_file()] if _cache().exists() else []


def test_pack_then_validate_play_and_export_the_zip(tmp_path: Path):
    out = tmp_path / "example.zip"
    made = run_cli("pack", str(EXAMPLE), "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert run_cli("validate", str(out)).returncode == 0
    played = run_cli("play", str(out), "--plain", input="idiopathic\n2\n")
    assert played.returncode == 0 and "Correct" in played.stdout
    assert run_cli("export", str(out), "--to", "html", "-o", str(tmp_path / "h")).returncode == 0


def test_the_same_pack_zips_to_the_same_bytes(tmp_path: Path):
    for name in ("a.zip", "b.zip"):
        assert run_cli("pack", str(EXAMPLE), "-o", str(tmp_path / name)).returncode == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    names = zipfile.ZipFile(tmp_path / "a.zip").namelist()
    assert "pack.yaml" in names and "cases/white-plaque-cheek.yaml" in names


def test_pack_refuses_a_broken_pack(tmp_path: Path):
    from support import BROKEN

    result = run_cli("pack", str(BROKEN / "unknown-answer"), "-o", str(tmp_path / "x.zip"))
    assert result.returncode == 2 and "has errors" in result.stderr
    assert not (tmp_path / "x.zip").exists()


def test_a_zip_is_unpacked_once_into_the_cache(tmp_path: Path):
    archive = _zip_of_example(tmp_path / "p.zip")
    first = open_zip(archive)
    assert first is not None and first.is_relative_to(_cache()) and load_pack(first).ok
    assert open_zip(archive) == first


def test_a_pack_inside_one_top_folder_and_macos_clutter_are_fine(tmp_path: Path):
    archive = _zip_of_example(
        tmp_path / "p.zip", prefix="example/", extra={"__MACOSX/example/._pack.yaml": b"\0\5\26\7"}
    )
    folder = open_zip(archive)
    assert folder.name == "example" and load_pack(folder).ok
    assert not any("__MACOSX" in str(p) for p in _files_in_cache())


def _hostile(tmp_path: Path, name: str, data: bytes = b"x", *, mode: int | None = None) -> Path:
    path = _zip_of_example(tmp_path / "evil.zip")
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        if mode is not None:
            info.external_attr = mode << 16
            info.create_system = 3
        archive.writestr(info, data)
    return path


@pytest.mark.parametrize(
    "name",
    [
        "../escaped.yaml",
        "cases/../../escaped.yaml",
        "/tmp/escaped.yaml",
        "C:/escaped.yaml",
        "..\\escaped.yaml",
        "images\\..\\..\\escaped.yaml",
    ],
)
def test_members_leading_out_are_refused(tmp_path: Path, name: str):
    with pytest.raises(ZipPackError, match=r"leads out|absolute"):
        open_zip(_hostile(tmp_path, name))
    assert _files_in_cache() == []
    assert not (tmp_path / "escaped.yaml").exists() and not Path("/tmp/escaped.yaml").exists()


def test_a_symbolic_link_member_is_refused(tmp_path: Path):
    archive = _hostile(tmp_path, "images/link.png", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)
    with pytest.raises(ZipPackError, match="symbolic link"):
        open_zip(archive)
    assert _files_in_cache() == []


def test_too_many_members_are_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(zipped, "MAX_MEMBERS", 3)
    with pytest.raises(ZipPackError, match="more than the 3"):
        open_zip(_zip_of_example(tmp_path / "p.zip"))


def test_an_oversized_member_and_an_oversized_total_are_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(zipped, "MAX_MEMBER_BYTES", 2000)
    with pytest.raises(ZipPackError, match="unpacks to"):
        open_zip(_hostile(tmp_path, "images/big.png", os.urandom(3000)))
    monkeypatch.setattr(zipped, "MAX_MEMBER_BYTES", 10**9)
    monkeypatch.setattr(zipped, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(ZipPackError, match="too large"):
        open_zip(_zip_of_example(tmp_path / "q.zip"))
    assert _files_in_cache() == []


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path: Path):
    archive = _hostile(tmp_path, "cases/bomb.yaml", b"\0" * (8 * 1024 * 1024))
    assert os.path.getsize(archive) < 100_000
    with pytest.raises(ZipPackError, match="zip bomb"):
        open_zip(archive)
    assert _files_in_cache() == []


def test_a_member_that_holds_more_than_it_declares_is_refused(tmp_path: Path):
    archive = _hostile(tmp_path, "cases/liar.yaml", b"a" * 5000)
    raw = bytearray(archive.read_bytes())
    # Shrink the declared size (central directory and local header) of the last member.
    info = zipfile.ZipFile(archive).getinfo("cases/liar.yaml")
    for at in (raw.rfind(b"PK\x01\x02"), info.header_offset):
        field = at + (24 if raw[at : at + 4] == b"PK\x01\x02" else 22)
        raw[field : field + 4] = (100).to_bytes(4, "little")
    archive.write_bytes(bytes(raw))
    with pytest.raises(ZipPackError):
        open_zip(archive)


def test_a_zip_without_pack_yaml_or_not_a_zip_is_refused(tmp_path: Path):
    empty = tmp_path / "nothing.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ZipPackError, match=r"no pack\.yaml"):
        open_zip(empty)
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"this is not a zip")
    with pytest.raises(ZipPackError, match="not a readable zip"):
        open_zip(fake)


@pytest.mark.parametrize(
    "command", [["validate"], ["play", "--plain"], ["export", "--to", "anki", "-o", "x.apkg"]]
)
def test_commands_say_what_is_wrong_with_a_hostile_zip_without_a_traceback(tmp_path: Path, command):
    archive = _hostile(tmp_path, "../escaped.yaml")
    args = [command[0], str(archive), *command[1:]]
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "evil.zip" in result.stderr and "not safe" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_zip_kept_in_the_learners_pack_folder_loads_on_the_home_screen(tmp_path: Path):
    from quiz.tui.catalog import PackEntry, load_entry

    entry = load_entry(PackEntry(_zip_of_example(tmp_path / "course.zip"), "your packs"))
    assert entry.failure == "" and entry.pack is not None
    assert [c.id for c in entry.pack.cases] == ["white-plaque-cheek"]

    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    entry = load_entry(PackEntry(broken, "your packs"))
    assert entry.pack is None and "broken.zip" in entry.failure
