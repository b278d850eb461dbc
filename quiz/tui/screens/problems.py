"""A pack's problems, each with its file, line and what to do: from home, and in preview."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.tui.plain import plain
from quiz.tui.screens.base import AppModal


class ProblemsScreen(AppModal[None]):
    HELP = (
        "Each line names the file, the line and column, what is wrong and what to do. "
        "Fix them in your editor; `dermquiz validate` lists the same."
    )
    AUTO_FOCUS = "#problems-list"
    BINDINGS = [Binding("escape", "close", "Close", id="close")]

    def __init__(self, title: str, diagnostics: Sequence, base: Path | None = None) -> None:
        super().__init__()
        self.pack_title = title
        self.diagnostics = list(diagnostics)
        self.base = base

    def compose(self) -> ComposeResult:
        with Vertical(id="problems", classes="dialog"):
            yield Static("", id="problems-title", classes="dialog-title", markup=False)
            yield OptionList(id="problems-list")
            yield Static("escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.show(self.pack_title, self.diagnostics)

    def show(self, title: str, diagnostics: Sequence) -> None:
        """Show another set (preview reloads while this is open)."""
        self.pack_title, self.diagnostics = title, list(diagnostics)
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        warnings = len(self.diagnostics) - errors
        self.query_one("#problems-title", Static).update(
            plain(
                f"{title}: {errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}"
            )
        )
        listing = self.query_one(OptionList)
        listing.clear_options()
        ordered = sorted(self.diagnostics, key=lambda d: d.severity != "error")
        listing.add_options(
            Option(plain(("✗ " if d.severity == "error" else "⚠ ") + d.format(self.base)))
            for d in ordered
        )

    def action_close(self) -> None:
        self.dismiss()
