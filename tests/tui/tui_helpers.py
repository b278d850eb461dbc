"""Waiting in Pilot tests: on workers, messages and screens, never on the clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from quiz.tui.app import AppOptions, DermQuizApp


def make_app(**options) -> DermQuizApp:
    for key in ("start_pack",):
        if options.get(key) is not None:
            options[key] = Path(options[key])
    options["extra_packs"] = [Path(p) for p in options.get("extra_packs", [])]
    return DermQuizApp(AppOptions(**options))


async def settle(pilot) -> None:
    """Every worker done and the messages they posted handled (workers may start workers)."""
    app = pilot.app
    for _ in range(2):
        await pilot.pause()
        # The preview's file watcher runs until the app ends: everything else is awaited.
        finite = [w for w in app.workers if w.group != "preview-watch"]
        if finite:  # (an empty list would mean "all of them")
            await app.workers.wait_for_complete(finite)
    await pilot.pause()


async def until(pilot, condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Let the app run until *condition* holds: a state to reach, checked after each step."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen: {pilot.app.screen!r}")
        await settle(pilot)


async def on_screen(pilot, name: str, timeout: float = 10.0):
    await until(pilot, lambda: type(pilot.app.screen).__name__ == name, f"the {name}", timeout)
    return pilot.app.screen


async def home_loaded(pilot):
    app = pilot.app
    await until(
        pilot,
        lambda: (
            app.catalog is not None
            and all(e.loaded for e in app.catalog.entries)
            and not app.screen.packs_loading
        ),
        "the packs to load",
    )
    return app.screen


def text_of(widget) -> str:
    """What a Static shows, as plain text."""
    return str(widget.render())
