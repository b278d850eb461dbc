"""Line mode: the quiz without a full-screen UI, for screen readers, pipes and scripts.

Each case starts with the question and the choices, then shows one stage at a time: an
empty line reveals the next stage, and an answer may be typed at any stage (the stages seen
are recorded). Then a confidence line. Tags stay hidden until the answer (a tag can give the
diagnosis away). Everything from a pack passes through `clean` first; on a terminal, long
lines are wrapped to its width.
"""

from __future__ import annotations

import textwrap
import time
from typing import TextIO

from quiz.feedback_text import cbm_line, feedback_lines, format_duration, summary_lines  # noqa: F401 - old import path of format_duration
from quiz.pack.models import Case, Image
from quiz.pack.pack import Pack
from quiz.plain_questions import answered_lines, ask_after_stage
from quiz.session import Answered, Session, Summary
from quiz.text import clean, markdown_to_plain
from quiz.vocabulary import Confidence, Mode


def image_line(image: Image) -> str:
    from quiz.imaging.caption import is_drawing

    parts = ["clinical drawing" if image.kind == "clinical" and is_drawing(image) else image.kind]
    if image.stain:
        parts.append(image.stain)
    if image.magnification:
        parts.append(f"x{image.magnification:g}")
    text = f"[image: {', '.join(parts)}]"
    if image.caption:
        text += f" {image.caption.strip()}"
    if image.alt:
        text += f" Alt text: {image.alt.strip()}"
    return clean(text)


