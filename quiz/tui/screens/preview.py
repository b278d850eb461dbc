"""Preview: one pack's cases for its author, its problems, and reloads on save (--watch)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.tui.plain import plain
from quiz.tui.screens.base import AppScreen
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.title_bar import TitleBar
from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.pack.loader import LoadResult
    from quiz.pack.pack import Pack
    from quiz.tui.preview import PreviewOptions


class PreviewScreen(AppScreen):
    HELP = (
        "Your pack as learners will see it; nothing you answer here is recorded. "
        "**Enter** opens a case (n after its feedback goes on to the next). With "
        "`--watch`, saving any file of the pack reloads it: the open case stays open, and "
        "problems appear here instead of stopping the app. **r** reloads by hand."
    )
    AUTO_FOCUS = "#preview-cases"
    BINDINGS = [
        Binding("enter", "open", "Open case", show=False, id="open-case"),
        Binding("v", "problems", "Problems", id="problems"),
        Binding("a", "atlas", "Atlas", id="atlas"),
        Binding("r", "reload", "Reload", id="reload"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, options: PreviewOptions) -> None:
        super().__init__()
        self.options = options
        self.pack: Pack | None = None
        self.result: LoadResult | None = None
        self.reloads = 0  # loads finished so far (tests wait on this)
        self.reloaded = asyncio.Event()
        self._polling = False
        self._case_opened = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading the pack…", id="preview-status", markup=False)
        yield OptionList(id="preview-cases")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "DermQuiz · preview"
        self.sub_title = str(self.options.path)
        self.reload()
        if self.options.watch:
            self._start_watch()

    # -- loading --------------------------------------------------------------------------
    @work(exclusive=True, group="preview-load", exit_on_error=False)
    async def reload(self) -> None:
        from quiz.tui.catalog import PackEntry, load_entry

        entry = await asyncio.to_thread(load_entry, PackEntry(self.options.path, "preview"))
        self._apply(entry.result, entry.failure)

    def _start_watch(self) -> None:
        self._watch = None  # the first poll takes the first snapshot, off the UI thread
        self._poll()  # now, alongside the first load, so no save after it goes unnoticed
        self.set_interval(self.options.poll_ms / 1000, self._poll)

    def _poll(self) -> None:
        if not self._polling:  # a slow disk: never stack polls up
            self._polling = True
            self.poll_files()

    @work(group="preview-watch", exit_on_error=False)
    async def poll_files(self) -> None:
        from quiz.pack.changes import ChangeWatch, snapshot

        try:
            now = await asyncio.to_thread(snapshot, self.options.path)
            if self._watch is None:
                self._watch = ChangeWatch(now)
            elif self._watch.poll(now):
                self.reload()
        finally:
            self._polling = False

    def _apply(self, result: LoadResult | None, failure: str) -> None:
        from quiz.tui.screens.problems import ProblemsScreen

        self.result = result
        status = self.query_one("#preview-status", Static)
        problems = list(result.diagnostics if result else [])
        errors = [d for d in problems if d.severity == "error"]
        title = result.pack.title if result and result.pack else self.options.path.name
        if result is None or result.pack is None or errors:
            count = len(errors) or 1
            what = failure or f"{count} error{'s' if count != 1 else ''}"
            kept = " — still showing the last version that loaded" if self.pack else ""
            status.update(plain(f"✗ {title}: {what}; press v to see them{kept}."))
            status.add_class("-error")
            top = self.app.screen
            if isinstance(top, ProblemsScreen):
                top.show(title, problems)
            elif problems:
                self.app.push_screen(ProblemsScreen(title, problems, self.options.path))
        else:
            status.remove_class("-error")
            warnings = len(problems)
            watching = " · watching for changes" if self.options.watch else ""
            cases = len(result.pack.cases)
            status.update(
                plain(
                    f"✓ {title}: {cases} case{'s' if cases != 1 else ''}, {warnings} "
                    f"warning{'s' if warnings != 1 else ''}{watching}"
                )
            )
            first = self.pack is None
            self.pack = result.pack
            if isinstance(self.app.screen, ProblemsScreen):
                self.app.pop_screen()  # fixed: the problems need not stand in the way
            if first:
                self._fill(result.pack)
            else:
                self.app.reload_pack(result.pack)
                self.notify("Reloaded.", timeout=2)
            if first and self.options.case_id and not self._case_opened:
                self._case_opened = True
                self._open(self.options.case_id)
        self.reloads += 1
        self.reloaded.set()
        self.refresh_bindings()

    def _fill(self, pack: Pack) -> None:
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        label = pack.taxonomy.label
        listing.add_options(
            Option(
                plain(f"{case.id} · {case.title or '(no title)'} · {label(case.answer)}"),
                id=case.id,
            )
            for case in pack.cases
        )
        if pack.cases:
            listing.highlighted = min(highlighted or 0, len(pack.cases) - 1)

    def pack_reloaded(self, pack: Pack) -> None:
        self._fill(pack)

    # -- actions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "atlas"):
            return self.pack is not None or None
        if action == "problems":
            return bool(self.result and self.result.diagnostics) or None
        return True

    @on(OptionList.OptionSelected, "#preview-cases")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)

    def action_open(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            self._open(listing.get_option_at_index(listing.highlighted).id or "")

    def _open(self, case_id: str) -> None:
        pack = self.pack
        if pack is None:
            return
        ids = [c.id for c in pack.cases]
        if case_id not in ids:
            from quiz.pack.diagnostics import did_you_mean

            hint = did_you_mean(case_id, ids)
            self.notify(
                f"The pack has no case {case_id}." + (f" {hint}" if hint else ""),
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        start = ids.index(case_id)
        # From the chosen case on, then round to the ones before: n walks the whole pack.
        order = ids[start:] + ids[:start]
        self.app.go(self.app.begin_session(pack, Mode.LEARN, cases=order, preview=True))

    def action_problems(self) -> None:
        from quiz.tui.screens.problems import ProblemsScreen

        if self.result and self.result.diagnostics:
            title = self.pack.title if self.pack else self.options.path.name
            self.app.push_screen(ProblemsScreen(title, self.result.diagnostics, self.options.path))

    def action_atlas(self) -> None:
        from quiz.tui.screens.atlas import AtlasScreen

        if self.pack is not None:
            self.app.push_screen(AtlasScreen(self.pack))

    def action_reload(self) -> None:
        self.reload()
