"""One format-2 question, asked once its stage has been shown: the prompt, the kind's widget,
the certainty under CBM, then (learn mode) its feedback on the same screen.

The answer is recorded on the store thread before any feedback appears, as for the diagnosis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from quiz.question_feedback import KIND_WORDS, concordance_prompt, item_label, question_markdown
from quiz.questions import question_image
from quiz.tui.plain import plain
from quiz.tui.widgets.choose_menu import ChooseMenu
from quiz.tui.widgets.concordance_scale import ConcordanceScale
from quiz.tui.widgets.feedback_body import FeedbackBody
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.point_picker import PointPicker
from quiz.tui.widgets.rank_list import RankList
from quiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from quiz.case_questions import QuestionResult
    from quiz.tui.flow import SessionFlow

HOW = {
    "choose": "space marks a choice · Enter submits",
    "point": "arrows or hjkl move the crosshair (shift: faster) · space or a click marks · Enter submits",
    "rank": "up/down pick an item · shift+up/down (or K/J) move it · Enter submits",
    "concordance": "up/down (or 1–5) pick a step · Enter submits",
}


class QuestionScreen(Screen[Any]):
    HELP = (
        "A question of the case, asked now that its stage has been shown. "
        + " ".join(f"**{k}**: {v}." for k, v in HOW.items())
        + " After the answer (learn mode) its feedback follows here: **Enter** goes on."
    )
    BINDINGS = [Binding("escape", "later", "Back to the case", id="question-later")]

    def __init__(self, flow: SessionFlow, question) -> None:
        super().__init__()
        self.flow = flow
        self.question = question
        self.result: QuestionResult | None = None

    def compose(self) -> ComposeResult:
        q = self.question
        yield TitleBar()
        with Vertical(id="question-body"):
            yield Static(plain(self._prompt()), id="question-prompt")
            yield Static(plain(HOW[q.kind]), id="question-how")
            yield self._widget()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = self.flow.heading
        self.sub_title = f"{self.flow.position} · question: {KIND_WORDS[self.question.kind]}"
        self.query_one("#question-widget").focus()

    def _prompt(self) -> str:
        q, pack = self.question, self.flow.pack
        if q.kind == "concordance":
            return (
                f"{concordance_prompt(pack, q)}\nHypothesis: {item_label(pack, q.hypothesis)}\n"
                f"New information: {q.new_information.strip()}"
            )
        return q.prompt

    def _widget(self):
        q, pack = self.question, self.flow.pack
        if q.kind == "choose":
            return ChooseMenu(q.choices, q.allowed, id="question-widget")
        if q.kind == "rank":
            return RankList(
                [(i, item_label(pack, i)) for i in self._shuffled(q.items)], id="question-widget"
            )
        if q.kind == "concordance":
            return ConcordanceScale(id="question-widget")
        image = question_image(self.flow.case, q)
        return PointPicker(pack.image_path(image), q.allowed, id="question-widget")

    def _shuffled(self, items: list[str]) -> list[str]:
        """The right order must not be the order shown: a fixed shuffle per case and question
        (the same on every run, so a learner's retry starts from the same place)."""
        import random

        order = list(items)
        rng = random.Random(f"{self.flow.case_id}/{self.question.id}")
        for _ in range(10):
            rng.shuffle(order)
            if order != list(items):
                break
        return order

    # -- answering ---------------------------------------------------------------------------
    @on(ChooseMenu.Submitted)
    def _chosen(self, event: ChooseMenu.Submitted) -> None:
        self._answer(event.chosen)

    @on(RankList.Submitted)
    def _ranked(self, event: RankList.Submitted) -> None:
        self._answer(event.order)

    @on(ConcordanceScale.Submitted)
    def _stepped(self, event: ConcordanceScale.Submitted) -> None:
        self._answer(event.step)

    @on(PointPicker.Submitted)
    def _pointed(self, event: PointPicker.Submitted) -> None:
        if event.picker.error:  # the picture cannot be shown: skipped, not counted, as in line mode
            self.notify(
                "The picture cannot be shown, so this question is skipped and not counted.",
                severity="warning",
                timeout=6,
            )
            self.record(None, None, counted=False)
            return
        self._answer(event.marks)

    def _answer(self, response: Any) -> None:
        if self.result is not None:
            return
        if not self.flow.session.cbm:
            self.record(response, None)
            return
        from quiz.tui.screens.prompts import ConfidencePrompt

        def rated(value: int | None) -> None:
            if value is not None:
                self.record(response, value)

        self.app.push_screen(ConfidencePrompt(KIND_WORDS[self.question.kind]), rated)

    @work(exclusive=True, group="question", exit_on_error=False)
    async def record(self, response: Any, confidence: int | None, counted: bool = True) -> None:
        try:
            self.result = await self.app.store.call(
                self.flow.answer_question, self.question.id, response, confidence, counted
            )
        except Exception as exc:
            self.notify(f"The answer could not be recorded: {exc}", severity="error", markup=False)
            return
        if not self.result.saved and not self.flow.preview:
            self.notify(
                f"This answer could not be saved: {self.result.save_error}",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        if not self.flow.feedback_each_case:
            self.dismiss(self.result)
            return
        await self._show_feedback()

    async def _show_feedback(self) -> None:
        body = self.query_one("#question-body", Vertical)
        await body.remove_children()
        q, result = self.question, self.result
        case = self.flow.case
        scroll = VerticalScroll(id="question-feedback")
        await body.mount(scroll)
        if q.kind == "point":
            image = question_image(case, q)
            boxes = [r.box for r in image.regions if r.label in q.keys]
            picker = PointPicker(
                self.flow.pack.image_path(image),
                q.allowed,
                marks=result.response,
                reveal=boxes,
                id="point-feedback",
            )
            picker.styles.height = 12
            await scroll.mount(
                Static(
                    plain("Green: the key regions · your marks: ✓ inside one, ✗ outside"),
                    id="point-legend",
                )
            )
            await scroll.mount(picker)
        if q.kind == "concordance":
            await scroll.mount(
                ConcordanceScale(panel=q.panel, chosen=result.response, id="panel-spread")
            )
        # Before the case's feedback: nothing of later stages, nothing naming the diagnosis.
        text = question_markdown(self.flow.pack, case, result, before_diagnosis=True)
        await scroll.mount(FeedbackBody(text))
        await body.mount(Static(plain("Enter: back to the case"), id="question-next"))
        scroll.focus()

    def on_key(self, event) -> None:
        if self.result is not None and event.key == "enter":
            event.stop()
            self.dismiss(self.result)

    def action_later(self) -> None:
        """Back to the case to look again: an unanswered question comes back with the next
        stage, or before the diagnosis is taken."""
        if self.result is None:
            self.notify(
                "The question waits: it comes back with the next stage, or before your diagnosis.",
                timeout=4,
            )
        self.dismiss(self.result)
