"""The answer: a field with type-ahead over names and synonyms above the taxonomy tree.

The field asks quiz.answer_match, the rule line mode uses too: its inline completion, the
hint under it and what Enter records are that one entity, or nothing when the text fits
several (the hint lists them). Up and down in the field put the next candidate's name in the
field, so the field always shows what Enter records. Enter on an empty field does nothing.
Enter on the tree (or a click) chooses the highlighted entity. The tree is always fully
open, so space is left to the screen (it reveals the next stage there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from quiz.answer_match import AnswerMatch, match
from quiz.tui.answer_suggester import AnswerSuggester
from quiz.tui.plain import plain
from quiz.tui.widgets.in_order_input import InOrderInput

if TYPE_CHECKING:
    from quiz.taxonomy import Taxonomy


def move_tree_cursor(tree: Tree, node: TreeNode) -> None:
    """Put the cursor on *node*; a tree just filled numbers its lines at the next refresh."""
    if node.line < 0:
        tree.call_after_refresh(tree.move_cursor, node)
    else:
        tree.move_cursor(node)


class AnswerInput(InOrderInput):
    """The answer field; up and down steer the tree below while typing continues here."""

    BINDINGS = [
        Binding("down", "steer(1)", "Next choice", show=False, id="next-choice"),
        Binding("up", "steer(-1)", "Previous choice", show=False, id="previous-choice"),
        Binding("escape", "leave", "Leave the field", show=False, id="leave-the-field"),
    ]

    class Steer(Message):
        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    class Leave(Message):
        """Escape in the field: back to the case, not out of the session."""

    def action_steer(self, step: int) -> None:
        self.post_message(self.Steer(step))

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class TaxonomyTree(Tree[str]):
    """The entities in tree order; a node's data is its entity id (None: not a choice here)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to fold in a tree this small; leaving space unbound lets the screen have it.
        return action != "toggle_node"


