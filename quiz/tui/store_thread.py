"""The progress store on a thread of its own, for the app's async workers to await.

sqlite3 connections belong to the thread that opened them, and Textual's thread workers each
get a new thread; so every read and write of the store runs on this one long-lived thread.
The UI thread never waits on the disk: workers await `call()`.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class StoreThread:
    def __init__(self, data_dir: Path | None = None, enabled: bool = True) -> None:
        self.data_dir = data_dir
        self.enabled = enabled  # False: preview, where nothing is read or recorded
        self.store: Any = None  # quiz.progress.store.ProgressStore once opened
        self.error: str | None = None  # why progress is not kept, in the learner's words
        self.notices: list[str] = []
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dermquiz-store")
        self._opened: asyncio.Future | None = None

    async def open(self) -> None:
        """Open the store once (later calls wait for the first); errors land in `.error`."""
        if self._opened is None:
            self._opened = asyncio.ensure_future(self._run(self._open))
        await asyncio.shield(self._opened)

    def _open(self) -> None:
        if not self.enabled:
            return
        from quiz.progress.store import ProgressError, open_store, resolve_data_dir

        try:
            self.store = open_store(self.data_dir or resolve_data_dir(None))
            self.notices = list(self.store.notices)
        except ProgressError as exc:
            self.error = str(exc)
        except Exception as exc:  # the app must run even when progress cannot be kept
            self.error = f"progress cannot be kept ({type(exc).__name__}: {exc})"

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run fn(*args) on the store thread, after the store is opened."""
        await self.open()
        return await self._run(functools.partial(fn, *args, **kwargs))

    async def with_store(self, fn: Callable[..., T], *args: Any, default: T) -> T:
        """fn(store, *args) on the store thread; *default* when there is no store."""
        await self.open()
        if self.store is None:
            return default
        return await self._run(functools.partial(fn, self.store, *args))

    async def _run(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def close(self) -> None:
        """Close the store on its own thread and wait: the last commit is already durable."""

        def _close() -> None:
            if self.store is not None:
                self.store.close()
                self.store = None

        try:
            self._executor.submit(_close).result(timeout=10)
        except Exception:
            pass
        self._executor.shutdown(wait=False)
