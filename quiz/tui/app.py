"""The DermQuiz app: the screens, the progress store's thread, and the way through a session.

Only Textual and the home screen are imported at start: packs, the store and the other
screens load in workers or on first use, so the home screen shows as fast as a bare app.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from quiz.tui.store_thread import StoreThread
from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.settings import Settings
    from quiz.tui.flow import SessionFlow


@dataclass
class AppOptions:
    extra_packs: list[Path] = field(default_factory=list)
    start_pack: Path | None = None  # `dermquiz play PACK`: go straight into a session
    mode: Mode = Mode.LEARN
    cases: list[str] | None = None
    count: int | None = None
    tags: list[str] | None = None  # only cases with one of these tags
    time_limit: float | None = None  # minutes
    new_per_day: int = 10  # review: unseen cases brought in per day
    data_dir: Path | None = None
    learner: str = ""  # recorded on every attempt
    marking: str = "plain"  # "cbm": certainty-based marking (`--marking cbm`, or the exam setup)
    graphics: str | None = None  # how pictures are drawn (None: from the environment)
    settings: Settings | None = None  # the rest: theme, [keys]; None in tests and benchmarks
    preview: Any = None  # quiz.tui.preview.PreviewOptions: the app on one pack, for its author


class DermQuizApp(App[int]):
    # Absolute: Textual resolves a relative path against the file of the class in use, and
    # a subclass (tests, benchmarks) may live anywhere.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "DermQuiz"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit-anywhere"),
    ]

    def __init__(self, options: AppOptions | None = None) -> None:
        super().__init__()
        self.options = options or AppOptions()
        self.store = StoreThread(self.options.data_dir, enabled=self.options.preview is None)
        self.catalog = None  # quiz.tui.catalog.Catalog, filled by the home screen's worker
        self.start_pending = self.options.start_pack is not None
        # Set once a session's first case is on screen (or could not start): the home
        # screen's loader holds the other packs back until then.
        self.session_shown = threading.Event()
        self._startup_keys = None
        self._cell: tuple[int, int] | None = None  # the terminal's cell size in pixels
        if self.start_pending:
            from quiz.tui.startup_keys import StartupKeys

            self._startup_keys = StartupKeys(self.session_shown.is_set)
        self._navigating = asyncio.Lock()

    def get_driver_class(self):
        from quiz.tui.typeahead_driver import driver_with_typeahead

        # Keys typed while the terminal was asked at start go to the app first.
        return driver_with_typeahead(super().get_driver_class())

    def get_default_screen(self) -> Screen:
        if self.options.preview is not None:
            from quiz.tui.screens.preview import PreviewScreen

            return PreviewScreen(self.options.preview)
        from quiz.tui.screens.home import HomeScreen

        return HomeScreen()

    async def on_event(self, event) -> None:
        # `play PACK`: keys typed before the first case shows wait for it (quiz.tui.startup_keys).
        if self._startup_keys is not None:
            if self._startup_keys.hold(event):
                return
            await self._release_startup_keys()  # held keys go before this event
        await super().on_event(event)

    async def _release_startup_keys(self) -> None:
        held = self._startup_keys.poll() if self._startup_keys is not None else None
        if held is None:
            return
        self._startup_keys = None
        self._release_timer.stop()
        for key in held:
            await super().on_event(key)  # as if it arrived now: forwarded to the screen

    def on_resize(self, event) -> None:
        # A font change keeps the cells but not their pixels (the terminal still signals it):
        # every picture is drawn again for the new cell size, the screen repainted.
        from quiz.imaging import cell_pixel_size

        cell, before = cell_pixel_size(), self._cell
        self._cell = cell
        if before is not None and cell != before:
            self.refresh(repaint=True, layout=True)
            for screen in self.screen_stack:
                for viewer in screen.query("ImageViewer"):
                    viewer.cell_size_changed()
        self.call_after_refresh(self._check_size)  # too small a terminal says so

    def on_mount(self) -> None:
        if self._cell is None:
            from quiz.imaging import cell_pixel_size

            self._cell = cell_pixel_size()
        if self._startup_keys is not None:
            self._release_timer = self.set_interval(0.02, self._release_startup_keys)
        self.screen_change_signal.subscribe(self, lambda _screen: self._check_size())
        self.call_after_refresh(self._check_size)
        self.call_after_refresh(gc.enable)  # held off for the start (cli._run_app)
        self._apply_settings()
        if self.options.preview is None:
            # After the first frame: the store's thread would compete for the GIL with it.
            self.call_after_refresh(
                lambda: self.run_worker(self._open_store(), group="store", exit_on_error=False)
            )

    def _apply_settings(self) -> None:
        """The theme and the [keys] table of the settings; what cannot be used is told."""
        settings = self.options.settings
        if settings is None:
            return
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        else:
            where = settings.sources.get("theme", "")
            self.notify(
                f"No theme `{settings.theme}` ({where}); the themes are: "
                f"{', '.join(sorted(self.available_themes))}.",
                title="Settings",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if settings.keys:
            from quiz.tui.keys import check_keymap, keymap

            for problem in check_keymap(settings, type(self)):
                self.notify(
                    problem, title="Settings: [keys]", severity="warning", timeout=15, markup=False
                )
            self.set_keymap(keymap(settings, type(self)))

    async def _open_store(self) -> None:
        await self.store.open()
        for notice in self.store.notices:
            self.notify(notice, title="Progress", severity="warning", timeout=20, markup=False)
        if self.store.error:
            self.notify(
                f"Your answers will not be saved: {self.store.error}",
                title="Progress",
                severity="error",
                timeout=30,
                markup=False,
            )

    def _check_size(self) -> None:
        """Too small a terminal: a screen that says so, on top until it is large enough."""
        from quiz.tui.screens.too_small import TooSmallScreen, too_small

        small = too_small(*self.size)
        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen())
        elif not small and on_top:
            self.pop_screen()

    def on_unmount(self) -> None:
        self.session_shown.set()  # a loader waiting for it goes on, and ends
        self.store.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Workers run with exit_on_error=False: a failure is told, and the app goes on.
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                f"Something went wrong ({type(error).__name__}: {error}). What you "
                "answered so far is kept.",
                title="DermQuiz",
                severity="error",
                timeout=15,
                markup=False,
            )

    def _fatal_error(self) -> None:
        # An error nothing handled. Textual (pinned: this hook is its own) would print the
        # traceback and its locals in the learner's terminal; it goes to the crash report
        # instead, and the terminal gets one line, as from the command line (quiz.crash).
        import sys

        from rich.text import Text

        from quiz import crash
        from quiz.settings import current

        where = crash.write_report((self.options.settings or current()).cache_dir)
        if not self._exit_renderables:  # the first error is the one to tell
            error = sys.exc_info()[1] or self._exception
            self._exit_renderables.append(Text(crash.message(error, where)))
        self._return_code = crash.EXIT_CODE
        self._close_messages_no_wait()

    # -- help -----------------------------------------------------------------------------
    def action_help(self) -> None:
        from quiz.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    # -- sessions -------------------------------------------------------------------------
    def go(self, navigation: Awaitable[Any]) -> None:
        """Run a move between screens as the app's worker: a screen's own worker would be
        cancelled as soon as that screen is closed, halfway through the move.

        Moves run one at a time, in the order asked. Two at once (the exam clock running out
        while the last answer moves on; a key pressed twice) would interleave their pops and
        switches: screens mounted and removed halfway through composing, a summary replaced
        by another, a Header updated after its screen went away."""
        self.run_worker(self._one_at_a_time(navigation), group="navigate", exit_on_error=False)

    async def _one_at_a_time(self, navigation: Awaitable[Any]) -> Any:
        async with self._navigating:
            return await navigation

    async def begin_session(
        self,
        pack: Pack,
        mode: str,
        *,
        cases: list[str] | None = None,
        count: int | None = None,
        time_limit: float | None = None,
        preview: bool = False,
        marking: str | None = None,
        tags: list[str] | None = None,
    ) -> bool:
        """Choose the cases (the store is read on its thread) and open the first one."""
        if marking is not None:
            self.options.marking = marking
        try:
            return await self._begin_session(pack, mode, cases, count, time_limit, preview, tags)
        finally:
            # Started or not, the home screen's loader may go on with the other packs
            # (after the case's first frame, when there is one).
            self.call_after_refresh(self.session_shown.set)

    async def _begin_session(
        self,
        pack: Pack,
        mode: str,
        cases: list[str] | None,
        count: int | None,
        time_limit: float | None,
        preview: bool,
        tags: list[str] | None = None,
    ) -> bool:
        from quiz.session import Session, SessionError, select_cases
        from quiz.tui.flow import SessionFlow
        from quiz.tui.learn_start import continue_or_new, new_cases
        from quiz.tui.screens.case import CaseScreen

        await self.store.open()
        store = None if preview else self.store.store
        resumed = None
        if mode == "learn" and not cases and not tags and store is not None:
            resumed = await continue_or_new(self, pack, store)
        try:
            ids = (
                list(resumed.remaining)
                if resumed
                else await self.store.call(
                    select_cases,
                    pack,
                    mode,
                    cases,
                    store,
                    count,
                    new_per_day=self.options.new_per_day,
                    tags=tags,
                )
            )
        except SessionError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", markup=False)
            return False
        if not ids:
            from quiz.feedback_text import nothing_to_play

            self.notify(nothing_to_play(mode), title=Mode(mode).label)
            return False
        from quiz.tui.prefetch import prefetch_case

        prefetch_case(self, pack, ids[0])  # decoding while the case's screen is being built
        seconds = time_limit * 60 if time_limit else None
        resumed_exam = None
        if mode == "exam" and not preview:  # served: the learner's exam record, if any
            from quiz.tui.exam_resume import resumed_flow

            resumed_exam = await self.store.call(
                resumed_flow, pack, ids, seconds, store, self.options.learner
            )
        if resumed_exam is not None:
            flow, flow.exam_record_path = resumed_exam
        else:
            session = Session(
                pack, mode, ids, store, learner=self.options.learner, marking=self.options.marking
            )
            if resumed is not None:
                session.session_id = resumed.session  # the same session, gone on with
            flow = SessionFlow(session, time_limit=seconds, preview=preview)
            if mode == "learn" and not preview and store is not None:
                flow.new_ids = await new_cases(self, pack, ids, store)
        flow.base_depth = len(self.screen_stack)
        if flow.done:  # a served exam already over: its summary and feedback again
            from quiz.tui.screens.summary import SummaryScreen

            await self.push_screen(SummaryScreen(flow))
            return True
        await self.push_screen(CaseScreen(flow))
        return True

    async def _unwind(self, flow: SessionFlow) -> None:
        """Close what is open above the session's screen (a prompt, the feedback...)."""
        depth = flow.base_depth + 1
        while len(self.screen_stack) > depth:
            await self.pop_screen()

    async def next_case(self, flow: SessionFlow) -> None:
        from quiz.tui.screens.case import CaseScreen

        if flow.closed:
            return  # the session ended while this move waited its turn
        await self._unwind(flow)
        more = not flow.expired and flow.advance()
        while more and not flow.pack.has_case(flow.case_id):
            more = flow.advance()  # preview: the author removed that case meanwhile
        if not more:
            await self.end_session(flow)
            return
        await self.switch_screen(CaseScreen(flow))

    async def end_session(self, flow: SessionFlow) -> None:
        from quiz.tui.screens.summary import SummaryScreen

        if flow.closed:
            return  # ended already (time ran out as the learner ended it, say): once is enough
        flow.finish()
        flow.closed = True
        from quiz.tui.exam_resume import mark_finished

        mark_finished(flow)
        await self._unwind(flow)
        if not flow.results and not flow.expired:
            await self.pop_screen()  # left before any answer: nothing to sum up
            return
        await self.switch_screen(SummaryScreen(flow))

    def reload_pack(self, pack: Pack) -> None:
        """A pack was edited and loaded again (preview --watch): every screen shows it."""
        for screen in self.screen_stack:
            handler = getattr(screen, "pack_reloaded", None)
            if handler is not None:
                handler(pack)


def run_app(
    args,
    extra_packs: list[Path] | None = None,
    start_pack: Path | None = None,
    settings: Settings | None = None,
) -> int:
    """Run the app until the learner quits; the exit code for the command line."""
    from quiz.settings import current

    settings = settings or current()
    time_limit = getattr(args, "time_limit", None)
    cases = getattr(args, "cases", None)
    options = AppOptions(
        extra_packs=list(extra_packs or []),
        start_pack=start_pack,
        mode=getattr(args, "mode", None) or settings.mode,
        cases=[c.strip() for c in cases.split(",") if c.strip()] if cases else None,
        count=getattr(args, "count", None),
        tags=[t.strip() for t in args.tags.split(",") if t.strip()]
        if getattr(args, "tags", None)
        else None,
        time_limit=time_limit,
        new_per_day=settings.new_per_day,
        data_dir=settings.data_dir,
        learner=settings.learner,
        graphics=settings.graphics,
        settings=settings,
        marking=getattr(args, "marking", None) or "plain",
    )
    app = DermQuizApp(options)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
