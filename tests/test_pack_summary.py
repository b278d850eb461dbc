"""The pack summaries the home screen lists before the packs load: kept after a load, found
again while no file of the pack changed, and never trusted once one did."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from quiz.pack import summary
from quiz.pack.loader import load_pack

EXAMPLE = Path(__file__).parent / "packs" / "example"


def _kept(folder: Path) -> summary.PackSummary:
    key = summary.key_of(folder)
    result = load_pack(folder)
    kept = summary.PackSummary.of(key, result)
    summary.write(folder, kept)
    return kept


def test_a_summary_is_found_while_the_pack_is_unchanged(tmp_path):
    pack = shutil.copytree(EXAMPLE, tmp_path / "p")
    kept = _kept(pack)
    assert (kept.title, kept.cases, kept.errors) == (load_pack(pack).pack.title, 1, 0)
    key, found = summary.read(pack)
    assert found == kept and key == kept.key


def test_a_summary_is_not_used_once_a_file_of_the_pack_changed(tmp_path):
    pack = shutil.copytree(EXAMPLE, tmp_path / "p")
    _kept(pack)
    case = next((pack / "cases").glob("*.yaml"))
    # A copy of a case (a new file), then an edit of the same size with a new mtime.
    shutil.copy(case, pack / "cases" / "copy.yaml")
    assert summary.read(pack)[1] is None
    (pack / "cases" / "copy.yaml").unlink()
    assert summary.read(pack)[1] is not None
    stat = case.stat()
    os.utime(case, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert summary.read(pack)[1] is None


def test_a_damaged_or_foreign_summary_is_ignored(tmp_path):
    pack = shutil.copytree(EXAMPLE, tmp_path / "p")
    _kept(pack)
    slot = summary._slot(pack)
    for text in ("{not json", '{"key": 1}', "[]", '{"key": "k", "id": 3}'):
        slot.write_text(text, encoding="utf-8")
        assert summary.read(pack)[1] is None, text


def test_a_pack_with_errors_is_summed_up_by_its_errors(tmp_path):
    pack = shutil.copytree(EXAMPLE, tmp_path / "p")
    case = next((pack / "cases").glob("*.yaml"))
    case.write_text(case.read_text(encoding="utf-8") + "\nnot_a_key: 1\n", encoding="utf-8")
    kept = _kept(pack)
    assert kept.errors == len(load_pack(pack).errors) >= 1


def test_a_zip_is_keyed_by_the_file_itself(tmp_path):
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pack.yaml", "id: x\n")
    first = summary.key_of(archive)
    assert summary.key_of(archive) == first
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("more.txt", "y")
    assert summary.key_of(archive) != first


def test_reading_a_summary_needs_neither_pydantic_nor_yaml(tmp_path):
    pack = shutil.copytree(EXAMPLE, tmp_path / "p")
    _kept(pack)
    code = (
        "import sys; from pathlib import Path; from quiz.pack import summary; "
        f"s = summary.read(Path({str(pack)!r}))[1]; "
        "print(s.cases, 'pydantic' in sys.modules, 'yaml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout.split()
    assert out == ["1", "False", "False"]
