"""One learner's app process: `python -m quiz play ...` under Textual's web driver.

textual-serve-asgi's AppService speaks Textual's web-driver framing and passes the browser's
cell size on (TEXTUAL_CELL_WIDTH/HEIGHT, which sixel pictures need to be sized right). It
starts the command through a shell; here the command is an argument list run directly, so
no learner id or path is ever parsed by a shell.
"""

from __future__ import annotations

import asyncio
from asyncio.subprocess import Process

from textual_serve_asgi.app_service import AppService

# Variables of the server's own environment a learner's process must not inherit: the
# learner and data folder come from the server's arguments only.
_DROPPED = ("DERMQUIZ_LEARNER", "DERMQUIZ_DATA_DIR", "DERMQUIZ_GRAPHICS", "TEXTUAL")


class LearnerProcess(AppService):
    def __init__(self, argv: list[str], env: dict[str, str], **kwargs) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.extra_env = env

    def _build_environment(
        self,
        width: int = 80,
        height: int = 24,
        cell_width: int | None = None,
        cell_height: int | None = None,
    ) -> dict[str, str]:
        env = super()._build_environment(
            width=width, height=height, cell_width=cell_width, cell_height=cell_height
        )
        for name in _DROPPED:
            env.pop(name, None)
        env.update(self.extra_env)
        return env

    async def _open_app_process(
        self,
        width: int = 80,
        height: int = 24,
        cell_width: int | None = None,
        cell_height: int | None = None,
    ) -> Process:
        env = self._build_environment(width, height, cell_width, cell_height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        if process.stdin is None:
            raise RuntimeError("the app process has no stdin")
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self, timeout: float = 5.0) -> None:
        """Ask the app to quit; kill it if it has not after *timeout* seconds."""
        try:
            await asyncio.wait_for(super().stop(), timeout)
        except Exception:
            process = self._process
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
