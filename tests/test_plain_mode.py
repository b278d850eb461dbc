"""Line mode end to end, through a subprocess, as a script or a screen reader user meets it."""

from __future__ import annotations

from pathlib import Path

from support import run_cli


def _three(pack: Path) -> str:
    return "white-plaque-cheek,white-plaque-cheek,white-plaque-cheek"


def test_learn_mode_prints_stages_and_feedback_after_each_case(example_pack: Path):
    out = run_cli(
        "play",
        str(example_pack),
        "--plain",
        "--cases",
        _three(example_pack),
        input="\n\n\nidiopathic\n3\nmetastatic\nsure\nsubep\n\n",
    ).stdout
    assert "Presentation\n  A 46-year-old man" in out
    assert (
        "[image: histology, H&E, x100] Basophilic calcium deposits in the dermis. Alt text: Dark purple"
        in out
    )
    assert "Question: What type of calcinosis cutis is this?" in out
    assert "    metastatic — Metastatic calcinosis cutis" in out
    verdicts = [
        line.split()[0]
        for line in out.splitlines()
        if line.startswith(("Correct", "Wrong", "Partly"))
    ]
    assert verdicts == ["Correct", "Wrong", "Partly"]
    # case 2 was answered at its first stage: the contrast says what came after
    assert "With what you had seen (the first 1 of 4 stages)" in out
    assert (
        "the laboratory then showed serum calcium and phosphate: normal, against Metastatic" in out
    )
    assert "You were sure, and it was wrong" in out
    # feedback comes right after each answer, before the next case
    assert (
        out.index("Correct ✓")
        < out.index("Case 2 of 3")
        < out.index("Wrong ✗")
        < out.index("Case 3 of 3")
    )
    assert "Score: 1.5 of 3 (50%)" in out


def test_exam_mode_gives_all_feedback_after_the_last_case(example_pack: Path):
    out = run_cli(
        "play",
        str(example_pack),
        "--plain",
        "--mode",
        "exam",
        "--cases",
        "white-plaque-cheek,white-plaque-cheek",
        input="metastatic\n1\nidiopathic\n3\n",
    ).stdout
    assert (
        out.index("Case 2 of 2")
        < out.index("Exam feedback")
        < out.index("Wrong ✗")
        < out.index("Correct ✓")
    )
    assert "Session summary" in out and "Cases answered: 2 of 2" in out


def test_unknown_answers_are_asked_again_with_a_suggestion(example_pack: Path):
    out = run_cli(
        "play", str(example_pack), "--plain", input="idiopatic calcinosis\nidiopathic\n9\n2\n"
    ).stdout
    assert "No choice matches 'idiopatic calcinosis'. Did you mean" in out
    assert "Type 1, 2 or 3" in out
    assert "Correct ✓" in out


def test_input_ending_early_still_ends_with_a_summary(example_pack: Path):
    result = run_cli(
        "play",
        str(example_pack),
        "--plain",
        "--cases",
        _three(example_pack),
        input="idiopathic\n2\n",
    )
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
    for command in (
        "play",
        "validate",
        "image",
        "stats",
        "results",
        "new",
        "preview",
        "schema",
        "pack",
        "export",
    ):
        assert command in help_text


def test_markdown_is_read_as_plain_words_in_line_mode():
    out = run_cli(
        "play", "--plain", "--cases", "white-plaque-cheek", input="metastatic\n2\n"
    ).stdout
    assert "The four classic types: dystrophic (commonest" in out
    assert "**" not in out and "`" not in out


def test_an_exam_left_unfinished_is_marked_on_every_case(example_pack: Path):
    out = run_cli(
        "play",
        str(example_pack),
        "--plain",
        "--mode",
        "exam",
        "--cases",
        "white-plaque-cheek,white-plaque-cheek",
        input="idiopathic\n3\n",
    ).stdout
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


def test_stages_come_one_at_a_time_and_the_stages_seen_are_recorded(
    example_pack: Path, tmp_path: Path
):
    data = tmp_path / "data"
    out = run_cli(
        "play",
        str(example_pack),
        "--plain",
        "--data-dir",
        str(data),
        "--cases",
        "white-plaque-cheek,white-plaque-cheek",
        input="idiopathic\n3\n\n\nidio\n2\n",
    ).stdout
    first, second = out.split("Case 2 of 2")
    # Answered at the first stage: the later ones were never printed.
    assert "Stage 1 of 4 — Presentation" in first and "Stage 2 of 4" not in first
    assert "[Enter: next stage, Examination] Your answer:" in first
    assert "Stage 3 of 4 — Biopsy" in second and "Stage 4 of 4" not in second
    from quiz.progress.store import open_store

    with open_store(data) as store:
        assert [a.stages_seen for a in store.attempts()] == [1, 3]


