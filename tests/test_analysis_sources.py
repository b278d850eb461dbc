"""analyze's input: CSVs from many machines and data folders, merged, de-duplicated,
selected; malformed CSVs reported by file and line."""

from __future__ import annotations

import csv

import pytest
from analysis_support import attempt, write_csv

from quiz.analysis.csvread import read_results_csv
from quiz.analysis.pipeline import AnalyzeError, run_pipeline
from quiz.analysis.sources import gather, select
from quiz.progress.store import open_store


def _class(learners: list[str], cases=("c1", "c2"), **kw):
    return [
        attempt(who, c, f"key-{c}" if i % 2 == 0 else "w", 1 if i % 2 == 0 else 0, **kw)
        for i, who in enumerate(learners)
        for c in cases
    ]


def test_csvs_from_several_machines_merge_and_the_same_attempt_counts_once(tmp_path):
    a = _class(["ann", "bob", "cat"])
    b = _class(["dan", "eve"])
    one = write_csv(tmp_path / "one.csv", a)
    two = write_csv(tmp_path / "two.csv", b + a[:2])  # ann's two attempts exported twice
    got = gather([one, two])
    assert len(got.rows) == 10 and got.duplicates == 2
    assert not got.notices  # identical copies: nothing to say
    chosen = select(got.rows, None, None, "exam", "first")
    assert sorted({r.learner for r in chosen.responses}) == ["ann", "bob", "cat", "dan", "eve"]
    assert len(chosen.responses) == 10


def test_a_duplicate_id_with_other_contents_keeps_the_first_and_says_where(tmp_path):
    first = attempt("ann", "c1", "key-c1", 1, uid="same")
    other = attempt("ann", "c1", "w", 0, uid="same")
    one = write_csv(tmp_path / "one.csv", [first])
    two = write_csv(tmp_path / "two.csv", [other])
    got = gather([one, two])
    assert [r.attempt.choice for r in got.rows] == ["key-c1"]
    assert len(got.notices) == 1 and f"{two}:2" in got.notices[0] and f"{one}:2" in got.notices[0]


def test_first_or_last_attempt_and_modes(tmp_path):
    rows = [
        attempt("ann", "c1", "w", 0, minutes=0),
        attempt("ann", "c1", "key-c1", 1, minutes=5),
        attempt("ann", "c1", "key-c1", 1, minutes=9, mode="learn"),
    ]
    got = gather([write_csv(tmp_path / "r.csv", rows)])
    first = select(got.rows, None, None, "exam", "first")
    last = select(got.rows, None, None, "exam", "last")
    anymode = select(got.rows, None, None, "any", "last")
    assert [a.credit for a in first.responses] == [0]
    assert [a.credit for a in last.responses] == [1]
    assert [a.mode for a in anymode.responses] == ["learn"]
    assert any("other modes: learn (1)" in n for n in first.notes)
    assert any("repeated" in n for n in first.notes)


def test_other_packs_and_versions_are_reported_not_mixed(tmp_path):
    rows = (
        _class(["ann", "bob"], pack="p", version="2.0.0")
        + _class(["cat"], pack="p", version="1.0.0")
        + _class(["dan"], pack="other")
    )
    got = gather([write_csv(tmp_path / "r.csv", rows)])
    chosen = select(got.rows, None, None, "exam", "first")
    assert chosen.pack_id == "p" and chosen.version == "2.0.0"
    assert {a.learner for a in chosen.responses} == {"ann", "bob"}
    assert any("other packs: other (2)" in n for n in chosen.notes)
    assert any(
        "other versions of p: 1.0.0 (2)" in n and "--pack p@VERSION" in n for n in chosen.notes
    )
    older = select(got.rows, "p", "1.0.0", "exam", "first")
    assert {a.learner for a in older.responses} == {"cat"}


def test_a_data_folder_is_read_through_the_store(tmp_path):
    folder = tmp_path / "class"
    with open_store(folder) as store:
        for a in _class(["ann", "bob", "cat", "dan", "eve"]):
            store.record(a)
    csv_copy = write_csv(tmp_path / "also.csv", _class(["ann"]))  # the same attempts again
    out = run_pipeline([folder, csv_copy], "p")
    assert out.read == 10 and out.duplicates == 2
    assert out.analysis.test.learners == 5


