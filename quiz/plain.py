"""Line mode: the quiz without a full-screen UI, for screen readers, pipes and scripts.

Each case is printed stage by stage, then the question and the choices; the learner types an
answer line and a confidence line. Everything from a pack passes through `clean` first.
"""

from __future__ import annotations

import time
from typing import TextIO

from quiz.feedback_text import feedback_lines, format_duration, summary_lines  # noqa: F401 - old import path of format_duration
from quiz.pack.models import Case, Image
from quiz.pack.pack import Pack
from quiz.session import Answered, Session, Summary
from quiz.text import clean, markdown_to_plain
from quiz.vocabulary import Confidence, Mode


def image_line(image: Image) -> str:
    parts = [image.kind]
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
    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO):
        self.session = session
        self.pack: Pack = session.pack
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        self.stdout.write(clean(text) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            return None
        return line.strip()

    def run(self) -> Summary:
        started = time.monotonic()
        cases = self.session.case_ids
        self.say(f"DermQuiz — {self.pack.title} ({self.session.mode} mode, {len(cases)} "
                 f"case{'s' if len(cases) != 1 else ''})")
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
        summary = self.session.summary(seconds=time.monotonic() - started)
        self.show_summary(summary)
        return summary

    def play_case(self, case: Case, number: int, total: int) -> Answered | None:
        opened = time.monotonic()
        self.say()
        tags = f" · tags: {', '.join(case.tags)}" if case.tags else ""
        self.say(f"Case {number} of {total} · difficulty {case.difficulty}{tags}")
        for stage in case.stages:
            self.say()
            self.say(stage.name or "Stage")
            for line in markdown_to_plain(stage.text.strip()).splitlines():
                self.say(f"  {line}")
            for image in stage.images:
                self.say(f"  {image_line(image)}")
        self.say()
        self.say(f"Question: {self.pack.question(case)}")
        choices = self.pack.choices(case)
        self.say("Choices (type an id, a name or a synonym; a unique beginning will do):")
        depth = {eid: d for eid, d in self.pack.taxonomy.walk()}
        for eid in choices:
            self.say(f"  {'  ' * depth.get(eid, 0)}{eid} — {self.pack.taxonomy.label(eid)}")
        choice = self.read_choice(set(choices))
        if choice is None:
            return None
        confidence = self.read_confidence()
        if confidence is None:
            return None
        return self.session.answer(case.id, choice, confidence, stages_seen=len(case.stages),
                                   seconds=time.monotonic() - opened)

    def read_choice(self, allowed: set[str]) -> str | None:
        tax = self.pack.taxonomy
        while True:
            text = self.ask("Your answer: ")
            if text is None:
                return None
            match = tax.resolve(text, allowed)
            if match.entity_id:
                return match.entity_id
            if match.candidates:
                names = ", ".join(match.candidates[:8])
                self.say(f"'{text}' fits more than one choice: {names}. Type more of it.")
                continue
            from quiz.pack.diagnostics import did_you_mean

            pool = {n for eid in allowed for n in (eid, tax.label(eid))}
            hint = did_you_mean(text, pool, prefix="Did you mean ")
            self.say(f"No choice matches '{text}'." + (f" {hint}" if hint else "")
                     + " Type an id or a name from the list.")

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

    def show_summary(self, summary: Summary) -> None:
        self.say()
        self.say("Session summary")
        for line in summary_lines(summary):
            self.say(f"  {line}")
        for missed in summary.missed:
            fb = missed.feedback
            self.say(f"  Missed: {missed.case_id} — you chose {fb.choice_name}; "
                     f"the answer is {fb.answer_name}")
