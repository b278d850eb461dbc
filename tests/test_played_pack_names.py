"""Packs played with `--pack` or a folder keep their names in `stats` and `results`, and
`stats --pack` takes a folder like every other pack argument (issue 19, item 11)."""

from __future__ import annotations

import csv
from pathlib import Path

from blistering import write_blistering_pack
from support import run_cli


def test_a_pack_played_from_a_folder_keeps_its_names(tmp_path: Path):
    pack = write_blistering_pack(tmp_path / "blistering")
    data = str(tmp_path / "data")
    run_cli(
        "play",
        str(pack),
        "--plain",
        "--data-dir",
        data,
        "--cases",
        "tense-blisters",
        input="derm\n3\n",
    )
    stats = run_cli("stats", "--pack", "blistering", "--data-dir", data)
    assert stats.returncode == 0, stats.stderr
    assert "Blistering diseases (blistering)" in stats.stdout
    assert "answered Dermatitis herpetiformis when it was Bullous pemphigoid" in stats.stdout
    assert "not installed" not in stats.stdout
    by_folder = run_cli("stats", "--pack", str(pack), "--data-dir", data)
    assert by_folder.returncode == 0, by_folder.stderr
    assert "Blistering diseases (blistering)" in by_folder.stdout
    out = tmp_path / "r.csv"
    run_cli("results", "--csv", str(out), "--data-dir", data)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["answer_name"] == "Bullous pemphigoid"
    assert rows[0]["choice_name"] == "Dermatitis herpetiformis"