def test_a_folder_without_a_store_is_named(tmp_path):
    with pytest.raises(AnalyzeError) as caught:
        run_pipeline([tmp_path])
    assert any(str(tmp_path) in p and "progress.sqlite3" in p for p in caught.value.problems)
    assert not (tmp_path / "progress.sqlite3").exists()  # nothing created in passing


MALFORMED = [
    ("credit", "abc", "column `credit`: 'abc' is not a number"),
    ("credit", "7", "column `credit`: '7' is not a number from 0 to 1"),
    ("confidence", "2.5", "column `confidence`: '2.5' is not a whole number from 1 to 3"),
    ("time_utc", "yesterday", "column `time_utc`: 'yesterday' is not a time"),
    ("case_id", "", "column `case_id` is empty"),
]


@pytest.mark.parametrize("column,value,message", MALFORMED)
def test_malformed_rows_are_located_by_file_and_line_and_left_out(tmp_path, column, value, message):
    path = write_csv(tmp_path / "bad.csv", _class(["ann", "bob"]))
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index(column)] = value
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = read_results_csv(path)
    assert got.skipped == 1 and len(got.rows) == 3
    assert len(got.problems) == 1
    assert got.problems[0].startswith(f"{path}:4: {message}")


def test_whole_files_that_are_not_results_csvs(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    other = tmp_path / "other.csv"
    other.write_text("name,score\nann,3\n")
    old = tmp_path / "old.csv"
    write_csv(old, _class(["ann"]))
    with open(old, newline="", encoding="utf-8") as handle:  # an export from before `learner`
        table = list(csv.reader(handle))
    drop = table[0].index("learner")
    old.write_text("".join(",".join(r[:drop] + r[drop + 1 :]) + "\n" for r in table))
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    short = write_csv(tmp_path / "short.csv", _class(["ann"]))
    short.write_text(short.read_text().splitlines()[0] + "\n2026-11-02T09:00:00Z,p,1.0.0\n")
    assert "empty" in read_results_csv(empty).problems[0]
    assert read_results_csv(other).problems[0].startswith(f"{other}:1: the header lacks")
    assert "learner" in read_results_csv(old).problems[0]
    assert "export it again" in read_results_csv(old).problems[0]
    assert read_results_csv(binary).problems[0].startswith(f"{binary}:1: not a results CSV")
    assert read_results_csv(short).problems[0].startswith(f"{short}:2: 3 cells")
    with pytest.raises(AnalyzeError) as caught:
        run_pipeline([empty, other, tmp_path / "missing.csv"])
    assert any("missing.csv: no such file" in p for p in caught.value.problems)


def test_formula_protection_of_results_csv_is_undone(tmp_path):
    path = write_csv(tmp_path / "r.csv", [attempt("-dash", "c1", "key-c1", 1)])
    text = path.read_text().replace(",-dash", ",'-dash")
    path.write_text(text)
    assert read_results_csv(path).rows[0].attempt.learner == "-dash"


def test_attempts_without_a_learner_are_left_out_with_a_note(tmp_path):
    rows = _class(["ann", "bob"]) + [attempt("", "c1", "w", 0)]
    got = gather([write_csv(tmp_path / "r.csv", rows)])
    chosen = select(got.rows, None, None, "exam", "first")
    assert all(a.learner for a in chosen.responses)
    assert any("no learner name" in n for n in chosen.notes)


def test_cases_of_the_pack_nobody_answered_are_listed(tmp_path):
    from quiz.pack.registry import builtin_pack_dir

    rows = [
        attempt(
            f"l{i}",
            "white-plaque-cheek",
            "idiopathic",
            1,
            answer="idiopathic",
            pack="calcinosis-cutis",
        )
        for i in range(5)
    ]
    rows += [
        attempt(f"l{i}", "gone-case", "idiopathic", 1, answer="idiopathic", pack="calcinosis-cutis")
        for i in range(5)
    ]
    out = run_pipeline([write_csv(tmp_path / "r.csv", rows)], str(builtin_pack_dir()))
    a = out.analysis
    assert "burn-scar-forearm" in a.unanswered and "white-plaque-cheek" not in a.unanswered
    gone = next(i for i in a.items if i.case_id == "gone-case")
    assert gone.where == "" and any("not in the pack" in n for n in gone.notes)
    here = next(i for i in a.items if i.case_id == "white-plaque-cheek")
    assert here.where.endswith("cases/white-plaque-cheek.yaml:1")
