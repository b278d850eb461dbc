"""Feedback on one answer: the verdict in words and a symbol, the contrast, the teaching.

Shown after each case in learn, review and mistakes modes (live: n goes on to the next
case), and from the summary for any answered case (n and p step through them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from quiz.feedback_text import feedback_markdown, verdict_banner
from quiz.tui.plain import plain
from quiz.tui.screens.base import AppScreen
from quiz.tui.widgets.feedback_body import FeedbackBody
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.title_bar import TitleBar
from quiz.vocabulary import Confidence, Verdict

if TYPE_CHECKING:
    from textual.app import App

    from quiz.pack.pack import Pack
    from quiz.session import Answered
    from quiz.tui.flow import SessionFlow


def body_markdown(answered: Answered, pack: Pack | None = None, all_findings: bool = False) -> str:
    """The feedback without its verdict: the banner above says it already."""
    body = feedback_markdown(answered.feedback, all_findings=all_findings, banner=False)
    if answered.questions and pack is not None:  # format 2: each question, the case's credit
        from quiz.question_feedback import answered_markdown

        body += "\n\n" + answered_markdown(pack, answered)
    return body


class FeedbackScreen(AppScreen):
    HELP = (
        "The verdict, then why: the findings that speak against your choice and those "
        "that point to the answer; then the findings that tell the two apart (✗ marks the "
        "ones against your choice), **f** shows every finding of the case. **a** opens "
        "the right entity in the atlas, **c** sets your choice beside it."
    )
    AUTO_FOCUS = "#feedback-scroll"
    LIVE = "live-feedback"  # the name the session's feedback screen is installed under
    BINDINGS = [
        Binding("n", "next", "Next case", id="next"),
        Binding("p", "previous", "Previous", show=False, id="previous"),
        Binding("f", "all_findings", "All findings", id="all-findings"),
        Binding("a", "atlas", "Atlas", id="atlas"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("escape", "back", "End session", id="back"),
    ]

    def __init__(
        self,
        pack: Pack,
        answered: Answered,
        *,
        live: SessionFlow | None = None,
        reviewed: list[Answered] | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.answered = answered
        self.live = live  # the session goes on from here
        self.reviewed = reviewed or [answered]  # from the summary: n and p step through these
        self.all_findings = False  # f: every finding of the case, not only the telling ones

    @classmethod
    def live_for(
        cls, app: App, pack: Pack, answered: Answered, flow: SessionFlow
    ) -> FeedbackScreen:
        """The feedback after an answer in a session. One screen serves every answer of the
        app's life (installed, so closing it keeps it): only the first pays for building it,
        the others only for their own text."""
        if not app.is_screen_installed(cls.LIVE):
            screen = cls(pack, answered, live=flow)
            app.install_screen(screen, cls.LIVE)
            return screen
        screen = app.get_screen(cls.LIVE)
        assert isinstance(screen, FeedbackScreen)
        screen.pack, screen.answered, screen.live = pack, answered, flow
        screen.reviewed = [answered]
        if screen.is_mounted:
            screen._show()  # else its on_mount does
        return screen

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="verdict")
        yield Static("", id="feedback-note", markup=False)
        with VerticalScroll(id="feedback-scroll"):
            yield FeedbackBody(id="feedback-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        answered = self.answered
        fb = answered.feedback
        verdict = fb.verdict
        banner = self.query_one("#verdict", Static)
        for name in Verdict:
            banner.set_class(verdict is name, f"-{name.value}")
        banner.update(plain(verdict_banner(fb)))
        notes = [f"Case: {fb.title}", Confidence(answered.confidence).phrase]
        if self.pack.has_case(answered.case_id) and self.pack.case(answered.case_id).tags:
            # Only now: a tag such as "gluten" would have named the diagnosis.
            notes.append("tags: " + ", ".join(self.pack.case(answered.case_id).tags))
        if not answered.saved and (self.live is None or not self.live.preview):
            notes.append(f"⚠ not saved: {answered.save_error}")
        self.query_one("#feedback-note", Static).update(plain(" · ".join(notes)))
        # The verdict is the banner above: the text starts after it.
        self.query_one("#feedback-text", FeedbackBody).update(
            body_markdown(answered, self.pack, all_findings=self.all_findings)
        )
        self.query_one("#feedback-scroll").scroll_home(animate=False)
        if self.live is not None:
            flow = self.live
            self.title = flow.heading
            self.sub_title = f"{flow.position} · feedback"
            if self.app.size.width < 72:  # the header would cut it short
                self.title, self.sub_title = f"{flow.mode.capitalize()} · feedback", ""
            if flow.index + 1 >= flow.total:
                self._label("next", "Summary")  # the last case: n ends the session
            else:
                self._label("next", "Next case")
            self._label("back", "End session")
        else:
            index = self.reviewed.index(answered)
            self.title = "DermQuiz · your answers"
            self.sub_title = f"answer {index + 1} of {len(self.reviewed)}"
            self._label("next", "Next answer" if len(self.reviewed) > 1 else "Back")
            self._label("back", "Back to the summary")
        self.refresh_bindings()

    def _label(self, action: str, description: str) -> None:
        """Say in the footer what the key does here (the same screen serves a session and the
        summary's look back)."""
        from dataclasses import replace

        for key, bindings in list(self._bindings.key_to_bindings.items()):
            self._bindings.key_to_bindings[key] = [
                replace(b, description=description) if b.action == action else b for b in bindings
            ]

    # -- actions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "previous":
            return self.live is None and len(self.reviewed) > 1
        if action == "compare":
            fb = self.answered.feedback
            return fb.verdict is not Verdict.CORRECT and self.answered.choice in self.pack.entities
        return True

    def action_all_findings(self) -> None:
        self.all_findings = not self.all_findings
        self._show()

    def action_next(self) -> None:
        if self.live is not None:
            self.app.go(self.app.next_case(self.live))
        else:
            self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if len(self.reviewed) < 2:
            self.dismiss()
            return
        index = self.reviewed.index(self.answered) + step
        if not 0 <= index < len(self.reviewed):
            self.notify("That was the " + ("last" if step > 0 else "first") + " answer.", timeout=2)
            return
        self.answered = self.reviewed[index]
        self._show()

    def action_back(self) -> None:
        if self.live is None:
            self.dismiss()
            return
        from quiz.tui.screens.prompts import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self.app.go(self.app.end_session(self.live))

        self.app.push_screen(ConfirmScreen("End this session?", "Your answers are kept."), decided)

    def action_atlas(self) -> None:
        from quiz.tui.screens.atlas import AtlasScreen

        self.app.push_screen(AtlasScreen(self.pack, self.answered.feedback.grade.answer))

    def action_compare(self) -> None:
        from quiz.tui.screens.atlas import AtlasScreen

        grade = self.answered.feedback.grade
        self.app.push_screen(AtlasScreen(self.pack, grade.answer, compare_with=grade.choice))

    def pack_reloaded(self, pack: Pack) -> None:
        """Preview: the same answer, graded again against the edited pack."""
        from quiz.feedback import build_feedback

        self.pack = pack
        answered = self.answered
        if pack.has_case(answered.case_id) and answered.choice in pack.entities:
            answered.feedback = build_feedback(
                pack, pack.case(answered.case_id), answered.choice, answered.confidence
            )
            self._show()
