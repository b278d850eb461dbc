"""The HTTP and websocket side of `dermquiz serve` (Starlette, run by uvicorn).

Routes: `/c/<token>` the learner's page, `/ws/<token>` their terminal, `/` the name form
(open mode) or a refusal, `/join` the form's post, `/static/...` the terminal's own files.
Anything else is 404; static paths cannot leave the static folder (Starlette checks).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from urllib.parse import parse_qs

import textual_serve_asgi
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect
from textual_serve.download_manager import DownloadManager

from quiz.serve import pages
from quiz.serve.config import ServeConfig
from quiz.serve.roster import Learner, TokenBook, new_token
from quiz.serve.sessions import Live, SessionBook

log = logging.getLogger("dermquiz.serve")

STATIC_DIR = Path(textual_serve_asgi.__file__).resolve().parent / "static"
_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value or default)))
    except ValueError:
        return default


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=_HEADERS)


class ClassServer:
    def __init__(self, config: ServeConfig, tokens: TokenBook, open_mode: bool) -> None:
        self.config = config
        self.tokens = tokens
        self.open_mode = open_mode
        self.sessions = SessionBook(config.max_sessions, config.data_dir)
        self.downloads = DownloadManager()
        self.app = Starlette(
            routes=[
                Route("/", self.index),
                Route("/join", self.join, methods=["POST"]),
                Route("/c/{token}", self.learner_page),
                WebSocketRoute("/ws/{token}", self.terminal),
                Mount("/static", StaticFiles(directory=STATIC_DIR, follow_symlink=False)),
            ],
            exception_handlers={404: self.not_found, 405: self.not_found},
        )

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return _html(pages.not_found(), 404)

    # -- pages ----------------------------------------------------------------------------
    async def index(self, request: Request) -> Response:
        if self.open_mode:
            return _html(pages.name_form())
        return _html(pages.refused(), 403)

    async def join(self, request: Request) -> Response:
        if not self.open_mode:
            return _html(pages.refused(), 403)
        from quiz.progress.learner import LearnerNameError, clean_learner

        body = b""
        async for chunk in request.stream():  # a name is short: refuse a flood
            body += chunk
            if len(body) > 4096:
                return _html(pages.name_form("That is too long for a name."), 413)
        form = parse_qs(body.decode("utf-8", "replace"))
        try:
            name = clean_learner((form.get("name") or [""])[0])
        except LearnerNameError as exc:
            return _html(pages.name_form(str(exc).split(":")[0].capitalize() + "."), 400)
        if self.sessions.is_live(name):
            return _html(
                pages.name_form(
                    f"Someone is playing as “{name}” now: add an initial or a number to your name."
                ),
                409,
            )
        if self.sessions.is_full_for(name):
            return _html(pages.class_full(self.config.max_sessions), 503)
        learner = Learner(name, name, new_token())
        self.tokens.add(learner)
        self.sessions.log(name, "joined", name=name)
        return RedirectResponse(f"/c/{learner.token}", status_code=303, headers=_HEADERS)

    async def learner_page(self, request: Request) -> Response:
        learner = self.tokens.find(request.path_params["token"])
        if learner is None:
            return _html(pages.refused(), 403)
        if self.sessions.is_full_for(learner.id):
            return _html(pages.class_full(self.config.max_sessions), 503)
        font = _int(request.query_params.get("fontsize"), 16, 8, 40)
        return _html(
            pages.terminal(f"/ws/{learner.token}", f"{self.config.title} · {learner.name}", font)
        )

    # -- the terminal ---------------------------------------------------------------------
    async def terminal(self, websocket: WebSocket) -> None:
        from quiz.serve.process import LearnerProcess

        learner = self.tokens.find(websocket.path_params["token"])
        if learner is None:
            await websocket.close(code=4403)  # before accept: the handshake is refused
            return
        await websocket.accept()
        params = websocket.query_params
        width, height = (
            _int(params.get("width"), 80, 20, 500),
            _int(params.get("height"), 24, 8, 300),
        )
        cell_w, cell_h = (
            _int(params.get("cellWidth"), 0, 0, 200),
            _int(params.get("cellHeight"), 0, 0, 200),
        )

        async def close_browser() -> None:
            try:
                await websocket.close()
            except RuntimeError:  # closed already
                pass

        live = Live(learner.id, close_browser)
        if not await self.sessions.claim(learner.id, live):
            await websocket.close(code=4503, reason="the class is full")
            return
        process = LearnerProcess(
            self.config.learner_argv(learner.id),
            self.config.learner_env(learner.id),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_text,
            close=close_browser,
            download_manager=self.downloads,
        )
        live.process = process
        self.sessions.log(learner.id, "connected", name=learner.name)
        try:
            await process.start(width, height, cell_width=cell_w, cell_height=cell_h)
            relay = asyncio.create_task(self._relay(websocket, process))
            app_task = process._task  # ends when the app exits, crashed or quit
            done, _ = await asyncio.wait({relay, app_task}, return_when=asyncio.FIRST_COMPLETED)
            if relay not in done:
                relay.cancel()
                await close_browser()  # the page then says the session ended
            elif relay.exception() is not None:
                raise relay.exception()
        except (WebSocketDisconnect, RuntimeError, ConnectionError):
            pass
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the session of %s failed", learner.id)
        finally:
            await process.stop()
            await self.sessions.release(learner.id, live)
            self.sessions.log(learner.id, "left")

    async def _relay(self, websocket: WebSocket, process) -> None:
        """Browser -> app: keys, resizes, focus; pings answered here."""
        while True:
            try:
                envelope = await websocket.receive_json()
            except (ValueError, KeyError):
                continue  # not JSON: ignored, as textual-serve does
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await process.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await process.set_terminal_size(
                    _int(str(data.get("width")), 80, 20, 500),
                    _int(str(data.get("height")), 24, 8, 300),
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await process.blur()
            elif kind == "focus":
                await process.focus()
