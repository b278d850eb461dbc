"""Damaged progress databases: what can be read is kept exactly, the damaged file is kept as it
was found (with its -wal and -shm), and the learner is told what happened and where it is."""

from __future__ import annotations

import shutil

import pytest
from damaged_dbs import (
    caught_with_wal,
    fill,
    kept_aside,
    overwrite_page,
    pages,
    rootpage,
    rows,
    snapshot,
    varied,
)

from quiz.progress.store import DB_NAME, open_store


def _reopen(folder):
    """Open the folder as the app does; return its notice and the rows it now holds."""
    with open_store(folder) as store:
        notices = list(store.notices)
        store.record(varied(9999))  # and it goes on keeping answers
    now = rows(folder / DB_NAME)
    assert now.pop(max(now))["uid"] == "uid-9999"
    with open_store(folder) as store:  # repaired once, quiet afterwards
        assert store.notices == []
    return notices, now


def _told(notice, folder, restored):
    aside = [p for p in folder.iterdir() if "-damaged-" in p.name and p.suffix == ".sqlite3"]
    assert f"The progress database at {folder / DB_NAME} was damaged" in notice
    assert f"it was moved to {aside[0]} and a new one started" in notice
    assert f"{restored} answers could be read from it and were kept." in notice


def test_a_corrupt_middle_page_keeps_every_readable_row_exactly(tmp_path):
    fill(tmp_path, range(1, 401))
    original = rows(tmp_path / DB_NAME)
    overwrite_page(tmp_path / DB_NAME, pages(tmp_path / DB_NAME) // 2)
    found = snapshot(tmp_path)

    [notice], restored = _reopen(tmp_path)

    assert 0 < len(restored) < len(original)  # the overwritten page's rows are gone
    assert {i: original[i] for i in restored} == restored  # every column, ids included
    # read past the damage from both ends: the first and the last answers are there
    assert min(original) in restored and max(original) in restored
    _told(notice, tmp_path, len(restored))
    assert "was damaged (database disk image is malformed);" in notice
    assert kept_aside(tmp_path) == found  # byte for byte as found


def test_answers_only_in_the_wal_are_salvaged_and_the_wal_is_kept(tmp_path):
    folder = tmp_path / "caught"
    caught_with_wal(tmp_path / "live", range(1, 201), range(201, 261), into=folder)
    original = rows(folder / DB_NAME)  # read through the -wal: all 260
    assert len(original) == 260
    overwrite_page(folder / DB_NAME, pages(folder / DB_NAME) // 2)
    found = snapshot(folder)
    assert set(found) == {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"}

    [notice], restored = _reopen(folder)

    wal_only = {i for i, row in original.items() if row["case_id"] >= "case0201"}
    assert wal_only <= set(restored)
    assert {i: original[i] for i in restored} == restored
    _told(notice, folder, len(restored))
    # the damaged file and its companions, unchanged: the -wal not merged into it nor deleted
    assert kept_aside(folder) == found


def test_question_answers_are_salvaged_with_their_case_answers(tmp_path):
    fill(tmp_path, range(1, 201), questions=True)
    original = rows(tmp_path / DB_NAME, "question_attempts")
    overwrite_page(tmp_path / DB_NAME, pages(tmp_path / DB_NAME) // 2)

    [notice], _ = _reopen(tmp_path)

    restored = rows(tmp_path / DB_NAME, "question_attempts")
    assert len(restored) > 0 and {k: original[k] for k in restored} == restored
    assert "was damaged" in notice


def test_a_main_file_overwritten_leaves_the_answers_of_its_wal(tmp_path):
    """The -wal still holds the latest pages, page 1 among them: those answers are read
    from it. It and the -shm go aside with the damaged file; left in place they would be
    read as the new database's."""
    folder = tmp_path / "caught"
    caught_with_wal(tmp_path / "live", range(1, 101), range(101, 161), into=folder)
    original = rows(folder / DB_NAME)
    (folder / DB_NAME).write_bytes(b"not a database any more" * 400)
    found = snapshot(folder)

    [notice], restored = _reopen(folder)

    wal_only = {i for i, row in original.items() if row["case_id"] > "case0100"}
    assert wal_only <= set(restored)
    assert {i: original[i] for i in restored} == restored
    _told(notice, folder, len(restored))
    assert kept_aside(folder) == found


def test_a_database_whose_companions_were_moved_away_opens_with_what_it_holds(tmp_path):
    folder = tmp_path / "caught"
    caught_with_wal(tmp_path / "live", range(1, 101), range(101, 161), into=folder)
    with_wal = rows(folder / DB_NAME)
    shm = folder / (DB_NAME + "-shm")
    shm.rename(tmp_path / "moved.shm")  # the index of the -wal is rebuilt from the -wal

    notices, now = _reopen(folder)
    assert notices == [] and now == with_wal

    folder2 = tmp_path / "copied"  # only the main file copied (the -wal left behind)
    caught_with_wal(tmp_path / "live2", range(1, 101), range(101, 161), into=folder2)
    for suffix in ("-wal", "-shm"):
        (folder2 / (DB_NAME + suffix)).unlink()
    notices, now = _reopen(folder2)
    assert notices == []  # a sound file: the answers checkpointed into it, nothing moved
    assert now == {i: row for i, row in with_wal.items() if row["case_id"] <= "case0100"}


def test_a_truncated_copy_of_a_big_history_keeps_the_start(tmp_path):
    fill(tmp_path / "live", range(1, 301))
    original = rows(tmp_path / "live" / DB_NAME)
    folder = tmp_path / "copy"
    folder.mkdir()
    data = (tmp_path / "live" / DB_NAME).read_bytes()
    (folder / DB_NAME).write_bytes(data[: len(data) // 2])
    shutil.copyfile(folder / DB_NAME, tmp_path / "as-found")

    [notice], restored = _reopen(folder)

    assert min(original) in restored and 0 < len(restored) < len(original)
    assert {i: original[i] for i in restored} == restored
    _told(notice, folder, len(restored))
    assert kept_aside(folder)[DB_NAME] == (tmp_path / "as-found").read_bytes()


LOOSE = """
CREATE TABLE attempts (id INTEGER PRIMARY KEY, uid, pack_id, pack_version, case_id, choice,
    answer, verdict, credit, confidence, stages_seen, seconds, mode, session, at, learner, cbm);
CREATE TABLE question_attempts (attempt_uid, question_id, pack_id, case_id, kind, response,
    credit, weight, confidence, counted, stages_seen, seconds, at, learner);
CREATE INDEX attempts_by_case ON attempts (pack_id, case_id, at);
PRAGMA user_version = 4;
"""
ROW = ("p", "1", "c", "A", "A", "correct", 1.0, 2, 1, 3.0, "learn", "s", "2025-03-01T10:00:00")
QROW = ("q", "p", "c", "choose", '["a"]', 1.0, 1.0, None, 1, 1, 2.0, "2025-03-01T10:00:00", "")


def _damage_index(path):
    overwrite_page(path, rootpage(path, "attempts_by_case"))


def test_rows_damaged_into_nulls_are_left_out_and_the_rest_kept(tmp_path):
    import sqlite3

    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.executescript(LOOSE)
    insert = "INSERT INTO attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL)"
    for n, verdict in [(1, "correct"), (2, None), (3, "wrong"), (4, "correct")]:
        conn.execute(insert, (n, f"u{n}", *ROW[:5], verdict, *ROW[6:]))
    for n, kind in [(1, "choose"), (2, None), (3, "rank")]:
        conn.execute(
            "INSERT INTO question_attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f"u{n}", *QROW[:3], kind, *QROW[4:]),
        )
    conn.commit()
    conn.close()
    _damage_index(path)

    [notice], restored = _reopen(tmp_path)

    assert sorted(restored) == [1, 3, 4] and restored[3]["verdict"] == "wrong"
    assert "3 answers could be read from it and were kept." in notice
    questions = rows(path, "question_attempts")
    assert sorted(k[0] for k in questions) == ["u1", "u3"]


def test_a_damaged_database_of_the_first_layout_gets_ids_and_empty_answers(tmp_path):
    import sqlite3

    from progress_fakes import OLD_INSERT, OLD_SCHEMA

    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA + "CREATE INDEX attempts_by_case ON attempts (pack_id, case_id);")
    for n in range(1, 4):
        conn.execute(OLD_INSERT, (f"c{n}", f"2025-03-0{n}T10:00:00.000000+00:00"))
    conn.commit()
    conn.close()
    _damage_index(path)

    [notice], restored = _reopen(tmp_path)

    assert sorted(restored) == [1, 2, 3]
    assert [r["case_id"] for r in restored.values()] == ["c1", "c2", "c3"]
    assert all(r["answer"] == "" and r["learner"] == "" for r in restored.values())
    assert len({r["uid"] for r in restored.values()}) == 3 and all(
        len(r["uid"]) == 32 for r in restored.values()
    )
    assert "3 answers could be read" in notice


@pytest.mark.parametrize("version", [2, 3])
def test_a_migrated_database_damaged_later_keeps_every_column(tmp_path, version):
    """Columns a migration added (the learner, the certainty mark) are salvaged too."""
    from test_progress_transactions import _old_database

    _old_database(tmp_path / DB_NAME, version)
    fill(tmp_path, range(1, 301), questions=True)  # migrated on opening, then played a lot
    original = rows(tmp_path / DB_NAME)
    overwrite_page(tmp_path / DB_NAME, pages(tmp_path / DB_NAME) // 2)

    [_], restored = _reopen(tmp_path)

    assert len(restored) > 1 and {i: original[i] for i in restored} == restored
    assert {r["learner"] for r in restored.values()} >= {"ana", "ben"}
    assert {r["cbm"] for r in restored.values()} > {None}


def test_answers_of_a_killed_writer_still_in_its_wal_are_salvaged(tmp_path):
    """A writer killed before any checkpoint: its answers are only in the -wal. Then a page
    of the main file the -wal does not replace is damaged; every answer the writer reported
    saved is kept."""
    import os
    import select
    import signal
    import subprocess
    import sys

    from test_progress_crash import GUARD_SECONDS, REPO, WRITER

    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE
    )
    out = b""
    try:
        while out.count(b"\n") < 30:
            ready, _, _ = select.select([proc.stdout], [], [], GUARD_SECONDS)
            chunk = os.read(proc.stdout.fileno(), 65536) if ready else b""
            assert chunk, "the writer stopped"
            out += chunk
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    out += proc.stdout.read()
    reported = {f"case{line.split()[1]}" for line in out.decode().splitlines() if "saved" in line}
    assert (tmp_path / (DB_NAME + "-wal")).stat().st_size > 0  # not checkpointed
    overwrite_page(tmp_path / DB_NAME, rootpage(tmp_path / DB_NAME, "question_attempts"))
    found = snapshot(tmp_path)

    [notice], restored = _reopen(tmp_path)

    assert reported <= {row["case_id"] for row in restored.values()}
    _told(notice, tmp_path, len(restored))
    assert kept_aside(tmp_path) == found


@pytest.mark.parametrize("name", [DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "progress.lock"])
@pytest.mark.parametrize("kind", ["folder", "named pipe", "socket", "device"])
def test_a_folder_or_pipe_where_a_store_file_belongs_is_named_and_left_alone(
    tmp_path, monkeypatch, name, kind
):
    """A folder would raise IsADirectoryError deep inside, a named pipe would hang the start
    (opening it waits for a writer), and a socket or a device (a link to /dev/null) is no
    database either: each is told as the learner's problem, and kept as found."""
    import os

    from quiz.progress.store import ProgressError

    odd = tmp_path / name
    if kind == "folder":
        odd.mkdir()
        (odd / "notes.txt").write_text("mine")
    elif kind == "named pipe":
        os.mkfifo(odd)
    elif kind == "socket":
        import socket

        listening = socket.socket(socket.AF_UNIX)
        monkeypatch.chdir(tmp_path)  # a relative name: a socket's path has a length limit
        listening.bind(name)
        listening.close()  # the socket file stays
    else:
        odd.symlink_to(os.devnull)  # followed: a character device
    with pytest.raises(ProgressError) as info:
        open_store(tmp_path)
    text = str(info.value)
    assert f"{odd} is a {kind}" in text
    assert "Move or rename it, or choose another folder with --data-dir" in text
    if kind == "folder":
        assert (odd / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no database started, nothing moved


def test_the_command_line_says_so_without_a_traceback_or_a_hang(tmp_path):
    import os

    from support import run_cli

    os.mkfifo(tmp_path / DB_NAME)
    result = run_cli("stats", env={"DERMQUIZ_DATA_DIR": str(tmp_path)}, timeout=30)
    assert result.returncode == 1
    assert f"{tmp_path / DB_NAME} is a named pipe" in result.stderr
    assert "Traceback" not in result.stderr
