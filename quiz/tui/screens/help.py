"""`?`: what the screen underneath is for, and every key it and its focused widget take."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from quiz.tui.screens.base import AppModal


def _ours(node: object, key: str, binding: Binding) -> bool:
    """Declared by DermQuiz, not inherited from Textual (focus moves, copying, its quit): the
    table lists what this app does; tab and ctrl+q get their own rows below."""
    for cls in type(node).__mro__:
        for declared in cls.__dict__.get("BINDINGS", []):
            if isinstance(declared, tuple):
                declared = Binding(*declared)
            if (
                isinstance(declared, Binding)
                and declared.action == binding.action
                and key in [k.strip() for k in declared.key.split(",")]
            ):
                return not cls.__module__.startswith("textual.")
    return True


def keys_markdown(screen: Screen) -> str:
    """A table of the active keys of *screen* (and its focused widget), one row per action."""
    app = screen.app
    rows: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or not active.enabled or binding.system:
            continue
        if not _ours(active.node, key, binding) or key == "ctrl+q":
            continue
        owner = "this screen" if active.node is screen or active.node is app else "focused part"
        if owner == "focused part" and not binding.show:
            continue  # a widget's own arrows and editing keys: what everyone expects
        # Keys of one group (the text's up and down) share a row, as in the footer.
        description = binding.group.description if binding.group else binding.description
        rows.setdefault((description, owner), []).append(app.get_key_display(binding))
    lines = ["| Key | Does |", "|---|---|"]
    for (description, owner), keys in rows.items():
        where = " *(focused part)*" if owner == "focused part" else ""
        lines.append(f"| {' '.join(dict.fromkeys(keys))} | {description}{where} |")
    lines.append("| tab / shift+tab | Move between the parts of the screen |")
    lines.append("| ctrl+q | Quit DermQuiz |")
    return "\n".join(lines)


class HelpScreen(AppModal[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="close")]
    AUTO_FOCUS = "#help-scroll"

    def __init__(self, about: str, keys: str) -> None:
        super().__init__()
        self.about, self.keys = about, keys

    @classmethod
    def for_screen(cls, screen: Screen) -> HelpScreen:
        about = getattr(screen, "HELP", None) or ""
        return cls(about, keys_markdown(screen))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll", classes="dialog"):
            yield Static("Help · escape closes", classes="dialog-title")
            if self.about:
                yield Markdown(self.about, id="help-about")
            yield Markdown(self.keys, id="help-keys")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
