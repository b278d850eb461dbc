"""Line mode's format-2 questions: asked after the stage they follow, read from standard input.

Choices by number or by name (a unique beginning will do). A `point` question cannot be
answered without seeing the picture, so it is skipped with a notice and not counted.
"""

from __future__ import annotations

import re
import time

from quiz.case_questions import QuestionResult, questions_after
from quiz.pack.models import SCALE, SCALE_WORDS, Case
from quiz.question_feedback import concordance_prompt, item_label, question_lines, step_text

SCALE_INPUT = {
    **{str(s): s for s in SCALE},
    **{f"+{s}": s for s in SCALE if s > 0},
    **{w: s for s, w in SCALE_WORDS.items()},
}


class _Ended(Exception):
    """Standard input ended."""


def ask_after_stage(runner, case: Case, stage: int) -> bool:
    """Ask the questions that follow stage *stage*; False when input ended."""
    for question in questions_after(case, stage):
        try:
            result = _ask(runner, case, question, stage + 1)
        except _Ended:
            return False
        if not result.saved:
            runner.say(f"Warning: this answer could not be saved ({result.save_error}).")
        if runner.session.mode != "exam" and result.counted:
            runner.say()
            for line in question_lines(runner.pack, case, result, before_diagnosis=True):
                runner.say(line)
    return True


def _line(runner, prompt: str) -> str:
    text = runner.ask(prompt)
    if text is None:
        raise _Ended
    return text


def _ask(runner, case: Case, question, stages_seen: int) -> QuestionResult:
    session = runner.session
    started = time.monotonic()
    runner.say()
    if question.kind == "point":
        runner.say(f"Question: {question.prompt}")
        runner.say(
            "This question asks you to point at a picture, which line mode cannot do: it is "
            "skipped and does not count towards the case."
        )
        return session.answer_question(
            case.id, question.id, None, stages_seen=stages_seen, counted=False
        )
    if question.kind == "choose":
        response = _choose(runner, question)
    elif question.kind == "rank":
        response = _rank(runner, question)
    else:
        response = _concordance(runner, question)
    confidence = None
    if session.cbm:
        confidence = runner.read_confidence()
        if confidence is None:
            raise _Ended
    return session.answer_question(
        case.id,
        question.id,
        response,
        confidence=confidence,
        stages_seen=stages_seen,
        seconds=time.monotonic() - started,
    )


def _tokens(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]|\s+(?=\d)|(?<=\d)\s+", text) if t.strip()]


def _match(token: str, options: list[tuple[str, str]]) -> str | list[str]:
    """The id of the option *token* names (number, id, label or a unique beginning), or the
    candidates when it is ambiguous (none: [])."""
    if token.isdigit() and 1 <= int(token) <= len(options):
        return options[int(token) - 1][0]
    low = token.casefold()
    exact = [oid for oid, label in options if low in (oid.casefold(), label.casefold())]
    if exact:
        return exact[0]
    found = [
        oid
        for oid, label in options
        if oid.casefold().startswith(low) or label.casefold().startswith(low)
    ]
    return found[0] if len(found) == 1 else found


def _pick(runner, options: list[tuple[str, str]], prompt: str) -> list[str] | None:
    """Read a list of options; None (after saying why) when a token names no single option."""
    text = _line(runner, prompt)
    picked: list[str] = []
    tokens: list[str] = []
    for token in _tokens(text):  # "dif serology" as well as "dif, serology"
        whole = _match(token, options)
        parts = token.split()
        if (
            isinstance(whole, list)
            and len(parts) > 1
            and all(isinstance(_match(p, options), str) for p in parts)
        ):
            tokens += parts
        else:
            tokens.append(token)
    for token in tokens:
        found = _match(token, options)
        if isinstance(found, list):
            what = f"fits more than one: {', '.join(found[:6])}" if found else "matches no choice"
            runner.say(f"'{token}' {what}. Type numbers or names from the list.")
            return None
        if found not in picked:
            picked.append(found)
    return picked


def _choose(runner, question) -> list[str]:
    runner.say(f"Question: {question.prompt}")
    options = list(question.choices.items())
    for n, (_, label) in enumerate(options, 1):
        runner.say(f"  {n}. {label}")
    limit = question.allowed
    while True:
        picked = _pick(
            runner,
            options,
            f"Choose up to {limit} (numbers or names, separated by commas; Enter for none): ",
        )
        if picked is None:
            continue
        if len(picked) > limit:
            runner.say(f"You may choose up to {limit}; you gave {len(picked)}. Choose again.")
            continue
        return picked


def _rank(runner, question) -> list[str]:
    runner.say(f"Question: {question.prompt}")
    options = [(item, item_label(runner.pack, item)) for item in question.items]
    for n, (_, label) in enumerate(options, 1):
        runner.say(f"  {n}. {label}")
    while True:
        picked = _pick(
            runner,
            options,
            "Your order, most likely first (numbers or names, e.g. "
            f"{' '.join(str(n) for n in range(len(options), 0, -1))}): ",
        )
        if picked is None:
            continue
        if len(picked) != len(options):
            runner.say(f"Put all {len(options)} in order; you gave {len(picked)}.")
            continue
        return picked


def _concordance(runner, question) -> int:
    runner.say(f"Question: {concordance_prompt(runner.pack, question)}")
    runner.say(f"  Hypothesis: {item_label(runner.pack, question.hypothesis)}")
    runner.say(f"  New information: {question.new_information.strip()}")
    for step in SCALE:
        runner.say(f"  {step_text(step)}")
    while True:
        text = _line(runner, "The hypothesis becomes (-2 to +2, or the words): ").strip().casefold()
        if text in SCALE_INPUT:
            return SCALE_INPUT[text]
        runner.say("Type a step from -2 to +2, e.g. -1, or its words, e.g. less likely.")


def answered_lines(runner, answered) -> list[str]:
    """Feedback on the questions of an answered case (exam mode prints it at the end)."""
    case = runner.pack.case(answered.case_id)
    out: list[str] = []
    for result in answered.questions:
        full = question_lines(runner.pack, case, result)
        # In learn mode each followed its question already, less what would have told the
        # diagnosis or later stages: that part is told now.
        if runner.session.mode == "exam" or full != question_lines(
            runner.pack, case, result, before_diagnosis=True
        ):
            out += full
    if answered.questions:
        out.append(
            f"Case credit: {answered.case_credit:.0%} (the weighted mean of the diagnosis "
            "and the questions counted)"
        )
    if answered.cbm is not None:
        out.append(f"Certainty-based mark: {answered.cbm:+.2f} (from −6 to +3)")
    return out
