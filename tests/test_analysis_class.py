"""`dermquiz analyze` end to end: a simulated class with two planted faults, the taxonomy
split, the JSON shape, the CSV, the HTML report, and the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from analysis_support import attempt, write_csv
from class_simulation import simulate

from quiz.analysis.pipeline import run_pipeline
from quiz.cli import main
from quiz.pack.registry import builtin_pack_dir

DISCRIMINATION = {"miskey", "low-discrimination", "negative-discrimination"}


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    return simulate(tmp_path_factory.mktemp("class"))


@pytest.fixture(scope="module")
def outcome(sim):
    return run_pipeline(sim.csvs, str(sim.pack_dir))


def test_the_simulated_class_flags_exactly_the_two_planted_cases(sim, outcome):
    flagged = {
        item.case_id: {f.code for f in item.flags} & DISCRIMINATION
        for item in outcome.analysis.items
    }
    flagged = {case: codes for case, codes in flagged.items() if codes}
    assert set(flagged) == {sim.miskey_case, sim.flat_case}
    # Strong learners choose the true diagnosis and are marked wrong: r is clearly negative.
    assert flagged[sim.miskey_case] == {"miskey", "negative-discrimination"}
    assert "miskey" not in flagged[sim.flat_case]
    assert flagged[sim.flat_case] & {"low-discrimination", "negative-discrimination"}
    assert outcome.analysis.test.learners == 40 and outcome.read == 40 * sim.cases


def test_the_miskey_flag_points_at_the_answer_line_and_names_the_likely_key(sim, outcome):
    item = next(i for i in outcome.analysis.items if i.case_id == sim.miskey_case)
    flag = next(f for f in item.flags if f.code == "miskey")
    path, line = flag.where.rsplit(":", 1)
    assert Path(path).name == f"{sim.miskey_case}.yaml"
    source = Path(sim.pack_dir, "cases", f"{sim.miskey_case}.yaml").read_text().splitlines()
    assert source[int(line) - 1].startswith("answer: metastatic")
    assert "`idiopathic`" in flag.reason


def test_the_flags_would_change_if_the_key_were_right(sim, tmp_path):
    # The same answers graded against the true key: the miskey flag must go away.
    rows = []
    for path in sim.csvs:
        with open(path, encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    fixed = tmp_path / "fixed.csv"
    with open(fixed, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            if row["case_id"] == sim.miskey_case:
                row["answer"] = "idiopathic"
                right = row["choice"] == "idiopathic"
                partial = row["choice"] in (
                    "calcinosis-cutis",
                    "subepidermal-calcified-nodule",
                    "idiopathic-scrotal-calcinosis",
                    "tumoral-calcinosis",
                    "milia-like-calcinosis",
                )
                row["credit"] = 1.0 if right else 0.5 if partial else 0.0
            writer.writerow(row)
    out = run_pipeline([fixed], str(builtin_pack_dir()))
    item = next(i for i in out.analysis.items if i.case_id == sim.miskey_case)
    assert not {f.code for f in item.flags} & DISCRIMINATION
    assert item.discrimination > 0.3


def test_no_miskey_on_a_hard_case_whose_key_still_discriminates(tmp_path):
    # Ten learners by rest score (c2..c4 decide it). On c1 the top three chose `lure` twice
    # and the key once — but the key's choosers are the strongest, and `lure` is chosen
    # across the range: the key tracks ability better, so no miskey.
    picks = ["key", "lure", "lure", "x", "lure", "y", "x", "lure", "y", "x"]
    rows = []
    for i, pick in enumerate(picks):
        rows.append(attempt(f"l{i}", "c1", pick, 1 if pick == "key" else 0, answer="key"))
        for j, case in enumerate(("c2", "c3", "c4")):
            right = i < 10 - 3 * j - 1
            rows.append(attempt(f"l{i}", case, f"key-{case}" if right else "w", int(right)))
    item = next(
        i
        for i in run_pipeline([write_csv(tmp_path / "r.csv", rows)]).analysis.items
        if i.case_id == "c1"
    )
    options = {o.entity: o for o in item.options}
    assert options["lure"].top > options["key"].top  # what a top-group count alone would flag
    assert options["lure"].r < options["key"].r
    assert "miskey" not in {f.code for f in item.flags}


def test_options_carry_the_taxonomy_split(tmp_path):
    choices = ["idiopathic"] * 3 + [
        "calcinosis-cutis",
        "subepidermal-calcified-nodule",
        "metastatic",
    ]
    credit = {
        "idiopathic": 1,
        "calcinosis-cutis": 0.5,
        "subepidermal-calcified-nodule": 0.5,
        "metastatic": 0,
    }
    rows = [
        attempt(
            f"l{i}",
            "white-plaque-cheek",
            c,
            credit[c],
            answer="idiopathic",
            pack="calcinosis-cutis",
        )
        for i, c in enumerate(choices)
    ]
    out = run_pipeline([write_csv(tmp_path / "r.csv", rows)], str(builtin_pack_dir()))
    options = {o.entity: o for o in out.analysis.items[0].options}
    assert options["idiopathic"].relation == "key"
    assert options["calcinosis-cutis"].relation == "ancestor"
    assert options["subepidermal-calcified-nodule"].relation == "descendant"
    assert options["metastatic"].relation == "wrong"
    # Offered without `options:` = the answer's siblings: dystrophic and iatrogenic were
    # offered, chosen by no one → weak distractors.
    weak = {f.entity for f in out.analysis.items[0].flags if f.code == "weak-distractor"}
    assert weak == {"dystrophic", "iatrogenic"}


def test_confident_error_needs_a_wrong_answer_chosen_mostly_at_confidence_3(tmp_path):
    rows = [attempt(f"l{i}", "c1", "key-c1", 1) for i in range(6)]
    rows += [attempt(f"m{i}", "c1", "myth", 0, confidence=3 if i < 3 else 2) for i in range(4)]
    rows += [attempt(f"n{i}", "c1", "other", 0, confidence=3 if i < 2 else 1) for i in range(4)]
    out = run_pipeline([write_csv(tmp_path / "r.csv", rows)])
    found = [f for f in out.analysis.items[0].flags if f.code == "confident-error"]
    assert [f.entity for f in found] == ["myth"]  # 3 of 4 sure; `other`: 2 of 4 is not most


def test_json_has_the_agreed_shape(sim, tmp_path, capsys):
    target = tmp_path / "a.json"
    assert (
        main(["analyze", *map(str, sim.csvs), "--pack", str(sim.pack_dir), "--json", str(target)])
        == 0
    )
    data = json.loads(target.read_text())
    assert set(data["test"]) >= {"learners", "cases", "mean", "sd", "alpha", "sem"}
    assert data["test"]["learners"] == 40 and data["test"]["cases"] == sim.cases
    item = data["items"][0]
    assert set(item) >= {
        "pack",
        "case",
        "n",
        "facility",
        "sd",
        "discrimination",
        "d_index",
        "options",
        "flags",
    }
    assert set(item["options"][0]) >= {"entity", "share", "rest_mean", "r"}
    assert item["pack"] == "calcinosis-cutis"
    flags = [f for i in data["items"] for f in i["flags"]]
    assert flags and all(set(f) == {"code", "reason", "where"} for f in flags)
    assert all(re.search(r"\.yaml:\d+$", f["where"]) for f in flags)
    assert "Item analysis" in capsys.readouterr().out


def test_csv_and_stdout(sim, capsys):
    assert main(["analyze", *map(str, sim.csvs), "--pack", str(sim.pack_dir), "--csv", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == sim.cases
    miskey = next(r for r in rows if r["case"] == sim.miskey_case)
    assert "miskey" in miskey["flags"].split()


def test_html_report_is_self_contained_and_has_the_charts(sim, tmp_path, capsys):
    pytest.importorskip("matplotlib")
    folder = tmp_path / "report"
    assert (
        main(["analyze", *map(str, sim.csvs), "--pack", str(sim.pack_dir), "--html", str(folder)])
        == 0
    )
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "@font-face" not in page and "@import" not in page
    assert page.count("<svg") == sim.cases + 3  # option bars per case, scatter, grid, calibration
    assert f'id="case-{sim.miskey_case}"' in page
    assert "Facility and discrimination" in page and "Confusions of the class" in page


def test_too_few_learners_are_said_not_printed(tmp_path, capsys):
    rows = [attempt(w, c, f"key-{c}", 1) for w in ("ann", "bob") for c in ("c1", "c2")]
    assert main(["analyze", str(write_csv(tmp_path / "r.csv", rows)), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    item = data["items"][0]
    assert item["facility"] is None and item["discrimination"] is None
    assert any("too few learners" in n for n in item["notes"])
    assert data["test"]["alpha"] is None


def test_cli_reports_bad_input_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("hello\n")
    assert main(["analyze", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1: the header lacks" in err and "Traceback" not in err


def test_an_item_everyone_got_right_reads_no_spread_in_the_table(tmp_path, capsys):
    rows = [attempt(f"l{i}", "c1", "key-c1", 1) for i in range(6)]
    rows += [attempt(f"l{i}", "c2", "key-c2" if i % 2 else "w", i % 2) for i in range(6)]
    rows += [attempt(f"l{i}", "c3", "key-c3" if i > 2 else "w", int(i > 2)) for i in range(6)]
    assert main(["analyze", str(write_csv(tmp_path / "r.csv", rows))]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("c1 "))
    assert "no spread" in line and "easy" in line
    assert "every learner got the same credit" in out


def test_html_without_matplotlib_says_what_to_install(tmp_path):
    import subprocess
    import sys

    csv_path = write_csv(tmp_path / "r.csv", [attempt("ann", "c1", "key-c1", 1)])
    script = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from quiz.cli import main\n"
        f"sys.exit(main(['analyze', {str(csv_path)!r}, '--html', {str(tmp_path / 'r')!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 1
    assert "pip install 'dermquiz[report]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r").exists()


def test_report_survives_hostile_names(tmp_path):
    pytest.importorskip("matplotlib")
    from quiz.analysis.html import render
    from quiz.analysis.items import analyse

    rows = [
        attempt(
            f"l{i}", "c<1>", "$x^$" if i % 2 else "<script>alert(1)</script>", i % 2, answer="$x^$"
        )
        for i in range(6)
    ]
    a = analyse(rows)
    a.names = {"$x^$": "$\\frac{1}{$", "<script>alert(1)</script>": "<b>bold</b>"}
    page = render(a, ["<img src=x>"])
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;b&gt;bold" in page and "c&lt;1&gt;" in page
