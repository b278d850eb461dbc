"""A case, stage by stage, with its images, the question, the answer and the confidence.

The learner may answer after any stage (teaching rule R7); the answer is graded and
recorded on the store thread, and only then does feedback appear (R1: commit, then reveal).
One screen per case: the session's state lives in the SessionFlow it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Static

from quiz.tui.plain import plain
from quiz.tui.question_hook import ask_pending, before_diagnosis
from quiz.tui.screens.base import AppScreen
from quiz.tui.screens.breakpoints import presize
from quiz.tui.widgets.answer_picker import AnswerInput, AnswerPicker
from quiz.tui.widgets.confidence import ConfidencePicker
from quiz.tui.widgets.countdown import Countdown
from quiz.tui.widgets.image_viewer import ImageViewer
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.stage_view import StageView
from quiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.tui.flow import SessionFlow


class CaseScreen(AppScreen):
    # Layout classes: -stacked (below 72 columns: the case and the answer take turns on the
    # whole screen), -narrow / -wide (width 110), -short / -tall (height 34); only the
    # screens whose layout changes have them (each class change restyles the screen).
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (72, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    HELP = (
        "Read the case; **n** or **space** shows the next stage, from its heading; **up**, "
        "**down**, **page up** and **page down** scroll the text. Answer whenever you are "
        "ready: **/** goes to the answer field (type a name or synonym; up and down move "
        "the highlight), or pick in the tree with the arrows; **Enter** answers. Set how "
        "sure you are with **1** (guess), **2** (unsure) or **3** (sure) first, or when "
        "asked. **Tab** moves between the case, the images and the answer; on the images, "
        "**z** is full screen, **+** and **-** zoom, the arrows pan, **[** and **]** "
        "change the image. **Escape** leaves full screen, then the images; on the case, "
        "it ends the session (asking first)."
    )
    AUTO_FOCUS = "#stages"
    BINDINGS = [
        Binding("n,space", "next_stage", "Next stage", id="next-stage"),
        # Priority, and the focus moved at once: the name typed right after "/" (one burst
        # in a browser or over ssh) must land in the field, not on the case behind it.
        Binding("slash", "focus_answer", "Answer", priority=True, id="answer"),
        Binding("i", "focus_images", "Images", id="images"),
        Binding("1", "confidence(1)", "Guess", show=False, id="guess"),
        Binding("2", "confidence(2)", "Unsure", show=False, id="unsure"),
        Binding("3", "confidence(3)", "Sure", show=False, id="sure"),
        Binding("escape", "leave", "End session", id="end-session"),
    ]

    submitting: reactive[bool] = reactive(False)

    def __init__(self, flow: SessionFlow) -> None:
        super().__init__()
        presize(self)  # laid out once, in its final shape
        self.flow = flow
        flow.open_case()
        self.case = flow.case
        self._items: list = []  # (path, image) pairs the viewer has now

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        pack = self.flow.pack
        yield TitleBar()
        with Horizontal(id="case-body"):
            with Vertical(id="case-left"):
                yield StageView(id="stages")
                yield Static("", id="stage-hint", markup=False)
                yield ImageViewer(id="viewer", graphics=self.app.options.graphics)
            with Vertical(id="case-right"):
                if self.flow.time_limit is not None:
                    yield Countdown(lambda: self.flow.remaining, id="countdown")
                yield Static(plain(pack.question(self.case)), id="question")
                yield AnswerPicker(pack.taxonomy, pack.choices(self.case), id="picker")
                yield ConfidencePicker(id="confidence")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self._fit_answer_pane()
        await self._show_stages(scroll=False)
        self.call_after_refresh(self._prefetch_next)

    def on_resize(self) -> None:
        self._fit_answer_pane()
        self._titles()

    def _titles(self) -> None:
        flow, total = self.flow, len(self.case.stages)
        if self.app.size.width < 72:
            # Narrow: the header would cut "DermQuiz · Learn — case 1 of 12 · stage…" short.
            mode = flow.mode.label if not flow.preview else "Preview"
            where = flow.position if flow.preview else f"{flow.index + 1}/{flow.total}"
            self.title, self.sub_title = f"{mode} {where} · stage {self.shown}/{total}", ""
        else:
            self.title = flow.heading
            self.sub_title = f"{flow.position} · stage {self.shown} of {total}"

    def _fit_answer_pane(self) -> None:
        """The answer pane as wide as its longest name needs (so no name is cut), up to half
        the screen; the case's text has the rest. Stacked, it has the whole width."""
        pane = self.query_one("#case-right")
        if self.has_class("-stacked"):
            pane.styles.width = "100%"
            return
        tax = self.flow.pack.taxonomy
        allowed = set(self.flow.pack.choices(self.case))
        longest = max(
            (2 * depth + len(tax.label(eid)) for eid, depth in tax.walk(only=allowed)), default=30
        )
        need = longest + 2 + 1 + 1  # the tree's first guide, its scrollbar, padding, border
        pane.styles.width = max(38, min(need, self.app.size.width * 55 // 100))

    def on_descendant_focus(self, event) -> None:
        # Stacked, the answer pane shows while one of its parts has the focus.
        right = self.query_one("#case-right")
        answering = right in event.widget.ancestors_with_self
        self.set_class(answering, "-answering")
        ahead, self._typed_ahead = getattr(self, "_typed_ahead", ""), ""
        if isinstance(event.widget, AnswerInput) and ahead:
            event.widget.insert_text_at_cursor(ahead)
        if not answering:
            self._to_answer = False

    def _prefetch_next(self) -> None:
        """The next case's pictures, decoded while the learner reads this one (and the
        feedback's Markdown parser made ready, once)."""
        from quiz.tui.prefetch import prefetch_case
        from quiz.tui.widgets import feedback_body

        flow = self.flow
        if flow.index == 0:
            self.app.run_worker(feedback_body.warm, thread=True, group="warm", exit_on_error=False)
        if flow.index + 1 < flow.total:
            prefetch_case(self.app, flow.pack, flow.session.case_ids[flow.index + 1])

    @property
    def shown(self) -> int:
        return self.flow.stages_shown

    async def _show_stages(self, scroll: bool, new_images_from: int | None = None) -> None:
        stages = self.case.stages
        await self.query_one(StageView).show(stages, self.shown, scroll_to_newest=scroll)
        total = len(stages)
        self._titles()
        if self.shown < total:
            upcoming = stages[self.shown].name.strip() or f"stage {self.shown + 1}"
            hint = f"n → {upcoming} · / to answer"  # short: the text column is narrow
        else:
            hint = "All stages shown: time to answer."
        self.query_one("#stage-hint", Static).update(plain(hint))
        self._show_images(new_images_from)
        self.refresh_bindings()
        if self.case.questions:  # format 2: questions due after the stages now shown
            self.call_after_refresh(ask_pending, self)

    def _show_images(self, start_at: int | None) -> None:
        pack = self.flow.pack
        items = [
            (pack.image_path(image), image)
            for stage in self.case.stages[: self.shown]
            for image in stage.images
        ]
        viewer = self.query_one(ImageViewer)
        viewer.set_class(
            not items, "-empty"
        )  # a class, not display: the stacked layout hides it too
        if [p for p, _ in items] != [p for p, _ in self._items]:
            self._items = items
            viewer.show_images(items)
            if start_at is not None and 0 < start_at < len(items):
                viewer.index = start_at  # open on the stage's own first picture

    # -- actions --------------------------------------------------------------------------
    async def action_next_stage(self) -> None:
        before = sum(len(s.images) for s in self.case.stages[: self.shown])
        if not self.flow.reveal_next():
            self.notify("That was the last stage: answer now.", timeout=3)
            return
        await self._show_stages(scroll=True, new_images_from=before)

    def action_focus_answer(self) -> None:
        self.set_focus(self.query_one(AnswerInput))

    def on_key(self, event: events.Key) -> None:
        # "/" then a name typed in one burst: the letters were sent to the case's text (the
        # widget focused when they came) before the "/" binding moved the focus. Keys pass
        # here in the order typed, so the "/" is seen first; the letters after it are kept
        # and put in the field when it has the focus.
        field = self.query_one(AnswerInput)
        if event.key == "slash" and self.app.focused is not field:
            self._to_answer, self._typed_ahead = True, ""
        elif getattr(self, "_to_answer", False) and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            focused = self.app.focused
            if focused is not None and self.query_one("#case-right") in focused.ancestors_with_self:
                field.insert_text_at_cursor(event.character)  # typing on the tree: a search
                field.focus()
            else:
                self._typed_ahead += event.character

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_images":
            return bool(self._items) or None  # greyed out until a stage shows a picture
        if action == "next_stage":
            return not self.flow.all_stages_shown or None
        # "/" typed in the field is a character
        return not (action == "focus_answer" and isinstance(self.focused, AnswerInput))

    def action_focus_images(self) -> None:
        viewer = self.query_one(ImageViewer)
        if self._items:
            viewer.focus()
            if self.has_class("-stacked"):
                self.maximize(viewer, container=False)  # no room beside the text: on demand

    def action_confidence(self, level: int) -> None:
        self.query_one(ConfidencePicker).value = level

    @on(AnswerInput.Leave)
    @on(ImageViewer.Leave)
    def _back_to_case(self) -> None:
        # Escape leaves the answer field or the pictures first; from the case it ends.
        if self.maximized is not None:
            self.minimize()
        self.query_one(StageView).focus()

    def action_leave(self) -> None:
        from quiz.tui.screens.prompts import ConfirmScreen

        if self.maximized is not None:
            self.minimize()  # escape first leaves the full-screen picture
            return

        if self.flow.preview:
            self.app.go(self.app.end_session(self.flow))  # nothing is recorded: nothing to lose
            return
        answered = len(self.flow.results)
        detail = (
            f"The {answered} answer{'s' if answered != 1 else ''} you gave are kept."
            if answered and not self.flow.preview
            else ""
        )

        def decided(yes: bool | None) -> None:
            if yes:
                self.app.go(self.app.end_session(self.flow))

        self.app.push_screen(ConfirmScreen("End this session?", detail), decided)

    # -- answering ------------------------------------------------------------------------
    @on(AnswerPicker.Chosen)
    async def _chosen(self, event: AnswerPicker.Chosen) -> None:
        if self.submitting:
            return
        # format 2: the questions of stages not shown yet come first
        await before_diagnosis(self, lambda: self._rate(event.entity_id))

    def _rate(self, choice: str) -> None:
        from quiz.tui.screens.prompts import ConfidencePrompt

        level = self.query_one(ConfidencePicker).value
        if level is not None:
            self.submit(choice, level)
            return

        def rated(value: int | None) -> None:
            if value is not None:
                self.query_one(ConfidencePicker).value = value
                self.submit(choice, value)

        name = self.flow.pack.taxonomy.label(choice)
        self.app.push_screen(ConfidencePrompt(name), rated)

    @work(exclusive=True, group="answer", exit_on_error=False)
    async def submit(self, choice: str, confidence: int) -> None:
        self.submitting = True
        try:
            answered = await self.app.store.call(self.flow.answer, choice, confidence)
        except Exception as exc:  # grading never fails on a valid pack; say so if it does
            self.submitting = False
            self.notify(f"The answer could not be graded: {exc}", severity="error", markup=False)
            return
        if not answered.saved and not self.flow.preview:
            self.notify(
                f"This answer could not be saved: {answered.save_error}",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        if self.flow.feedback_each_case:
            from quiz.tui.screens.feedback import FeedbackScreen

            screen = FeedbackScreen.live_for(self.app, self.flow.pack, answered, self.flow)
            self.app.push_screen(screen)
        else:
            left = self.flow.total - len(self.flow.results)
            self.notify(
                f"Answer kept. {left} case{'s' if left != 1 else ''} to go."
                if left
                else "Answer kept. That was the last case.",
                timeout=2,
            )
            self.app.go(self.app.next_case(self.flow))

    # -- the exam clock -------------------------------------------------------------------
    @on(Countdown.LastMinute)
    def _last_minute(self) -> None:
        if not self.flow.warned_last_minute:
            self.flow.warned_last_minute = True
            self.notify(
                "One minute left: answer this case now.",
                title="Exam",
                severity="warning",
                timeout=8,
            )

    @on(Countdown.Expired)
    def _time_up(self) -> None:
        self.notify("Time is up: the exam ends here.", title="Exam", severity="warning")
        self.app.go(self.app.end_session(self.flow))

    # -- preview: the pack was saved --------------------------------------------------------
    def pack_reloaded(self, pack: Pack) -> None:
        if not pack.has_case(self.case.id):
            self.notify(
                f"The case {self.case.id} is no longer in the pack.",
                severity="warning",
                markup=False,
            )
            return
        self.flow.session.pack = pack
        self.case = pack.case(self.case.id)
        self.query_one("#question", Static).update(plain(pack.question(self.case)))
        self.query_one(AnswerPicker).set_choices(pack.taxonomy, pack.choices(self.case))
        self._items = []  # pictures may have changed on disk under the same names
        self.run_worker(self._show_stages(scroll=False), group="reload")
