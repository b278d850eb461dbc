"""The DermQuiz app: the screens, the progress store's thread, and the way through a session.

Only Textual and the home screen are imported at start: packs, the store and the other
screens load in workers or on first use, so the home screen shows as fast as a bare app.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Awaitable

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from quiz.tui.store_thread import StoreThread

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.tui.flow import SessionFlow


@dataclass
class AppOptions:
    extra_packs: list[Path] = field(default_factory=list)
    start_pack: Path | None = None  # `dermquiz play PACK`: go straight into a session
    mode: str = "learn"
    cases: list[str] | None = None
    count: int | None = None
    time_limit: float | None = None  # minutes
    new_per_day: int = 10  # review: unseen cases brought in per day
    data_dir: Path | None = None
    learner: str = ""  # recorded on every attempt
    preview: Any = None  # quiz.tui.preview.PreviewOptions: the app on one pack, for its author


class DermQuizApp(App[int]):
    # Absolute: Textual resolves a relative path against the file of the class in use, and
    # a subclass (tests, benchmarks) may live anywhere.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "DermQuiz"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
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

    def get_default_screen(self) -> Screen:
        if self.options.preview is not None:
            from quiz.tui.screens.preview import PreviewScreen

            return PreviewScreen(self.options.preview)
        from quiz.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.options.preview is None:
            # After the first frame: the store's thread would compete for the GIL with it.
            self.call_after_refresh(lambda: self.run_worker(
                self._open_store(), group="store", exit_on_error=False))

    async def _open_store(self) -> None:
        await self.store.open()
        for notice in self.store.notices:
            self.notify(notice, title="Progress", severity="warning", timeout=20, markup=False)
        if self.store.error:
            self.notify(f"Your answers will not be saved: {self.store.error}",
                        title="Progress", severity="error", timeout=30, markup=False)

    def on_unmount(self) -> None:
        self.session_shown.set()  # a loader waiting for it goes on, and ends
        self.store.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Workers run with exit_on_error=False: a failure is told, and the app goes on.
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"Something went wrong ({type(error).__name__}: {error}). What you "
                        "answered so far is kept.", title="DermQuiz", severity="error",
                        timeout=15, markup=False)

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
        cancelled as soon as that screen is closed, halfway through the move."""
        self.run_worker(navigation, group="navigate", exit_on_error=False)

    async def begin_session(self, pack: Pack, mode: str, *, cases: list[str] | None = None,
                            count: int | None = None, time_limit: float | None = None,
                            preview: bool = False) -> bool:
        """Choose the cases (the store is read on its thread) and open the first one."""
        try:
            return await self._begin_session(pack, mode, cases, count, time_limit, preview)
        finally:
            # Started or not, the home screen's loader may go on with the other packs
            # (after the case's first frame, when there is one).
            self.call_after_refresh(self.session_shown.set)

    async def _begin_session(self, pack: Pack, mode: str, cases: list[str] | None,
                             count: int | None, time_limit: float | None,
                             preview: bool) -> bool:
        from quiz.session import Session, SessionError, select_cases
        from quiz.tui.flow import SessionFlow
        from quiz.tui.screens.case import CaseScreen

        await self.store.open()
        store = None if preview else self.store.store
        try:
            ids = await self.store.call(select_cases, pack, mode, cases, store, count,
                                        new_per_day=self.options.new_per_day)
        except SessionError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", markup=False)
            return False
        if not ids:
            message = {"review": "No case is due for review now. Come back later, or learn new cases.",
                       "mistakes": "There are no missed cases to go over."}.get(mode, "No cases to play.")
            self.notify(message, title=mode.capitalize())
            return False
        from quiz.tui.prefetch import prefetch_case

        prefetch_case(self, pack, ids[0])  # decoding while the case's screen is being built
        seconds = time_limit * 60 if time_limit else None
        resumed = None
        if mode == "exam" and not preview:  # served: the learner's exam record, if any
            from quiz.tui.exam_resume import resumed_flow

            resumed = await self.store.call(resumed_flow, pack, ids, seconds, store,
                                            self.options.learner)
        if resumed is not None:
            flow, flow.exam_record_path = resumed
        else:
            session = Session(pack, mode, ids, store, learner=self.options.learner)
            flow = SessionFlow(session, time_limit=seconds, preview=preview)
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

        flow.finish()
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


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        return default


def run_app(args, extra_packs: list[Path] | None = None, start_pack: Path | None = None) -> int:
    """Run the app until the learner quits; the exit code for the command line."""
    time_limit = getattr(args, "time_limit", None)
    cases = getattr(args, "cases", None)
    options = AppOptions(
        extra_packs=list(extra_packs or []),
        start_pack=start_pack,
        mode=getattr(args, "mode", None) or "learn",
        cases=[c.strip() for c in cases.split(",") if c.strip()] if cases else None,
        count=getattr(args, "count", None),
        time_limit=time_limit,
        new_per_day=getattr(args, "new_per_day", None) or _env_int("DERMQUIZ_NEW_PER_DAY", 10),
        data_dir=Path(args.data_dir) if getattr(args, "data_dir", None) else None,
        learner=getattr(args, "learner", None) or "",
    )
    app = DermQuizApp(options)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
