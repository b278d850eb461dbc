"""Line mode end to end, through a subprocess, as a script or a screen reader user meets it."""

from __future__ import annotations

from pathlib import Path

from support import run_cli


def _three(pack: Path) -> str:
    return "white-plaque-cheek,white-plaque-cheek,white-plaque-cheek"


def test_learn_mode_prints_stages_and_feedback_after_each_case(example_pack: Path):
    out = run_cli("play", str(example_pack), "--plain", "--cases", _three(example_pack),
                  input="idiopathic\n3\nmetastatic\nsure\nsubep\n\n").stdout
    assert "Presentation\n  A 46-year-old man" in out
    assert "[image: histology, H&E, x100] Basophilic calcium deposits in the dermis. Alt text: Dark purple" in out
    assert "Question: What type of calcinosis cutis is this?" in out
    assert "    metastatic — Metastatic calcinosis cutis" in out
    verdicts = [line.split()[0] for line in out.splitlines() if line.startswith(("Correct", "Wrong", "Partly"))]
    assert verdicts == ["Correct", "Wrong", "Partly"]
    assert "this case normal; Metastatic calcinosis cutis expects elevated" in out
    assert "You were sure, and it was wrong" in out
    # feedback comes right after each answer, before the next case
    assert out.index("Correct ✓") < out.index("Case 2 of 3") < out.index("Wrong ✗") < out.index("Case 3 of 3")
    assert "Score: 1.5 of 3 (50%)" in out


def test_exam_mode_gives_all_feedback_after_the_last_case(example_pack: Path):
    out = run_cli("play", str(example_pack), "--plain", "--mode", "exam", "--cases",
                  "white-plaque-cheek,white-plaque-cheek", input="metastatic\n1\nidiopathic\n3\n").stdout
    assert out.index("Case 2 of 2") < out.index("Exam feedback") < out.index("Wrong ✗") < out.index("Correct ✓")
    assert "Session summary" in out and "Cases answered: 2 of 2" in out


def test_unknown_answers_are_asked_again_with_a_suggestion(example_pack: Path):
    out = run_cli("play", str(example_pack), "--plain", input="idiopatic calcinosis\nidiopathic\n9\n2\n").stdout
    assert "No choice matches 'idiopatic calcinosis'. Did you mean" in out
    assert "Type 1, 2 or 3" in out
    assert "Correct ✓" in out


def test_input_ending_early_still_ends_with_a_summary(example_pack: Path):
    result = run_cli("play", str(example_pack), "--plain", "--cases", _three(example_pack), input="idiopathic\n2\n")
    assert result.returncode == 0
    assert "Input ended" in result.stdout
    assert "Cases answered: 1 of 3" in result.stdout


def test_an_unknown_case_id_gets_a_message(example_pack: Path):
    result = run_cli("play", str(example_pack), "--plain", "--cases", "white-plaque-cheak")
    assert result.returncode == 2 and "no case `white-plaque-cheak`" in result.stderr
    assert "white-plaque-cheek" in result.stderr


def test_no_pack_argument_plays_the_built_in_pack():
    out = run_cli("play", "--plain", input="").stdout
    assert "DermQuiz — Calcinosis cutis" in out


def test_version_and_help_list_every_command():
    assert run_cli("--version").stdout.startswith("dermquiz ")
    help_text = run_cli("--help").stdout
    for command in ("play", "validate", "image", "stats", "results", "new", "preview", "schema", "pack", "export"):
        assert command in help_text


def test_markdown_is_read_as_plain_words_in_line_mode():
    out = run_cli("play", "--plain", "--cases", "white-plaque-cheek", input="metastatic\n2\n").stdout
    assert "The four classic types: dystrophic (commonest" in out
    assert "**" not in out and "`" not in out


def test_an_exam_left_unfinished_is_marked_on_every_case(example_pack: Path):
    out = run_cli("play", str(example_pack), "--plain", "--mode", "exam", "--cases",
                  "white-plaque-cheek,white-plaque-cheek", input="idiopathic\n3\n").stdout
    assert "Cases answered: 1 of 2" in out
    assert "Score: 1 of 2 (50%)" in out and "the 1 unanswered count as wrong" in out


def test_nonsense_counts_are_refused_with_a_message_not_a_crash(example_pack: Path):
    for bad in ("-5", "0", "lots"):
        result = run_cli("play", str(example_pack), "--plain", "--mode", "exam", "--count", bad)
        assert result.returncode == 2
        assert "is not a number of cases" in result.stderr and "Traceback" not in result.stderr


def test_data_dir_is_accepted_after_any_command(example_pack: Path, tmp_path: Path):
    result = run_cli("validate", "--list", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "packs") in result.stdout
