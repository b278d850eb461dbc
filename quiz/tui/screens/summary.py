"""The end of a session: score with partial credit, time, and every answer to look back at."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from quiz.feedback_text import summary_lines
from quiz.tui.plain import plain
from quiz.tui.screens.base import AppScreen
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.title_bar import TitleBar
from quiz.vocabulary import Mode, Verdict

if TYPE_CHECKING:
    from quiz.tui.flow import SessionFlow


class SummaryScreen(AppScreen):
    HELP = (
        "Your score counts a partly right answer as half. Every answer of the session is "
        "listed: **Enter** opens its feedback (in an exam, this is where the feedback is). "
        "**m** goes over the missed cases again right away."
    )
    AUTO_FOCUS = "#answers"
    BINDINGS = [
        Binding("enter", "open", "Feedback", show=False, id="open-feedback"),
        Binding("m", "again", "Practise missed", id="practise-missed"),
        Binding("escape,h", "home", "Home screen", id="home"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, flow: SessionFlow) -> None:
        super().__init__()
        self.flow = flow
        self.summary = flow.summary()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="score")
        yield DataTable(id="answers", cursor_type="row", zebra_stripes=True)
        yield Static("", id="summary-hint", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        s, flow = self.summary, self.flow
        self.title = f"{flow.heading} · summary"
        self.sub_title = flow.pack.title
        unanswered = flow.unanswered if flow.mode == "exam" else []
        lines = summary_lines(s, time_ran_out=flow.expired)
        self.query_one("#score", Static).update(plain("\n".join(lines)))
        table = self.query_one("#answers", DataTable)
        # Names wrap in their column rather than being cut: a row is as tall as it needs.
        verdict_width = 14
        room = max(36, self.app.size.width - 2 - verdict_width - 8)
        widths = {"case": room * 2 // 5, "choice": room * 3 // 10, "answer": room * 3 // 10}
        table.add_column("", key="verdict", width=verdict_width)
        table.add_column("Case", key="case", width=widths["case"])
        table.add_column("Your answer", key="choice", width=widths["choice"])
        table.add_column("Answer", key="answer", width=widths["answer"])

        def cell(text: str, key: str) -> Text:
            return Text("\n".join(textwrap.wrap(text, widths[key]) or [""]))

        for index, answered in enumerate(flow.results):
            fb = answered.feedback
            verdict = f"{fb.verdict.symbol} {fb.verdict.word}"
            if answered.questions:  # format 2: the case's credit, the questions included
                verdict = f"{Verdict(answered.case_verdict).symbol} {answered.case_credit:.0%}"
            row = [
                cell(fb.title, "case"),
                cell(fb.choice_name, "choice"),
                cell(fb.answer_name, "answer"),
            ]
            table.add_row(
                verdict, *row, key=str(index), height=max(len(c.plain.splitlines()) for c in row)
            )
        pack = flow.pack
        for case_id in unanswered:  # time ran out: they count, so they are listed
            if not pack.has_case(case_id):
                continue
            case = pack.case(case_id)
            row = [
                cell(case.title or case.id, "case"),
                cell("—", "choice"),
                cell(pack.taxonomy.label(case.answer), "answer"),
            ]
            table.add_row(
                "– unanswered",
                *row,
                key=f"unanswered-{case_id}",
                height=max(len(c.plain.splitlines()) for c in row),
            )
        missed = len(s.missed)
        exam = "In an exam this is where the feedback is. " if flow.mode is Mode.EXAM else ""
        self.query_one("#summary-hint", Static).update(
            f"{exam}Enter opens an answer's feedback."
            + (f" {missed} missed: m goes over them again." if missed and not flow.preview else "")
        )
        if s.missed:
            # Start on the first miss: that is the one to look at.
            table.move_cursor(row=flow.results.index(s.missed[0]))
        if flow.preview:
            self._relabel("home", "Back to the cases")

    def _relabel(self, action: str, description: str) -> None:
        from dataclasses import replace

        for key, bindings in list(self._bindings.key_to_bindings.items()):
            self._bindings.key_to_bindings[key] = [
                replace(b, description=description) if b.action == action else b for b in bindings
            ]

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
        elif row >= len(results):
            self.notify("Not answered: time ran out before this case.", timeout=3)

    def action_home(self) -> None:
        """To the home screen, whichever screen the session was started from (statistics,
        the atlas...); a preview goes back to its list of cases."""
        self.app.go(self._home())

    async def _home(self) -> None:
        app = self.app
        await self.dismiss()
        while len(app.screen_stack) > 1 and not self.flow.preview:
            await app.pop_screen()  # the home screen is the first: the default screen

    def action_again(self) -> None:
        ids = list(dict.fromkeys(a.case_id for a in self.summary.missed))
        self.dismiss()
        self.app.go(self.app.begin_session(self.flow.pack, Mode.MISTAKES, cases=ids))
