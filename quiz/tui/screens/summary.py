"""The end of a session: score with partial credit, time, and every answer to look back at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from quiz.feedback_text import summary_lines
from quiz.tui.plain import plain
from quiz.tui.screens.base import AppScreen
from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.tui.flow import SessionFlow


class SummaryScreen(AppScreen):
    HELP = ("Your score counts a partly right answer as half. Every answer of the session is "
            "listed: **Enter** opens its feedback (in an exam, this is where the feedback is). "
            "**m** goes over the missed cases again right away.")
    AUTO_FOCUS = "#answers"
    BINDINGS = [
        Binding("enter", "open", "Feedback", show=False, id="open-feedback"),
        Binding("m", "again", "Practise missed", id="practise-missed"),
        Binding("escape,h", "home", "Home", id="home"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, flow: SessionFlow) -> None:
        super().__init__()
        self.flow = flow
        self.summary = flow.summary()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="score")
        yield DataTable(id="answers", cursor_type="row", zebra_stripes=True)
        yield Static("", id="summary-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        s, flow = self.summary, self.flow
        self.title = f"{flow.heading} · summary"
        self.sub_title = flow.pack.title
        lines = summary_lines(s, time_ran_out=flow.expired)
        self.query_one("#score", Static).update(plain("\n".join(lines)))
        table = self.query_one("#answers", DataTable)
        # Widths from the terminal's, so the four columns fit 80 (long names end in "…").
        room = max(40, self.app.size.width - 2 - 8 - 14)
        table.add_column("", key="verdict", width=14)
        table.add_column("Case", key="case", width=room * 2 // 5)
        table.add_column("Your answer", key="choice", width=room * 3 // 10)
        table.add_column("Answer", key="answer", width=room * 3 // 10)
        for index, answered in enumerate(flow.results):
            fb = answered.feedback
            table.add_row(f"{fb.verdict.symbol} {fb.verdict.word}", plain(fb.title),
                          plain(fb.choice_name), plain(fb.answer_name), key=str(index))
        missed = len(s.missed)
        exam = "In an exam this is where the feedback is. " if flow.mode is Mode.EXAM else ""
        self.query_one("#summary-hint", Static).update(
            f"{exam}Enter opens an answer's feedback."
            + (f" {missed} missed: m goes over them again." if missed and not flow.preview else ""))
        if s.missed:
            # Start on the first miss: that is the one to look at.
            table.move_cursor(row=flow.results.index(s.missed[0]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return bool(self.summary.missed) and not self.flow.preview
        return True

    @on(DataTable.RowSelected, "#answers")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row)

    def action_open(self) -> None:
        self._open(self.query_one("#answers", DataTable).cursor_row)

    def _open(self, row: int) -> None:
        from quiz.tui.screens.feedback import FeedbackScreen

        results = self.flow.results
        if 0 <= row < len(results):
            self.app.push_screen(FeedbackScreen(self.flow.pack, results[row], reviewed=results))

    def action_home(self) -> None:
        self.dismiss()

    def action_again(self) -> None:
        ids = list(dict.fromkeys(a.case_id for a in self.summary.missed))
        self.dismiss()
        self.app.go(self.app.begin_session(self.flow.pack, Mode.MISTAKES, cases=ids))
