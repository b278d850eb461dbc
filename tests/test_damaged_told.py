"""A damaged progress database met from the command line: the learner (line mode) and the
instructor (stats) are told what happened and where the damaged file is; no traceback."""

from __future__ import annotations

from damaged_dbs import fill, overwrite_page, pages, rows
from support import run_cli

from quiz.progress.store import DB_NAME


def _damaged(folder):
    fill(folder, range(1, 301))
    overwrite_page(folder / DB_NAME, pages(folder / DB_NAME) // 2)


def _aside(folder):
    [aside] = [p for p in folder.iterdir() if "-damaged-" in p.name and p.suffix == ".sqlite3"]
    return aside


def test_line_mode_says_what_was_repaired_and_keeps_the_new_answer(tmp_path, example_pack):
    data = tmp_path / "data"
    _damaged(data)
    done = run_cli(
        "play", str(example_pack), "--plain", "--data-dir", str(data), input="idiopathic\n3\n"
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr
    kept = len(rows(data / DB_NAME)) - 1  # the salvaged ones, and the answer just given
    said = done.stdout.replace("\n", " ")
    assert f"Note: The progress database at {data / DB_NAME} was damaged (" in said
    assert f"it was moved to {_aside(data)} and a new one started. {kept} answers could" in said
    assert done.stdout.index("Note: The progress database") < done.stdout.index("Correct ✓")


def test_stats_says_what_was_repaired_and_counts_what_was_kept(tmp_path):
    data = tmp_path / "data"
    _damaged(data)
    done = run_cli("stats", "--data-dir", str(data))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert f"dermquiz: The progress database at {data / DB_NAME} was damaged" in done.stderr
    assert f"it was moved to {_aside(data)}" in done.stderr
