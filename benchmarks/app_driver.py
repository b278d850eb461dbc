"""Runs the real DermQuiz app headless and times what a learner waits for, frame by frame.

Started by bench_app in a child process of its own; prints one JSON object of samples
(milliseconds) on its last line.

Usage: python -m benchmarks.app_driver ANSWER_PACK CASE IMAGE_PACK IMG_CASE NOIMG_CASE RUNS WARMUP

A "frame" is what the app hands its driver to draw: `App._display` is wrapped so that each
frame is also rendered to the terminal's byte stream (headless Textual skips that step, a
real terminal does not), and its time and screen are noted. "On screen" means that frame.

    answer                      an answer submitted -> the first frame of its feedback with
                                the feedback text laid out and the lines in view painted;
                                with the progress store (the attempt committed,
                                synchronous=FULL) and, alternating, the same app path with
                                no store (preview: nothing recorded)
    image                       a case asked for -> its first frame, and -> the first frame
                                with its picture; the picture case with cold caches (a new
                                cache folder: nothing in memory or on disk), the same case
                                again (seen this session), and the case without a picture
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path


class Frames:
    """Notes each frame the app draws; `wait(predicate)` resolves at the first frame after
    now for which predicate(screen) holds."""

    def __init__(self, app) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.waiters: list[tuple] = []
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            if renderable is None:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)  # what a terminal would be sent
            now = time.perf_counter()
            for waiter in list(self.waiters):
                predicate, future = waiter
                if not future.done() and predicate(screen):
                    future.set_result(now)
                    self.waiters.remove(waiter)

        app._display = display

    def wait(self, predicate) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((predicate, future))
        return future


async def _home(app, pilot) -> None:
    """Back to the home screen, settled, with the garbage of the last run collected (as the
    harness does before every timed run, so no run pays for the one before it)."""
    await pilot.pause()
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    await pilot.pause()
    gc.collect()
    await pilot.pause()


async def answer(
    app, pilot, frames: Frames, pack_dir: str, case_id: str, runs: int, warmup: int
) -> dict:
    from quiz.pack.loader import load_pack
    from quiz.tui.screens.case import CaseScreen
    from quiz.tui.screens.feedback import FeedbackScreen

    pack = load_pack(pack_dir).pack
    case = pack.case(case_id)
    choice = next(
        e for e in pack.choices(case) if e != case.answer
    )  # a wrong answer: the longest feedback
    out: dict[str, list[float]] = {
        "store": [],
        "no_store": [],
        "store_verdict": [],
        "no_store_verdict": [],
        "saved": [],
    }
    text: dict[str, str] = {}

    def feedback_shown(screen) -> bool:
        # The teaching text laid out (every line of it, for the body's width) and its widget
        # in the frame: the lines in view were painted into this frame; the rest are ready
        # strips, painted as they scroll into view.
        if not isinstance(screen, FeedbackScreen):
            return False
        body = screen.query_one("#feedback-text")
        return bool(body.source) and bool(body.painted) and body.region.height > 0

    async def one(preview: bool) -> tuple[float, float]:
        await _home(app, pilot)
        await app.begin_session(pack, "learn", cases=[case_id], preview=preview)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen), type(screen).__name__
        verdict = frames.wait(lambda s: isinstance(s, FeedbackScreen))
        shown = frames.wait(feedback_shown)
        start = time.perf_counter()
        screen.submit(choice, 3)
        first = await asyncio.wait_for(verdict, 30)
        end = await asyncio.wait_for(shown, 30)
        if not preview:
            out["saved"].append(float(screen.flow.results[-1].saved))
        body = app.screen.query_one("#feedback-text")
        text["verdict"] = str(app.screen.query_one("#verdict").render())
        text["body"] = body.source
        return (first - start) * 1000, (end - start) * 1000

    for _ in range(warmup):
        await one(False)
        await one(True)
    for i in range(runs):
        order = (False, True) if i % 2 == 0 else (True, False)
        for preview in order:
            key = "no_store" if preview else "store"
            first, whole = await one(preview)
            out[key + "_verdict"].append(first)
            out[key].append(whole)
    await _home(app, pilot)
    out["text"] = text  # type: ignore[assignment]
    return out


async def image(
    app,
    pilot,
    frames: Frames,
    pack_dir: str,
    img_case: str,
    noimg_case: str,
    runs: int,
    warmup: int,
) -> dict:
    from quiz.pack.loader import load_pack
    from quiz.tui.screens.case import CaseScreen
    from quiz.tui.widgets.image_viewer import ImageViewer

    pack = load_pack(pack_dir).pack
    caches = Path(tempfile.mkdtemp(prefix="caches-", dir=os.environ.get("DERMQUIZ_BENCH_TMP")))
    out: dict[str, list[float]] = {
        k: []
        for k in (
            "cold_first_frame",
            "cold_picture",
            "again_first_frame",
            "again_picture",
            "noimg_first_frame",
        )
    }

    def case_frame(screen) -> bool:
        return isinstance(screen, CaseScreen)

    def picture(screen) -> bool:
        if not isinstance(screen, CaseScreen):
            return False
        viewer = screen.query_one(ImageViewer)
        return viewer.current_view is not None or viewer.error is not None

    counter = 0

    async def open_case(case_id: str, with_picture: bool) -> tuple[float, float | None]:
        await _home(app, pilot)
        first = frames.wait(case_frame)
        shown = frames.wait(picture) if with_picture else None
        start = time.perf_counter()
        await app.begin_session(pack, "learn", cases=[case_id], preview=True)
        t_first = await asyncio.wait_for(first, 30)
        t_pic = await asyncio.wait_for(shown, 60) if shown is not None else None
        if with_picture:
            viewer = app.screen.query_one(ImageViewer)
            if viewer.error:
                raise SystemExit(f"the picture failed: {viewer.error}")
        return (t_first - start) * 1000, (t_pic - start) * 1000 if t_pic else None

    def new_cache() -> None:
        nonlocal counter
        counter += 1
        os.environ["DERMQUIZ_CACHE_DIR"] = str(caches / f"c{counter}")  # a new, empty store

    async def cold_and_again() -> None:
        new_cache()
        first, pic = await open_case(img_case, True)
        out["cold_first_frame"].append(first)
        out["cold_picture"].append(pic)
        first, pic = await open_case(img_case, True)
        out["again_first_frame"].append(first)
        out["again_picture"].append(pic)

    async def no_image() -> None:
        first, _ = await open_case(noimg_case, False)
        out["noimg_first_frame"].append(first)

    for _ in range(warmup):  # warm-up: imports, styles, the first screens
        new_cache()
        await open_case(img_case, True)
        await open_case(noimg_case, False)
    for samples in out.values():
        samples.clear()
    for i in range(runs):
        if i % 2 == 0:
            await cold_and_again()
            await no_image()
        else:
            await no_image()
            await cold_and_again()
    await _home(app, pilot)
    return out


async def bare_switch(verdict: str, body: str, runs: int, warmup: int) -> list[float]:
    """The baseline for answer -> feedback: a bare Textual app switching from a screen of
    one line to a screen of the same text (the verdict and the teaching text as Rich's
    Markdown in one Static), to that screen's first frame."""
    from rich.markdown import Markdown
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class Shown(Screen):
        def compose(self):
            yield Static(verdict)
            yield Static(Markdown(body))

    class Bare(App):
        def compose(self):
            yield Static("The case")

    app = Bare()
    out: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        frames = Frames(app)
        for i in range(warmup + runs):
            await _home(app, pilot)
            shown = frames.wait(lambda screen: isinstance(screen, Shown))
            start = time.perf_counter()
            app.push_screen(Shown())
            end = await asyncio.wait_for(shown, 30)
            if i >= warmup:
                out.append((end - start) * 1000)
    return out