class AnswerPicker(Vertical):
    class Chosen(Message):
        """The learner chose an entity (Enter, or a click on the tree)."""

        def __init__(self, picker: AnswerPicker, entity_id: str) -> None:
            self.picker, self.entity_id = picker, entity_id
            super().__init__()

        @property
        def control(self) -> AnswerPicker:
            return self.picker

    def __init__(self, taxonomy: Taxonomy, choices: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.taxonomy = taxonomy
        self.choices = list(choices)
        self._entity_nodes: dict[str, TreeNode[str]] = {}
        self._match = AnswerMatch("")  # what the field's text means now
        self._steer_pool: list[str] = []  # the candidates up and down step through
        self._steered_text: str | None = None  # the name up/down put in the field

    def compose(self) -> ComposeResult:
        yield AnswerInput(
            placeholder="type a name or synonym",
            compact=True,
            id="answer-input",
            suggester=AnswerSuggester(self.taxonomy, self.choices),
        )
        yield Static("", id="answer-hint", markup=False)
        tree = TaxonomyTree("Entities", id="answer-tree")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 2  # names are long and the column is narrow at 80 columns
        yield tree

    def on_mount(self) -> None:
        self._fill_tree()

    # -- the tree -------------------------------------------------------------------------
    @property
    def taxonomy_tree(self) -> TaxonomyTree:
        return self.query_one(TaxonomyTree)

    @property
    def answer_field(self) -> AnswerInput:
        return self.query_one(AnswerInput)

    @property
    def typed(self) -> AnswerMatch:
        """What the field's text means: the entity Enter in the field records, if any."""
        return self._match

    def _fill_tree(self, keep: str | None = None) -> None:
        tree = self.taxonomy_tree
        tree.clear()
        allowed = set(self.choices)
        nodes: dict[str, TreeNode[str]] = {}
        for entity_id, _depth in self.taxonomy.walk(only=allowed):
            parent_id = self.taxonomy.parent(entity_id)
            parent = nodes.get(parent_id, tree.root) if parent_id else tree.root
            label = plain(
                self.taxonomy.label(entity_id), style="" if entity_id in allowed else "dim"
            )
            data = entity_id if entity_id in allowed else None
            nodes[entity_id] = parent.add(label, data=data, expand=True, allow_expand=False)
        tree.root.expand_all()
        self._entity_nodes = nodes
        self.highlight(keep or (self.choices[0] if self.choices else None))

    def set_choices(self, taxonomy: Taxonomy, choices: list[str]) -> None:
        """New entities after a pack reload; the highlighted one stays if it still exists."""
        keep = self.highlighted
        self.taxonomy, self.choices = taxonomy, list(choices)
        self.answer_field.suggester = AnswerSuggester(taxonomy, self.choices)
        self._match = match(taxonomy, self.answer_field.value, self.choices)
        self._fill_tree(keep if keep in self.choices else None)

    @property
    def highlighted(self) -> str | None:
        node = self.taxonomy_tree.cursor_node
        return node.data if node is not None else None

    def highlight(self, entity_id: str | None) -> None:
        node = self._entity_nodes.get(entity_id) if entity_id else None
        if node is not None:
            move_tree_cursor(self.taxonomy_tree, node)
        self._update_hint()

    # -- typing ---------------------------------------------------------------------------
    @on(Input.Changed, "#answer-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._match = match(self.taxonomy, event.value, self.choices)
        if event.value != self._steered_text:
            self._steered_text = None
            self._steer_pool = list(self._match.candidates)
        if self._match.entity_id:
            self.highlight(self._match.entity_id)
        else:
            self._update_hint()

    def _text_for(self, entity_id: str) -> str:
        """What to put in the field for *entity_id*: its name, or its id if the name is
        shared (the field must mean exactly this entity)."""
        name = self.taxonomy.label(entity_id)
        return (
            name if match(self.taxonomy, name, self.choices).entity_id == entity_id else entity_id
        )

    @on(AnswerInput.Steer)
    def _steer(self, event: AnswerInput.Steer) -> None:
        event.stop()
        field = self.answer_field
        order = (self._steer_pool if field.value.strip() else []) or self.choices
        if not order:
            return
        current = self._match.entity_id
        index = order.index(current) if current in order else (-1 if event.step > 0 else 0)
        chosen = order[(index + event.step) % len(order)]
        self._steer_pool = list(order)
        self._steered_text = self._text_for(chosen)
        field.value = self._steered_text
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#answer-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.answer_field.value:
            # Keys typed right after Enter, in the same burst, reached the field before this
            # message: answer what was there at Enter, and put the field back as it was.
            self.answer_field.value = event.value
        found = match(self.taxonomy, event.value, self.choices)
        if found.entity_id is not None:
            self._choose(found.entity_id)
        elif found.empty:
            self.notify(
                "Type a name first (or pick one in the tree and press Enter there).",
                severity="warning",
                timeout=3,
            )
        elif found.candidates:
            self.notify(
                f"“{event.value.strip()}” fits {len(found.candidates)} choices: "
                f"{self._names(found.candidates)}. Type more, or press down to pick.",
                severity="warning",
                markup=False,
            )
        else:
            self.notify(
                f"No choice matches “{event.value.strip()}”; type more or pick one in the tree.",
                severity="warning",
                markup=False,
            )

    def _names(self, ids: tuple[str, ...] | list[str], most: int = 4) -> str:
        names = [self.taxonomy.label(e) for e in ids[:most]]
        return ", ".join(names) + (f" (+{len(ids) - most})" if len(ids) > most else "")

    @on(Tree.NodeSelected, "#answer-tree")
    def _selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        self._choose(event.node.data)

    @on(Tree.NodeHighlighted, "#answer-tree")
    def _moved(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        self._update_hint()

    def on_descendant_focus(self) -> None:
        self._update_hint()

    def on_descendant_blur(self) -> None:
        self._update_hint()

    def _choose(self, entity_id: str | None) -> None:
        if entity_id is None:
            self.notify("That heading is not one of the choices for this case.", severity="warning")
            return
        self.post_message(self.Chosen(self, entity_id))

    def hint_text(self) -> str:
        """The line under the field: what Enter does where the learner is."""
        found = self._match
        tree_focused = self.is_mounted and self.taxonomy_tree.has_focus
        if tree_focused:
            entity_id = self.highlighted
            return f"Enter: {self.taxonomy.label(entity_id)}" if entity_id else ""
        if found.entity_id:
            return f"Enter: {self.taxonomy.label(found.entity_id)}"
        if found.empty:
            return "type a name, or pick in the tree"
        if found.candidates:
            return (
                f"{len(found.candidates)} fit: {self._names(found.candidates, 3)} · type more or ↓"
            )
        return "no match — keep typing or use the tree"

    def _update_hint(self) -> None:
        if self.is_mounted:
            self.query_one("#answer-hint", Static).update(plain(self.hint_text()))
