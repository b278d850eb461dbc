"""Where the learner stands in a pack: accuracy per entity, confusions, calibration, due days.

The same figures as `dermquiz stats` (quiz.progress.stats), read on the store thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from quiz.tui.plain import percent, plain
from quiz.tui.screens.base import AppScreen
from quiz.tui.widgets.bar_chart import Bar, BarChart, tone_of
from quiz.tui.widgets.confusion_grid import ConfusionGrid
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.title_bar import TitleBar
from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.progress.stats import Stats


def calibration_note(stats: Stats) -> str:
    levels = {c.label: c.accuracy for c in stats.calibration if c.attempts}
    counts = {c.label: c.attempts for c in stats.calibration}
    sure, guess = levels.get("sure"), levels.get("guess")
    if sure is None or counts.get("sure", 0) < 3:
        return "Rate a few more answers as sure to see whether that certainty can be trusted."
    if guess is not None and sure <= guess + 0.1:
        return (
            "Your “sure” answers are not much better than your guesses: slow down when "
            "you feel certain, and check the findings that decide it."
        )
    if sure < 0.8:
        return "When you are sure you are still often wrong: treat certainty as a hypothesis."
    return "Your certainty is well founded: sure answers are mostly right."


class StatsScreen(AppScreen):
    HELP = (
        "Accuracy counts a partly right answer as half. The grid shows what you answered "
        "when another entity was right; calibration compares how sure you were with how "
        "often you were right."
    )
    AUTO_FOCUS = "#stats-scroll"
    BINDINGS = [
        Binding("r", "review", "Review due", id="review-due"),
        Binding("m", "mistakes", "Mistakes", id="mistakes"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats-scroll"):
            yield Static("Reading your progress…", id="stats-headline", markup=False)
            yield Static("Accuracy per entity", classes="section-title")
            yield BarChart(
                id="stats-entities", label_width=30, empty="No answers yet: play some cases first."
            )
            yield Static("Confusions", classes="section-title")
            yield ConfusionGrid(id="stats-confusions")
            yield Static(
                "Read across: how often you chose the column's entity when the row's was right.",
                classes="stats-note",
            )
            yield Static(
                "Accuracy per kind of question", classes="section-title", id="stats-kinds-title"
            )
            yield BarChart(id="stats-kinds", label_width=24)
            yield Static("Calibration: how often right at each confidence", classes="section-title")
            yield BarChart(id="stats-calibration", label_width=10)
            yield Static("", id="stats-calibration-note", classes="stats-note", markup=False)
            yield Static("Due in the next 7 days", classes="section-title")
            yield BarChart(id="stats-due", label_width=12)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "DermQuiz · statistics"
        self.sub_title = self.pack.title
        self._show_kinds([])  # until a format-2 pack's answers are read
        self.load()

    def on_screen_resume(self) -> None:
        if self.stats is not None:
            self.load()

    @work(exclusive=True, group="stats", exit_on_error=False)
    async def load(self) -> None:
        from quiz.progress.stats import stats_for

        stats = await self.app.store.with_store(stats_for, [self.pack], self.pack.id, default=None)
        if stats is None:
            reason = self.app.store.error or "the progress store is not open"
            self.query_one("#stats-headline", Static).update(plain(f"No statistics: {reason}"))
            return
        self.stats = stats
        self._show(stats)
        from quiz.progress.kind_stats import kind_stats

        def per_kind(store):
            return kind_stats(store.attempts(self.pack.id), store.question_attempts(self.pack.id))

        kinds = await self.app.store.with_store(per_kind, default=[])
        self._show_kinds(kinds or [])

    def _show_kinds(self, kinds: list) -> None:
        """Format 2: shown only when the pack's questions have been answered."""
        shown = any(k.kind != "diagnosis" for k in kinds)
        self.query_one("#stats-kinds-title").display = shown
        chart = self.query_one("#stats-kinds", BarChart)
        chart.display = shown
        chart.bars = tuple(
            Bar(
                k.label,
                k.accuracy or 0.0,
                (f"{percent(k.accuracy)} of {k.answered}" if k.answered else "none counted")
                + (f", {k.skipped} skipped" if k.skipped else ""),
                tone_of(k.accuracy or 0.0),
            )
            for k in kinds
        )

    def _show(self, s: Stats) -> None:
        streak = f"{s.streak} day{'s' if s.streak != 1 else ''}"
        headline = (
            f"{s.attempts} answer{'s' if s.attempts != 1 else ''} · score "
            f"{percent(s.accuracy)} · {s.cases_seen} of {len(self.pack.cases)} cases "
            f"seen · streak {streak} · due today {s.due[0] if s.due else 0}"
        )
        self.query_one("#stats-headline", Static).update(plain(headline))
        self.query_one("#stats-entities", BarChart).bars = tuple(
            Bar(e.name, e.accuracy, f"{percent(e.accuracy)} of {e.attempts}", tone_of(e.accuracy))
            for e in s.per_entity
        )
        self.query_one(ConfusionGrid).pairs = tuple(
            (c.answer, c.answer_name, c.chosen, c.chosen_name, c.count) for c in s.confusions
        )
        self.query_one("#stats-calibration", BarChart).bars = tuple(
            Bar(
                c.label,
                c.accuracy,
                f"{percent(c.accuracy)} of {c.attempts}" if c.attempts else "no answers",
                tone_of(c.accuracy),
            )
            for c in s.calibration
        )
        self.query_one("#stats-calibration-note", Static).update(calibration_note(s))
        top = max(s.due) if s.due and max(s.due) else 1
        today = date.today()
        self.query_one("#stats-due", BarChart).bars = tuple(
            Bar(_day(today, offset), n / top, f"{n} case{'s' if n != 1 else ''}")
            for offset, n in enumerate(s.due)
        )

    def action_review(self) -> None:
        self.app.go(self.app.begin_session(self.pack, Mode.REVIEW))

    def action_mistakes(self) -> None:
        self.app.go(self.app.begin_session(self.pack, Mode.MISTAKES))

    def action_back(self) -> None:
        self.dismiss()


def _day(today: date, offset: int) -> str:
    if offset == 0:
        return "today"
    if offset == 1:
        return "tomorrow"
    return (today + timedelta(days=offset)).strftime("%a %d %b")