async def both(args: list[str]) -> dict:
    """answer and image in one app: ANSWER_PACK CASE IMAGE_PACK IMG_CASE NOIMG_CASE RUNS WARMUP"""
    from quiz.tui.app import AppOptions, DermQuizApp

    answer_pack, case_id, image_pack, img_case, noimg_case = args[:5]
    runs, warmup = int(args[5]), int(args[6])
    app = DermQuizApp(AppOptions(data_dir=Path(os.environ["DERMQUIZ_DATA_DIR"])))
    async with app.run_test(size=(120, 40)) as pilot:
        frames = Frames(app)
        await app.store.open()
        if app.store.error:
            raise SystemExit(f"the progress store did not open: {app.store.error}")
        result = {
            "answer": await answer(app, pilot, frames, answer_pack, case_id, runs, warmup),
            "image": await image(
                app, pilot, frames, image_pack, img_case, noimg_case, runs, warmup
            ),
        }
        await _home(app, pilot)
    text = result["answer"].pop("text")
    result["answer"]["bare_switch"] = await bare_switch(text["verdict"], text["body"], runs, warmup)
    return result


def main(argv: list[str]) -> None:
    print(json.dumps(asyncio.run(both(argv))))


if __name__ == "__main__":
    main(sys.argv[1:])