class PlainRunner:
    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, width: int | None = None):
        self.session = session
        self.pack: Pack = session.pack
        self.stdin = stdin
        self.stdout = stdout
        self.width = width  # wrap long lines to this many columns (None: a pipe, no wrapping)

    def say(self, text: str = "") -> None:
        text = clean(text)
        if self.width and len(text) > self.width:
            indent = " " * (len(text) - len(text.lstrip(" ")))
            hang = indent + ("  " if text.lstrip().startswith("- ") else "")
            text = (
                "\n".join(
                    textwrap.wrap(text, self.width, subsequent_indent=hang, break_on_hyphens=False)
                )
                or text
            )
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            return None
        return line.strip()

    def run(self, intro: str = "") -> Summary:
        started = time.monotonic()
        try:
            self._play(intro)
        except KeyboardInterrupt:
            # Ctrl-C: the line ends, and what was answered is summed up (and kept).
            self.stdout.write("\n")
            self.say("Stopped (Ctrl-C). Your answers so far are kept.")
        summary = self.session.summary(seconds=time.monotonic() - started)
        self.show_summary(summary)
        return summary

    def _play(self, intro: str) -> None:
        cases = self.session.case_ids
        self.say(
            f"DermQuiz — {self.pack.title} ({self.session.mode} mode, {len(cases)} "
            f"case{'s' if len(cases) != 1 else ''})"
        )
        if intro:
            self.say(intro)
        if self.session.store is not None:
            for notice in getattr(self.session.store, "notices", []):
                self.say(f"Note: {notice}")
        for number, case_id in enumerate(cases, 1):
            answered = self.play_case(self.pack.case(case_id), number, len(cases))
            if answered is None:
                self.say("Input ended; the session stops here.")
                break
            if not answered.saved:
                self.say(f"Warning: this answer could not be saved ({answered.save_error}).")
            if self.session.mode != Mode.EXAM:
                self.show_feedback(answered)
        if self.session.mode == Mode.EXAM and self.session.results:
            self.say()
            self.say("Exam feedback")
            for answered in self.session.results:
                self.say()
                self.say(f"— Case {answered.case_id} —")
                self.show_feedback(answered)

    def show_choices(self, choices: list[str]) -> None:
        self.say("Choices (type an id, a name or a synonym; a unique beginning will do):")
        depth = dict(self.pack.taxonomy.walk())
        for eid in choices:
            self.say(f"  {'  ' * depth.get(eid, 0)}{eid} — {self.pack.taxonomy.label(eid)}")

    def show_stage(self, case: Case, index: int) -> None:
        stage = case.stages[index]
        self.say()
        self.say(f"Stage {index + 1} of {len(case.stages)} — {stage.name or 'Stage'}")
        for line in markdown_to_plain(stage.text.strip()).splitlines():
            self.say(f"  {line}")
        for image in stage.images:
            self.say(f"  {image_line(image)}")

    def play_case(self, case: Case, number: int, total: int) -> Answered | None:
        opened = time.monotonic()
        self.say()
        self.say(f"Case {number} of {total} · difficulty {case.difficulty}")
        self.say(f"Question: {self.pack.question(case)}")
        choices = self.pack.choices(case)
        self.show_choices(choices)
        shown = 1
        self.show_stage(case, 0)
        if case.questions and not ask_after_stage(self, case, 0):  # format 2
            return None
        while True:
            if shown < len(case.stages):
                upcoming = case.stages[shown].name or f"stage {shown + 1}"
                prompt = f"[Enter: next stage, {upcoming}] Your answer: "
            else:
                prompt = "[all stages shown] Your answer: "
            text = self.ask(prompt)
            if text is None:
                return None
            if not text:
                if shown < len(case.stages):
                    self.show_stage(case, shown)
                    shown += 1
                    if case.questions and not ask_after_stage(self, case, shown - 1):
                        return None
                else:
                    self.say("Type a name, a synonym or an id (? lists the choices).")
                continue
            if text == "?":
                self.show_choices(choices)
                continue
            choice = self.resolve_choice(text, choices)
            if choice is not None:
                break
        if case.questions:
            # Format 2: the diagnosis keeps the stages seen when it was given; the rest of
            # the case and its questions come before its confidence and its feedback.
            for index in range(shown, len(case.stages)):
                self.show_stage(case, index)
                if not ask_after_stage(self, case, index):
                    return None
        confidence = self.read_confidence()
        if confidence is None:
            return None
        return self.session.answer(
            case.id, choice, confidence, stages_seen=shown, seconds=time.monotonic() - opened
        )

    def resolve_choice(self, text: str, allowed: list[str]) -> str | None:
        """The entity *text* means by the one rule (quiz.answer_match), or None with a word."""
        from quiz.answer_match import match

        tax = self.pack.taxonomy
        found = match(tax, text, allowed)
        if found.entity_id:
            return found.entity_id
        if found.candidates:
            names = ", ".join(f"{eid} ({tax.label(eid)})" for eid in found.candidates[:8])
            self.say(f"'{text}' fits more than one choice: {names}. Type more of it.")
            return None
        from quiz.pack.diagnostics import did_you_mean

        pool = {n for eid in allowed for n in (eid, tax.label(eid))}
        hint = did_you_mean(text, pool, prefix="Did you mean ")
        self.say(
            f"No choice matches '{text}'."
            + (f" {hint}" if hint else "")
            + " Type an id or a name from the list (? lists them)."
        )
        return None

    def read_confidence(self) -> int | None:
        while True:
            text = self.ask("Confidence — 1 guess, 2 unsure, 3 sure [2]: ")
            if text is None:
                return None
            value = Confidence.parse(text) if text.strip() else Confidence.UNSURE
            if value is not None:
                return int(value)
            self.say("Type 1, 2 or 3 (or guess, unsure, sure); Enter means unsure.")

    def show_feedback(self, answered: Answered) -> None:
        self.say()
        for line in feedback_lines(answered.feedback):
            self.say(line)
        for line in answered_lines(self, answered):  # format 2's questions, certainty marks
            self.say(line)
        tags = self.pack.case(answered.case_id).tags if self.pack.has_case(answered.case_id) else []
        if tags:  # only now: a tag such as "gluten" names the diagnosis
            self.say(f"Tags: {', '.join(tags)}")

    def show_summary(self, summary: Summary) -> None:
        self.say()
        self.say("Session summary")
        for line in summary_lines(summary):
            self.say(f"  {line}")
        for missed in summary.missed:
            fb = missed.feedback
            if fb.verdict.value == "correct":  # format 2: a question, not the diagnosis, fell short
                self.say(
                    f"  Missed: {missed.case_id} — the diagnosis was right; the case's "
                    f"questions brought its credit to {missed.case_credit:.0%}"
                )
                continue
            self.say(
                f"  Missed: {missed.case_id} — you chose {fb.choice_name}; "
                f"the answer is {fb.answer_name}"
            )


def learn_intro(pack: Pack, ids: list[str], store) -> str:
    """ "3 new cases, then 2 you answered before (longest ago first)"."""
    from quiz.session import count_new

    new = count_new(pack, ids, store)
    if store is None or new == len(ids):
        return f"{new} new case{'s' if new != 1 else ''}."
    old = len(ids) - new
    return (
        f"{new} new case{'s' if new != 1 else ''} first, then {old} you answered before "
        "(the longest ago first)."
    )


def ask_to_continue(pack: Pack, store, stdin: TextIO, stdout: TextIO):
    """Offer the learner's unfinished learn session of *pack*; the Unfinished to play, or None."""
    from quiz.progress.resume import unfinished

    left = unfinished(store, pack)
    if left is None:
        return None
    stdout.write(
        f"You left a learn session of {clean(pack.title)} with {left.answered} of "
        f"{len(left.cases)} cases answered. Continue it? [Y/n] "
    )
    stdout.flush()
    line = stdin.readline()
    if not line:
        stdout.write("\n")
    return left if line.strip().lower() in ("", "y", "yes") else None
