"""The atlas: the entity tree and each entity's description; two entities side by side.

Enter or a click shows an entity; c marks the highlighted one and the next one chosen is
set beside it, finding by finding (teaching rule R3: contrast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Markdown, Static, Tree
from textual.widgets.tree import TreeNode

from quiz.tui.atlas_text import compare_markdown, entity_markdown
from quiz.tui.plain import plain
from quiz.tui.screens.base import AppScreen
from quiz.tui.screens.breakpoints import presize
from quiz.tui.widgets.answer_picker import move_tree_cursor
from quiz.tui.widgets.key_footer import KeyFooter
from quiz.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from quiz.pack.pack import Pack


class AtlasScreen(AppScreen):
    # Layout classes: -narrow / -wide (width 110), -short / -tall (height 34); only the
    # screens whose layout changes have them (each class change restyles the screen).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    HELP = (
        "Move through the entity tree; the description follows the highlight. **c** "
        "marks the highlighted entity for comparison: then move to another and press "
        "**Enter** to see the two side by side, finding by finding (≠ marks a finding "
        "that tells them apart). **Tab** moves into the text to scroll it."
    )
    AUTO_FOCUS = "#atlas-tree"
    BINDINGS = [
        Binding("c", "compare", "Compare", id="compare"),
        Binding("escape", "back", "Back", id="back"),
    ]

    shown: reactive[str | None] = reactive(None, init=False)
    marked: reactive[str | None] = reactive(None, init=False)  # waiting for a second entity
    compared: reactive[tuple[str, str] | None] = reactive(None, init=False)

    def __init__(
        self, pack: Pack, entity_id: str | None = None, compare_with: str | None = None
    ) -> None:
        super().__init__()
        presize(self)  # laid out once, in its final shape
        self.pack = pack
        self._start = entity_id
        self._start_compare = compare_with
        self._entity_nodes: dict[str, TreeNode[str]] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="atlas-body"):
            yield Tree("Entities", id="atlas-tree")
            with VerticalScroll(id="atlas-scroll"):
                yield Static("", id="atlas-mode", markup=False)
                yield Markdown("", id="atlas-text", open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "DermQuiz · atlas"
        self.sub_title = self.pack.title
        tree = self.query_one(Tree)
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 2
        self._fill_tree()
        start = self._start if self._start in self.pack.entities else None
        start = start or next(iter(self._entity_nodes), None)
        if start is not None:
            move_tree_cursor(tree, self._entity_nodes[start])
            self.shown = start
        if start and self._start_compare in self.pack.entities and self._start_compare != start:
            self.compared = (self._start_compare, start)

    def _fill_tree(self) -> None:
        tree = self.query_one(Tree)
        tree.clear()
        self._entity_nodes = {}
        tax = self.pack.taxonomy
        for entity_id, _ in tax.walk():
            parent = tax.parent(entity_id)
            node = self._entity_nodes.get(parent, tree.root) if parent else tree.root
            self._entity_nodes[entity_id] = node.add(
                plain(tax.label(entity_id)),
                data=entity_id,
                expand=True,
                allow_expand=bool(tax.children(entity_id)),
            )
        tree.root.expand_all()

    # -- what the right side shows --------------------------------------------------------
    @on(Tree.NodeHighlighted, "#atlas-tree")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data and self.marked is None and self.compared is None:
            self.shown = event.node.data

    @on(Tree.NodeSelected, "#atlas-tree")
    def _selected(self, event: Tree.NodeSelected) -> None:
        entity_id = event.node.data
        if not entity_id:
            return
        if self.marked is not None:
            if entity_id == self.marked:
                self.notify("Choose a different entity to compare with.", timeout=3)
                return
            self.compared, self.marked = (self.marked, entity_id), None
        else:
            self.compared = None
            self.shown = entity_id

    def watch_shown(self) -> None:
        self._show_page()

    def watch_marked(self) -> None:
        self._show_page()
        self.refresh_bindings()

    def watch_compared(self) -> None:
        comparing = self.compared is not None
        self.set_class(comparing, "-comparing")
        if comparing and self.has_class("-narrow"):
            self.query_one("#atlas-scroll").focus()  # the tree steps aside
        elif not comparing:
            self.query_one("#atlas-tree").focus()
        self._show_page()
        self.refresh_bindings()

    def _show_page(self) -> None:
        label = self.pack.taxonomy.label
        mode = self.query_one("#atlas-mode", Static)
        if self.compared is not None:
            a, b = self.compared
            mode.update(plain("Side by side · escape: back to one entity"))
            # Below 110 columns the tree steps aside, so the two columns have the width; a
            # list of findings only where even that is too narrow.
            text = compare_markdown(self.pack, a, b, table=self.app.size.width >= 64)
        elif self.shown is not None:
            if self.marked is not None:
                mode.update(plain(f"Compare {label(self.marked)} with… (highlight one, Enter)"))
            else:
                mode.update("c: compare with another entity")
            text = entity_markdown(self.pack, self.shown)
        else:
            mode.update("This pack has no entities.")
            text = ""
        self.query_one("#atlas-text", Markdown).update(text)
        self.query_one("#atlas-scroll").scroll_home(animate=False)

    def on_resize(self) -> None:
        if self.compared is not None:
            self._show_page()

    # -- actions --------------------------------------------------------------------------
    def action_compare(self) -> None:
        node = self.query_one(Tree).cursor_node
        if node is None or not node.data:
            return
        self.compared = None
        self.marked = node.data
        self.shown = node.data

    def action_back(self) -> None:
        if self.marked is not None:
            self.marked = None
        elif self.compared is not None:
            self.compared = None
            node = self.query_one(Tree).cursor_node
            if node is not None and node.data:
                self.shown = node.data
        else:
            self.dismiss()

    def pack_reloaded(self, pack: Pack) -> None:
        self.pack = pack
        keep = self.shown
        self._fill_tree()
        if keep in self._entity_nodes:
            move_tree_cursor(self.query_one(Tree), self._entity_nodes[keep])
        if self.compared and not all(e in pack.entities for e in self.compared):
            self.compared = None
        self._show_page()