def test_tags_are_hidden_until_the_answer_and_choose_cases(tmp_path: Path):
    from blistering import write_blistering_pack

    pack = write_blistering_pack(tmp_path / "blistering")
    out = run_cli("play", str(pack), "--plain", "--tags", "gluten", input="derm\n2\n").stdout
    assert "(learn mode, 1 case)" in out  # only the case tagged gluten
    before, after = out.split("Confidence")
    assert "gluten" not in before
    assert "Tags: gluten" in after
    refused = run_cli("play", str(pack), "--plain", "--tags", "nonesuch")
    assert refused.returncode == 2 and "its tags are: elderly, gluten" in refused.stderr


def test_learn_mode_starts_with_unseen_cases_and_offers_to_continue(tmp_path: Path):
    from blistering import write_blistering_pack

    pack = write_blistering_pack(tmp_path / "blistering")
    data = str(tmp_path / "data")
    first = run_cli("play", str(pack), "--plain", "--data-dir", data, input="pv\n3\n").stdout
    assert "3 new cases." in first
    assert "Case 1 of 3" in first and "flaccid blisters" in first  # the easiest first
    # The session stopped after one case: the next run offers to go on with the other two.
    second = run_cli("play", str(pack), "--plain", "--data-dir", data, input="y\nbp\n3\n").stdout
    assert "with 1 of 3 cases answered. Continue it? [Y/n]" in second
    assert "Continuing: 2 case(s) left." in second and "Case 1 of 2" in second
    assert "tense blisters" in second  # not the case answered already
    # Declined: a new session, the unseen case first, the answered ones after it.
    third = run_cli("play", str(pack), "--plain", "--data-dir", data, input="n\n").stdout
    assert "1 new case first, then 2 you answered before" in third
    assert "grouped vesicles" in third.split("Case 1 of 3")[1].split("Stage 2")[0]


def test_ctrl_c_ends_the_line_and_sums_up(example_pack: Path):
    import io

    from quiz.pack.loader import load_pack
    from quiz.plain import PlainRunner
    from quiz.session import Session

    class Interrupting(io.StringIO):
        def readline(self, *args):
            raise KeyboardInterrupt

    pack = load_pack(example_pack).pack
    out = io.StringIO()
    PlainRunner(Session(pack, "learn", ["white-plaque-cheek"]), Interrupting(), out).run()
    text = out.getvalue()
    assert "Your answer: \nStopped (Ctrl-C)" in text
    assert "Session summary" in text and "Cases answered: 0 of 1" in text


def test_long_lines_are_wrapped_on_a_terminal(example_pack: Path):
    import io

    from quiz.pack.loader import load_pack
    from quiz.plain import PlainRunner
    from quiz.session import Session

    pack = load_pack(example_pack).pack
    out = io.StringIO()
    PlainRunner(
        Session(pack, "learn", ["white-plaque-cheek"]), io.StringIO("\n\n"), out, width=40
    ).run()
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines if not line.endswith(": ")) <= 40
    assert any(line.startswith("  ") and "Basophilic" in line for line in lines)


def test_without_a_terminal_play_falls_back_to_line_mode(example_pack: Path):
    result = run_cli("play", str(example_pack), input="idiopathic\n2\n", timeout=30)
    assert "no terminal here" in result.stderr and "line mode" in result.stderr
    assert "Correct ✓" in result.stdout and "\x1b[" not in result.stdout
    bare = run_cli(input="", timeout=30)
    assert "no terminal here" in bare.stderr and "DermQuiz — Calcinosis cutis" in bare.stdout


def test_global_pack_option_is_played(example_pack: Path, tmp_path: Path):
    from blistering import write_blistering_pack

    pack = write_blistering_pack(tmp_path / "blistering")
    out = run_cli("--pack", str(pack), "play", "--plain", input="").stdout
    assert "DermQuiz — Blistering diseases" in out
