"""Home: the packs with the learner's figures, and the modes to start.

The first frame lists the packs from the summaries kept at their last load (quiz.pack.summary);
the packs themselves load after it in a thread worker, row by row, and the figures come from
the store thread afterwards, so nothing here waits on YAML, pydantic or the progress store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from quiz.tui.plain import percent, plain
from quiz.tui.screens.base import AppScreen
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.title_bar import TitleBar
from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.pack.summary import PackSummary
    from quiz.tui.catalog import PackEntry  # the loader's worker imports the module


# How long the first frame may wait for the packs' summaries (the built-in pack's take ~1 ms).
_SUMMARY_BUDGET_S = 0.05


class HomeScreen(AppScreen):
    HELP = (
        "Choose a pack with the arrow keys, then a mode: **learn** gives feedback after "
        "each case, **exam** only at the end, **review** brings back the cases due today, "
        "**mistakes** the ones you missed. The **atlas** shows the entities; "
        "**statistics** where you stand."
    )
    AUTO_FOCUS = "#packs"
    BINDINGS = [
        Binding("l", "start('learn')", "Learn", id="learn"),
        Binding("e", "exam", "Exam", id="exam"),
        Binding("r", "start('review')", "Review", id="review"),
        Binding("m", "start('mistakes')", "Mistakes", id="mistakes"),
        Binding("a", "atlas", "Atlas", id="atlas"),
        Binding("s", "stats", "Stats", id="stats"),
        Binding("v", "problems", "Problems", show=False, id="problems"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    selected: reactive[int] = reactive(0)
    packs_loading: reactive[bool] = reactive(True)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        # The modes are the footer's keys (click them, or press the letter): one row, not two.
        yield Static("Choose a pack, then a mode from the keys below.", id="home-intro")
        yield DataTable(id="packs", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Seen: cases answered · Score: partly right counts half · Due: to review "
            "today · Missed: last answer not right",
            id="home-legend",
        )
        yield Static("Loading packs…", id="pack-detail", markup=False)
        yield Static("", id="home-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#packs", DataTable)
        # Fixed widths that fit 80 columns (the table has 78; each column pads 2): an
        # auto width is the header's, and figures that come later ("37/37") were cut.
        # Labels as Text: a string would be parsed as markup (emoji codes and all).
        table.add_column(Text("Pack"), key="pack", width=30)
        table.add_column(Text("Cases"), key="cases", width=9)  # room for "⚠ 3 errors"
        for label, key, width in (
            ("Seen", "seen", 7),
            ("Score", "score", 5),
            ("Due", "due", 4),
            ("Missed", "missed", 6),
        ):
            table.add_column(Text(label), key=key, width=width)
        # The rows are in the first frame: each pack's title and count from the summary
        # kept at its last load (file stats and a small JSON file, no YAML, no models).
        # Loading the packs imports pydantic and builds every model, holding the GIL: it
        # starts once the screen is drawn, and corrects the rows as each pack arrives.
        catalog = self._list_catalog()
        if catalog is not None:
            self._show_rows(catalog)
        self.call_after_refresh(self.load_catalog)

    def _list_catalog(self):
        from quiz.settings import current
        from quiz.tui.catalog import initial_catalog, read_summaries

        opts = self.app.options
        try:
            data_dir = opts.data_dir or current().data_dir
            catalog = initial_catalog(opts.extra_packs, opts.start_pack, data_dir)
        except Exception:  # an unusable settings file (the CLI reports it): no rows yet
            return None
        # A budget: many large packs of one's own are summed up by the worker instead.
        read_summaries(catalog, budget=_SUMMARY_BUDGET_S)
        return catalog

    def on_screen_resume(self) -> None:
        # Back from a session: the figures changed.
        if not self.packs_loading:
            self.refresh_figures()

    # -- loading --------------------------------------------------------------------------
    @property
    def entries(self) -> list[PackEntry]:
        catalog = self.app.catalog
        return catalog.entries if catalog is not None else []

    @property
    def entry(self) -> PackEntry | None:
        entries = self.entries
        # The table's cursor, not `selected`: that follows a message, and a key pressed
        # right after an arrow (l after down) must act on the row the arrow moved to.
        row = self.query_one("#packs", DataTable).cursor_row if self.is_mounted else self.selected
        return entries[row] if 0 <= row < len(entries) else None

    @work(thread=True, exclusive=True, group="catalog", exit_on_error=False)
    def load_catalog(self) -> None:
        from quiz.tui.catalog import load_entry, read_summaries

        opts = self.app.options
        catalog = self.app.catalog
        if catalog is None:
            catalog = self._list_catalog()
            if catalog is None:
                return
        if read_summaries(catalog):  # those left over by the first frame's budget
            self.app.call_from_thread(self._show_rows, catalog)
        start = catalog.find(opts.start_pack) if opts.start_pack is not None else None
        # The pack to play comes first: `dermquiz play PACK` should not wait for the others.
        for entry in sorted(catalog.entries, key=lambda e: e is not start):
            load_entry(entry)
            self.app.call_from_thread(self._update_row, entry)
            if entry is start:
                self.app.call_from_thread(self._start_requested, entry)
                # The other packs wait for the first case's frame: loading them meanwhile
                # would hold the GIL while that screen is built.
                self.app.session_shown.wait(timeout=3)
        self.app.call_from_thread(self._loaded)

    def _show_rows(self, catalog) -> None:
        self.app.catalog = catalog
        table = self.query_one("#packs", DataTable)
        table.clear()
        for index, entry in enumerate(catalog.entries):
            count = _count_cell(entry.summary) if entry.summary is not None else "…"
            table.add_row(plain(catalog.label(entry)), count, "", "", "", "", key=str(index))
        self._show_detail()

    def _update_row(self, entry: PackEntry) -> None:
        table = self.query_one("#packs", DataTable)
        key = str(self.entries.index(entry))
        for index, other in enumerate(self.entries):  # a title may now need its origin
            table.update_cell(str(index), "pack", plain(self.app.catalog.label(other)))
        if entry.ok:
            table.update_cell(key, "cases", str(len(entry.pack.cases)))
        else:
            table.update_cell(key, "cases", _errors_cell(len(entry.errors) or 1))
        self._show_figures(entry)
        self._show_detail()
        self.refresh_bindings()
        self._run_queued()

    def _start_requested(self, entry: PackEntry) -> None:
        """`dermquiz play PACK`: straight into the session (or to the pack's problems)."""
        if not self.app.start_pending:
            self.app.session_shown.set()
            return
        self.app.start_pending = False
        opts = self.app.options
        self.selected = self.entries.index(entry)
        self.query_one("#packs", DataTable).move_cursor(row=self.selected)
        if entry.ok:
            self.start_session(
                entry.pack,
                opts.mode,
                cases=opts.cases,
                count=opts.count,
                time_limit=opts.time_limit,
                tags=opts.tags,
            )
        else:
            self.app.session_shown.set()
            self.action_problems()

    def _loaded(self) -> None:
        self.packs_loading = False
        self._run_queued()
        self._show_detail()
        self.refresh_figures()

    @work(exclusive=True, group="figures", exit_on_error=False)
    async def refresh_figures(self) -> None:
        from quiz.tui.catalog import figures_for

        entries = [e for e in self.entries if e.ok]
        figures = await self.app.store.with_store(
            figures_for, [e.pack for e in entries], default=[]
        )
        for entry, fig in zip(entries, figures):
            entry.figures = fig
            self._show_figures(entry)
        error = self.app.store.error
        self.query_one("#home-status", Static).update(
            f"⚠ Progress is not being saved: {error}" if error else ""
        )

    def _show_figures(self, entry: PackEntry) -> None:
        fig = entry.figures
        if fig is None or not entry.ok:
            return
        table = self.query_one("#packs", DataTable)
        key = str(self.entries.index(entry))
        table.update_cell(key, "seen", f"{fig.seen}/{len(entry.pack.cases)}")
        table.update_cell(key, "score", percent(fig.accuracy))
        table.update_cell(key, "due", str(fig.due))
        table.update_cell(key, "missed", str(fig.missed))

    # -- selection and detail -------------------------------------------------------------
    @on(DataTable.RowHighlighted, "#packs")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.selected = event.cursor_row

    @on(DataTable.RowSelected, "#packs")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_start(Mode.LEARN)

    def watch_selected(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        entry = self.entry
        detail = self.query_one("#pack-detail", Static)
        if entry is None:
            detail.update("Loading packs…" if self.packs_loading else "No packs found.")
            return
        where = f"{entry.origin} · {entry.path}"
        if not entry.loaded:
            detail.update(plain(f"{entry.title} · loading… · {where}"))
        elif entry.ok:
            pack = entry.pack
            text = f"{pack.title} · version {pack.version} · {where}"
            if pack.manifest.description:
                text += f"\n{pack.manifest.description.strip()}"
            detail.update(plain(text))
        else:
            lines = [d.format(entry.path) for d in entry.errors[:3]] or [entry.failure]
            more = (
                f"\n… press v to see all {len(entry.errors)} problems"
                if len(entry.errors) > 3
                else "\nPress v to see the problems."
            )
            detail.update(
                plain(f"{entry.title} cannot be played ({where}):\n" + "\n".join(lines) + more)
            )

    # -- actions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "exam", "atlas", "stats"):
            entry = self.entry
            if entry is None or not entry.loaded:
                # Still loading: the key is taken and kept until the pack is ready (a
                # learner who types `dermquiz`, then l at once, must not lose the l).
                return True if self.packs_loading or entry is not None else None
            return True if entry.ok else None  # shown, greyed out
        if action == "problems":
            entry = self.entry
            return entry is not None and entry.loaded and not entry.ok
        return True

    def _ready_pack(self, queue: tuple | None = None):
        entry = self.entry
        if entry is None or not entry.loaded:
            if queue is not None:
                self._queued = queue  # run when the highlighted pack has loaded
                self.notify("Loading the pack: it opens in a moment.", timeout=2)
            else:
                self.notify("The packs are still loading.")
            return None
        if not entry.ok:
            self.notify("This pack has errors; press v to see them.", severity="warning")
            return None
        return entry.pack

    def _run_queued(self) -> None:
        queued, self._queued = getattr(self, "_queued", None), None
        entry = self.entry
        if queued is None:
            return
        if entry is None or not entry.loaded:
            self._queued = queued  # not this one yet
            return
        action, *args = queued
        getattr(self, f"action_{action}")(*args)

    def action_start(self, mode: str) -> None:
        pack = self._ready_pack(queue=("start", mode))
        if pack is not None:
            self.start_session(pack, mode)

    @work(exclusive=True, group="start", exit_on_error=False)
    async def start_session(self, pack, mode: str, **options) -> None:
        # The pack is passed, not looked up: the highlight may move while this runs.
        await self.app.begin_session(pack, mode, **options)

    def action_exam(self) -> None:
        from quiz.tui.screens.exam_setup import ExamSetupScreen

        pack = self._ready_pack(queue=("exam",))
        if pack is None:
            return

        def chosen(result: tuple | None) -> None:
            if result is not None:
                count, minutes, marking = result
                self.start_session(
                    pack, Mode.EXAM, count=count, time_limit=minutes, marking=marking
                )

        self.app.push_screen(ExamSetupScreen(len(pack.cases)), chosen)

    def action_atlas(self) -> None:
        from quiz.tui.screens.atlas import AtlasScreen

        pack = self._ready_pack(queue=("atlas",))
        if pack is not None:
            self.app.push_screen(AtlasScreen(pack))

    def action_stats(self) -> None:
        from quiz.tui.screens.stats import StatsScreen

        pack = self._ready_pack(queue=("stats",))
        if pack is not None:
            self.app.push_screen(StatsScreen(pack))

    def action_problems(self) -> None:
        from quiz.tui.screens.problems import ProblemsScreen

        entry = self.entry
        if entry is not None and entry.result is not None:
            self.app.push_screen(ProblemsScreen(entry.title, entry.result.diagnostics, entry.path))


def _errors_cell(count: int) -> str:
    return f"⚠ {count} error{'s' if count != 1 else ''}"


def _count_cell(summary: PackSummary) -> str:
    """The cases column from a summary kept at the last start."""
    return _errors_cell(summary.errors) if summary.errors else str(summary.cases)
