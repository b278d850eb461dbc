"""The app's keys by binding id, and the config file's [keys] table checked against them.

Every binding has an id; `[keys]` in the config file maps an id to other keys (as Posting
does), and the app hands the checked table to Textual's `App.set_keymap`.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode

from quiz.settings import Settings


@cache
def binding_ids(app_class: type) -> frozenset[str]:
    """The id of every binding of *app_class*, of the app's screens and of its widgets."""
    import quiz.tui.screens
    import quiz.tui.widgets

    for package in (quiz.tui.screens, quiz.tui.widgets):  # every screen and widget defined
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    ids = set()
    for cls in (app_class, *_subclasses(DOMNode)):
        if not cls.__module__.startswith("quiz."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return frozenset(ids)


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def check_keymap(settings: Settings, app_class: type) -> list[str]:
    """A line for each [keys] entry the app cannot use, located in the config file."""
    known = binding_ids(app_class)
    problems = []
    for binding in settings.keys:
        if binding not in known:
            close = difflib.get_close_matches(binding, sorted(known), n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            problems.append(
                f"{settings.key_line(binding)}: no key binding has the id `{binding}`{hint}"
            )
    return problems


def keymap(settings: Settings, app_class: type) -> dict[str, str]:
    """The [keys] entries the app can use."""
    known = binding_ids(app_class)
    return {b: keys.replace(" ", "") for b, keys in settings.keys.items() if b in known}
