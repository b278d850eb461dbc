"""The case screen's hook for format 2: after a stage is shown, ask the questions that follow
it, one screen each; before the diagnosis is recorded, the questions of stages not yet shown
(the learner answered early: the stages are shown, and the feedback knows what came when)."""

from __future__ import annotations

from collections.abc import Callable


def ask_pending(screen, then: Callable[[], None] | None = None) -> None:
    """Push a QuestionScreen for the first question due after the stages shown; when it is
    answered, the next; then call *then*."""
    from quiz.tui.screens.question import QuestionScreen

    flow = screen.flow
    if getattr(screen, "_asking", False):
        return
    pending = flow.pending_questions()
    if not pending:
        if then is not None:
            then()
        return
    screen._asking = True

    def answered(result) -> None:
        screen._asking = False
        if result is not None:  # None: the learner went back to the case to look again
            ask_pending(screen, then)

    screen.app.push_screen(QuestionScreen(flow, pending[0]), answered)


async def before_diagnosis(screen, go_on: Callable[[], None]) -> None:
    """Questions left for later stages: show those stages, ask them, then go on."""
    flow = screen.flow
    if not flow.unasked_questions():
        go_on()
        return
    flow.answer_stages.setdefault(flow.case_id, flow.stages_shown)
    screen.notify("Before the feedback: the rest of the case, and its questions.", timeout=4)
    while flow.reveal_next():
        pass
    await screen._show_stages(scroll=True)
    ask_pending(screen, go_on)
